"""Indicators against the program's goals, computed from content-model Items: pure, no I/O, no Pelican.

Used by the build (the public agenda and transparency pages) and by the coordinator's reports
(`python -m publish informe|agenda`). Periods are calendar years, quarters and months in
America/Mexico_City.
"""
