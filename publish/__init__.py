"""Publishing pipeline: plan, deploy, verify, announce — each item once, recorded in a ledger.

Reads only the build's manifest (output/.publicacion/manifiesto.json) and its own state.
"""
