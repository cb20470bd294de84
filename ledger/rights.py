"""The books' side of data rights (consent/ decides when, and keeps its own records):

- erasure: a person's or a shop's names and numbers taken out of the books, which stay,
  pseudonymised, for the tax-law period;
- export: what the books hold about a shop or one person, as plain rows;
- retention: the books of shops closed longer than that period deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, delete, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import SQLModel, col, select

from .db import rows_changed
from .tables import (
    Allocation,
    Business,
    CounterRow,
    Expense,
    Invoice,
    InvoiceLine,
    Member,
    Operation,
    Party,
    Payment,
    Product,
    Purchase,
    StockMove,
)


@dataclass(frozen=True, slots=True)
class Pseudonymised:
    """Parties taken out of the books: how each was written, shop by shop (so the shops' chat
    logs can forget the same words), and how many."""

    mentions: tuple[tuple[int, dict[str, str]], ...] = ()  # (business id, words -> stand-in)
    members: int = 0

    @property
    def parties(self) -> int:
        return len(self.mentions)


def pseudonym_of(kind: str, party_id: int | None) -> str:
    """The name a pseudonymised party goes by in the books."""
    return f"{'Supplier' if kind == 'supplier' else 'Customer'} #{party_id}"


def _mentions(party: Party) -> dict[str, str]:
    """The ways a party is written in chats (full name, first name, phone with and without
    its "+"), each mapped to the pseudonym that replaces it."""
    stand_in = pseudonym_of(party.kind, party.id)
    words: dict[str, str] = {}
    name = " ".join(party.name.split())
    if name:
        words[name] = stand_in
        first = name.split()[0]
        if len(first) >= 3:
            words[first] = stand_in
    if party.phone:
        words[party.phone] = stand_in
        words[party.phone.lstrip("+")] = stand_in
    return words


async def _pseudonymise(session: AsyncSession, parties: list[Party]) -> Pseudonymised:
    mentions = tuple((p.business_id, _mentions(p)) for p in parties)
    for party in parties:
        party.name = pseudonym_of(party.kind, party.id)
        party.phone = ""
        party.aliases = ""
        party.pseudonymised = True
    await session.flush()
    return Pseudonymised(mentions)


async def pseudonymise_person(
    session: AsyncSession, addresses: list[str], business_id: int | None = None
) -> Pseudonymised:
    """The parties with these phone numbers (in one shop, or in every shop) go by a pseudonym;
    totals, balances and stock are untouched, so every report stays as it was."""
    where: list[ColumnElement[bool]] = [col(Party.phone).in_(addresses)]
    if business_id is not None:
        where.append(col(Party.business_id) == business_id)
    found = list((await session.execute(select(Party).where(*where))).scalars())
    return await _pseudonymise(session, found)


def _forget_member(member: Member) -> None:
    member.phone = f"erased-{member.id}"  # unique per shop, and no one's number
    member.name = ""
    member.active = False
    member.daily_summary = False
    member.daily_chart = False


async def close_business(session: AsyncSession, business_id: int, at: datetime) -> Pseudonymised:
    """Close a shop: its own contact details, its parties' and its members' names and numbers
    leave the books; the books stay until the retention purge deletes them."""
    business = await session.get(Business, business_id)
    if business is None:
        raise LookupError(f"no shop {business_id}")
    business.closed_at = at
    business.phone = ""
    business.upi_id = ""
    business.payment_link = ""
    found = await session.execute(select(Party).where(Party.business_id == business_id))
    done = await _pseudonymise(session, list(found.scalars()))
    members = list(
        (await session.execute(select(Member).where(Member.business_id == business_id))).scalars()
    )
    for member in members:
        _forget_member(member)
    await session.flush()
    return Pseudonymised(done.mentions, members=len(members))


async def erase_staff(session: AsyncSession, phone: str) -> int:
    """A staff member leaves every shop they work in, and their name and number with them;
    the sales they booked stay in the books. How many memberships were erased."""
    found = await session.execute(
        select(Member).where(col(Member.phone) == phone, col(Member.role) == "staff")
    )
    members = list(found.scalars())
    for member in members:
        _forget_member(member)
    await session.flush()
    return len(members)


async def member_phones(session: AsyncSession, business_id: int) -> list[str]:
    """The phones of a shop's members (to clear their chats before the shop is closed)."""
    found = await session.execute(select(Member.phone).where(Member.business_id == business_id))
    return list(found.scalars())


async def rename_member(session: AsyncSession, address: str, name: str) -> int:
    """Correct a member's name in every shop they work in; how many shops."""
    done = await session.execute(
        update(Member)
        .where(col(Member.phone) == address, col(Member.active).is_(True))
        .values(name=name)
    )
    return rows_changed(done)


