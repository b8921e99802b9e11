"""Publishing pipeline: plan, deploy, verify, announce — each item once, recorded in a ledger.

Reads only the build's manifest (output/.publicacion/manifiesto.json) and its own state; the
coordinator's reports (`reports/`) also read the content, with the content model, and never write
anywhere but the state folder.
"""
