"""The coordinator's reports: the period report against the program's goals (`python -m publish
informe 2026-T4`, `make informe`) and the week's agenda (`python -m publish agenda`, `make agenda`).

They read the content with the content model, the ledger, the contact directory and (read-only)
the press synthesis's notes database, and write only under the state folder (`estado/informes/`):
never into output/ or the deployed site.

    sources.py     gather: site settings, content, ledger rows, directory
    deliveries.py  what went out on which channel, and emails per district (pure)
    freshness.py   how recently the directory was verified (pure)
    media.py       the press synthesis's notes of the period, by the balance's rules, cards as they are now (read-only)
    report.py      the report's figures for a period (pure)
    weekly.py      the week's agenda, and its text for the terminal (pure)
    render.py      HTML and CSV of a report, HTML and text of an agenda (pure)
    files.py       writing them under the state folder (the only writing)
    commands.py    the two commands
    cli.py         their arguments on publish's parser (commands.py imported when one runs)
"""
