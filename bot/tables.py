"""Imports every package's tables so migrations see one complete metadata."""

import ledger.tables  # noqa: F401
