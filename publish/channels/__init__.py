"""Channels: small adapters behind one protocol (see base.py)."""