# --- the books as plain rows, for a data-rights export ------------------------------------

Rows = list[dict[str, Any]]


def plain(value: Any) -> Any:
    """A value as JSON and CSV write it: instants in ISO 8601, amounts as exact strings."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def rows_of(items: Sequence[SQLModel], *, drop: tuple[str, ...] = ()) -> Rows:
    """Table rows as plain dicts, without the columns in `drop`."""
    return [{k: plain(v) for k, v in item.model_dump().items() if k not in drop} for item in items]


async def _all(session: AsyncSession, table: type[SQLModel], *where: Any) -> list[Any]:
    key = sa_inspect(table).columns["id"]  # every table here has an integer id
    found = await session.execute(select(table).where(*where).order_by(key))
    return list(found.scalars())


async def shop_books(session: AsyncSession, business_id: int) -> dict[str, Rows]:
    """Everything a shop's books hold: the shop, its members, products, parties and every
    document, as rows."""
    mine = business_id
    return {
        "shop": rows_of(await _all(session, Business, Business.id == mine)),
        "members": rows_of(await _all(session, Member, Member.business_id == mine)),
        "products": rows_of(await _all(session, Product, Product.business_id == mine)),
        "parties": rows_of(await _all(session, Party, Party.business_id == mine)),
        "invoices": rows_of(await _all(session, Invoice, Invoice.business_id == mine)),
        "invoice_lines": rows_of(await _all(session, InvoiceLine, InvoiceLine.business_id == mine)),
        "payments": rows_of(await _all(session, Payment, Payment.business_id == mine)),
        "purchases": rows_of(await _all(session, Purchase, Purchase.business_id == mine)),
        "expenses": rows_of(await _all(session, Expense, Expense.business_id == mine)),
        "stock_moves": rows_of(await _all(session, StockMove, StockMove.business_id == mine)),
    }


async def person_books(
    session: AsyncSession, address: str, business_id: int | None = None
) -> dict[str, Rows]:
    """What every shop's books (or the one shop's) hold about one customer: their accounts,
    invoices and payments, and nothing of anyone else."""
    where = [Party.phone == address, col(Party.pseudonymised).is_(False)]
    if business_id is not None:
        where.append(Party.business_id == business_id)
    parties = await _all(session, Party, *where)
    shops: Rows = []
    invoices: list[Invoice] = []
    lines: list[InvoiceLine] = []
    payments: list[Payment] = []
    for party in parties:
        business = await session.get(Business, party.business_id)
        assert business is not None
        shops.append({"shop_id": business.id, "shop": business.name, "currency": business.currency})
        own = await _all(
            session, Invoice, Invoice.business_id == party.business_id, Invoice.party_id == party.id
        )
        invoices += own
        lines += await _all(
            session,
            InvoiceLine,
            InvoiceLine.business_id == party.business_id,
            col(InvoiceLine.invoice_id).in_([i.id for i in own]),
        )
        payments += await _all(
            session, Payment, Payment.business_id == party.business_id, Payment.party_id == party.id
        )
    return {
        "shops": shops,
        "accounts": rows_of(parties, drop=("aliases",)),
        "invoices": rows_of(invoices, drop=("member_id",)),
        "invoice_lines": rows_of(lines),
        "payments": rows_of(payments),
    }


# --- the end of the retention period ------------------------------------------------------

# Children before parents, so that foreign keys hold at every statement.
_BOOKS: tuple[type[SQLModel], ...] = (
    Allocation,
    Operation,
    Payment,
    StockMove,
    InvoiceLine,
    Invoice,
    Purchase,
    Expense,
    CounterRow,
    Product,
    Party,
    Member,
)


async def closed_before(session: AsyncSession, cutoff: datetime) -> list[int]:
    """The shops closed before `cutoff`."""
    found = await session.execute(
        select(Business.id).where(
            col(Business.closed_at).is_not(None), col(Business.closed_at) < cutoff
        )
    )
    return [bid for bid in found.scalars() if bid is not None]


async def delete_books(session: AsyncSession, shops: list[int]) -> int:
    """Delete these shops' books and the shops; how many rows went. (Rows of other packages
    that point at a shop go first: consent.retention.) Stock moves may reverse each other,
    so the links between them are cut first."""
    if not shops:
        return 0
    await session.execute(
        update(StockMove).where(col(StockMove.business_id).in_(shops)).values(reverses_id=None)
    )
    count = 0
    for table in _BOOKS:
        owner = sa_inspect(table).columns["business_id"]
        count += rows_changed(await session.execute(delete(table).where(owner.in_(shops))))
    done = await session.execute(delete(Business).where(col(Business.id).in_(shops)))
    return count + rows_changed(done)
