"""Translations of records: naming, loading and checking, state (current/outdated/missing)."""
