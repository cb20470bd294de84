"""Typed errors of the books; bot/ turns each into a friendly reply."""

from __future__ import annotations

from decimal import Decimal


class LedgerError(Exception):
    """Base of every error the ledger raises on purpose."""


class NotFound(LedgerError):
    """A row that does not exist in this business."""


class InvalidInput(LedgerError):
    """A value the books cannot accept (negative quantity, empty sale, ...)."""


class InsufficientStock(LedgerError):
    """A sale would take stock below zero; the caller may allow it explicitly."""

    def __init__(self, shortages: list[tuple[str, Decimal, Decimal]]) -> None:
        self.shortages = shortages  # (product name, on hand, wanted)
        names = ", ".join(
            f"{name} ({on_hand} left, {wanted} wanted)" for name, on_hand, wanted in shortages
        )
        super().__init__(f"not enough stock: {names}")


class NothingToUndo(LedgerError):
    """The member has no operation left to undo."""


class AlreadyVoid(LedgerError):
    """The document is void already."""


class CatalogFileError(LedgerError):
    """A catalog file with one or more bad fields; lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("bad catalog file:\n" + "\n".join(f"  - {p}" for p in problems))
