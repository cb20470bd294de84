"""Who may do what: one readable table of role × intent. The role decides, never the message."""

from __future__ import annotations

from typing import Literal

Role = Literal["owner", "staff", "customer"]

OWNER, STAFF, CUSTOMER = "owner", "staff", "customer"

PERMISSIONS: dict[str, frozenset[str]] = {
    # writes to the books
    "record_sale": frozenset({OWNER, STAFF}),
    "add_stock": frozenset({OWNER, STAFF}),
    "adjust_stock": frozenset({OWNER, STAFF}),
    "record_payment": frozenset({OWNER, STAFF}),
    "add_product": frozenset({OWNER}),
    "set_price": frozenset({OWNER}),
    "record_expense": frozenset({OWNER}),
    "undo": frozenset({OWNER, STAFF}),
    "add_party": frozenset({OWNER, STAFF}),
    "void_invoice": frozenset({OWNER}),
    "amend": frozenset({OWNER, STAFF}),
    # documents and questions
    "send_invoice": frozenset({OWNER, STAFF, CUSTOMER}),  # a customer only ever gets their own
    "query_sales": frozenset({OWNER}),
    "query_stock": frozenset({OWNER, STAFF}),
    "query_dues": frozenset({OWNER, CUSTOMER}),  # a customer only ever sees their own
    "query_expenses": frozenset({OWNER}),
    "query_profit": frozenset({OWNER}),
    "send_statement": frozenset({OWNER, STAFF, CUSTOMER}),  # a customer only ever gets their own
    "export_books": frozenset({OWNER}),
    "tax_report": frozenset({OWNER}),
    # the shop and data rights
    "add_staff": frozenset({OWNER}),
    "export_data": frozenset({OWNER, STAFF, CUSTOMER}),  # staff: their own, not the shop's
    "erase_data": frozenset({OWNER, STAFF, CUSTOMER}),
    # conversation
    "opt_out": frozenset({OWNER, STAFF, CUSTOMER}),
    "opt_in": frozenset({OWNER, STAFF, CUSTOMER}),
    "confirm": frozenset({OWNER, STAFF, CUSTOMER}),
    "cancel": frozenset({OWNER, STAFF, CUSTOMER}),
    "help": frozenset({OWNER, STAFF, CUSTOMER}),
    "unknown": frozenset({OWNER, STAFF, CUSTOMER}),
}


def allowed(role: str, intent: str) -> bool:
    """Whether a role may do an intent; anything not in the table is refused."""
    return role in PERMISSIONS.get(intent, frozenset())
