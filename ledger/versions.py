"""The catalog version: raised in the same transaction as any write that changes what the parser
knows of a shop (a product's name, aliases, unit, price or being active; a party's name,
aliases or kind), whichever service made it.

It is an ORM event rather than a call in each service so that no service (or a later one, or
consent's pseudonymisation) can forget it. A sale changes stock and balances only: no bump.
"""

from __future__ import annotations

from itertools import chain
from typing import Any

from sqlalchemy import event, inspect, update
from sqlalchemy.orm import Session, UOWTransaction
from sqlmodel import col

from .tables import Business, Party, Product

_PARSER_FIELDS: dict[type, tuple[str, ...]] = {
    Product: ("name", "aliases", "unit", "price_minor", "active"),
    Party: ("name", "aliases", "kind", "phone"),
}


def catalog_changes(session: Session) -> set[int]:
    """The businesses whose catalog the pending flush changes."""
    changed: set[int] = set()
    for row in chain(session.new, session.deleted):
        if isinstance(row, Product | Party):
            changed.add(row.business_id)
    for row in session.dirty:
        fields = _PARSER_FIELDS.get(type(row))
        if fields is None:
            continue
        state = inspect(row)
        if any(state.attrs[name].history.has_changes() for name in fields):
            changed.add(row.business_id)
    return changed


@event.listens_for(Session, "before_flush")
def _bump(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    changed = catalog_changes(session)
    if changed:
        session.connection().execute(
            update(Business)
            .where(col(Business.id).in_(sorted(changed)))
            .values(catalog_version=col(Business.catalog_version) + 1)
            .execution_options(synchronize_session=False)
        )
