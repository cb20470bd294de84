"""Random days of trading keep the books' invariants, and undo puts every report back."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledger import (
    CATEGORIES,
    AlreadyVoid,
    Database,
    InsufficientStock,
    InvalidInput,
    NotFound,
    NothingToUndo,
    ReceiveItem,
    SaleItem,
    add_party,
    adjust_stock,
    dues_report,
    parties,
    products,
    receive_stock,
    record_expense,
    record_payment,
    sell,
    set_price,
    stock_report,
    undo_last,
    void_by_number,
)
from ledger.corrections import last_entry, link_replacement, replace_entry
from ledger.periods import Period
from ledger.statements import statement
from ledger.tables import Invoice
from ledger.types import utcnow
from tests.factories import uae_shop
from tests.ledger.support import (
    Reports,
    all_reports,
    due_from_documents,
    invoice_sums,
    moves_total,
    staff,
)

PRODUCTS = ("Rice 5kg", "Milk 1L", "Soap")
ALL_TIME = Period(
    "all",
    datetime(2000, 1, 1, tzinfo=UTC),
    datetime(2100, 1, 1, tzinfo=UTC),
    date(2000, 1, 1),
    date(2099, 12, 31),
)
# Customers and a supplier: any of them may buy, sell to the shop, pay or be paid.
PARTIES = ("Ahmed Khan", "Sara Ali", "Gulf Dairy")

quantities = st.one_of(
    st.integers(1, 6).map(Decimal),
    st.integers(1, 4000).map(lambda n: Decimal(n).scaleb(-3)),
)
paid_at_sale = st.one_of(st.sampled_from(["full", "credit"]), st.integers(0, 3000))


@dataclass(frozen=True)
class Sell:
    product: int
    qty: Decimal
    party: int | None
    paid: str | int
    allow_negative: bool


@dataclass(frozen=True)
class Receive:
    product: int
    qty: Decimal
    party: int | None
    cost: int | None
    paid: str | None


@dataclass(frozen=True)
class Adjust:
    product: int
    change: Decimal | None
    set_to: Decimal | None


@dataclass(frozen=True)
class Pay:
    party: int
    amount: int
    direction: str


@dataclass(frozen=True)
class Spend:
    amount: int
    category: str


@dataclass(frozen=True)
class Price:
    product: int
    price: int


@dataclass(frozen=True)
class Undo:
    pass


Op = Sell | Receive | Adjust | Pay | Spend | Price | Undo

products_ix = st.integers(0, len(PRODUCTS) - 1)
parties_ix = st.integers(0, len(PARTIES) - 1)
operations: st.SearchStrategy[Op] = st.one_of(
    st.builds(Sell, products_ix, quantities, st.none() | parties_ix, paid_at_sale, st.booleans()),
    st.builds(
        Receive,
        products_ix,
        quantities,
        st.none() | parties_ix,
        st.none() | st.integers(0, 5000),
        st.sampled_from([None, "full", "credit"]),
    ),
    st.builds(
        Adjust,
        products_ix,
        st.none() | st.integers(-5, 5).map(Decimal),
        st.none() | st.integers(0, 30).map(Decimal),
    ),
    st.builds(Pay, parties_ix, st.integers(1, 9000), st.sampled_from(["in", "out"])),
    st.builds(Spend, st.integers(1, 50_000), st.sampled_from(CATEGORIES)),
    st.builds(Price, products_ix, st.integers(0, 9999)),
    st.just(Undo()),
)

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    # The db fixture is one database per test; each example opens its own shop inside it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Shop:
    id: int
    member: int
    products: list[int]
    parties: list[int]


async def open_shop(db: Database, inclusive: bool) -> Shop:
    async with db.session() as s:
        shop = await uae_shop(s, inclusive=inclusive)
        await add_party(s, shop.id, name="Sara Ali", state="DU")
        member = await staff(s, shop.id)
        by_name = {p.name: p.id for p in await products(s, shop.id)}
        people = {p.name: p.id for p in await parties(s, shop.id)}
    return Shop(
        shop.id,
        member.id,
        [by_name[n] for n in PRODUCTS],
        [people[n] for n in PARTIES],
    )


async def apply(db: Database, shop: Shop, op: Op, now: datetime) -> None:
    """Run one operation in its own transaction, as the chat would."""
    async with db.session() as s:
        if isinstance(op, Sell):
            await sell(
                s,
                shop.id,
                [SaleItem(shop.products[op.product], op.qty)],
                party_id=None if op.party is None else shop.parties[op.party],
                paid=op.paid,  # type: ignore[arg-type]  # "full" | "credit" | int
                member_id=shop.member,
                at=now,
                allow_negative_stock=op.allow_negative,
            )
        elif isinstance(op, Receive):
            await receive_stock(
                s,
                shop.id,
                [ReceiveItem(shop.products[op.product], op.qty, op.cost)],
                supplier_id=None if op.party is None else shop.parties[op.party],
                paid=op.paid,  # type: ignore[arg-type]  # None | "full" | "credit"
                member_id=shop.member,
                at=now,
            )
        elif isinstance(op, Adjust):
            product = shop.products[op.product]
            await adjust_stock(
                s, shop.id, product, change=op.change, set_to=op.set_to, member_id=shop.member
            )
        elif isinstance(op, Pay):
            await record_payment(
                s,
                shop.id,
                party_id=shop.parties[op.party],
                amount_minor=op.amount,
                direction=op.direction,
                member_id=shop.member,
                at=now,
            )
        elif isinstance(op, Spend):
            await record_expense(
                s,
                shop.id,
                amount_minor=op.amount,
                category=op.category,
                member_id=shop.member,
                at=now,
            )
        elif isinstance(op, Price):
            await set_price(s, shop.id, shop.products[op.product], op.price, member_id=shop.member)
        else:
            await undo_last(s, shop.id, shop.member)


async def check_books(db: Database, shop: Shop) -> None:
    """Stock equals moves, invoices equal their lines, dues equal their documents."""
    async with db.session() as s:
        stock = {line.product_id: line.on_hand for line in await stock_report(s, shop.id)}
        for view in await products(s, shop.id):
            moved = await moves_total(s, view.id)
            assert view.on_hand == moved, view.name
            assert stock[view.id] == moved, view.name
        for inv in await invoice_sums(s, shop.id):
            assert inv.stored == inv.from_lines, inv.number
            assert inv.paid == inv.allocated, inv.number
            assert 0 <= inv.paid <= inv.stored[2], inv.number
        dues = await dues_report(s, shop.id)
        listed = {d.party_id: d.balance_minor for d in dues.all}
        for party in await parties(s, shop.id):
            recomputed = await due_from_documents(s, party.id)
            assert party.balance_minor == recomputed, party.name
            assert listed.get(party.id, 0) == recomputed, party.name
            account = await statement(s, shop.id, party.id, ALL_TIME)
            assert account.opening_minor == 0, party.name
            assert account.closing_minor == recomputed, party.name
            assert sum(x.debit_minor - x.credit_minor for x in account.lines) == recomputed


@SETTINGS
@given(inclusive=st.booleans(), ops=st.lists(operations, min_size=1, max_size=18))
async def test_random_trading_keeps_stock_invoices_and_dues_equal_to_their_documents(
    db: Database, inclusive: bool, ops: list[Op]
) -> None:
    shop = await open_shop(db, inclusive)
    now = utcnow()
    for op in ops:
        # Refused operations write nothing; the invariants below still hold.
        with contextlib.suppress(InsufficientStock, InvalidInput, NothingToUndo):
            await apply(db, shop, op, now)
    await check_books(db, shop)


@SETTINGS
@given(ops=st.lists(operations, min_size=1, max_size=14))
async def test_undo_returns_every_report_to_what_it_was_before_the_operation(
    db: Database, ops: list[Op]
) -> None:
    shop = await open_shop(db, inclusive=True)
    now = utcnow()
    before: list[Reports] = []  # reports before each operation not yet undone, newest last
    for op in ops:
        async with db.session() as s:
            snapshot = await all_reports(s, shop.id, now)
        try:
            await apply(db, shop, op, now)
        except (InsufficientStock, InvalidInput):
            continue
        except NothingToUndo:
            assert isinstance(op, Undo) and not before
            continue
        if isinstance(op, Undo):
            async with db.session() as s:
                assert await all_reports(s, shop.id, now) == before.pop()
        else:
            before.append(snapshot)
    await check_books(db, shop)


@dataclass(frozen=True)
class VoidLast:
    pass


@dataclass(frozen=True)
class AmendLast:
    qty: Decimal


corrections = st.one_of(st.just(VoidLast()), st.builds(AmendLast, quantities))


async def correct(db: Database, shop: Shop, op: VoidLast | AmendLast, now: datetime) -> None:
    """Cancel the newest invoice, or correct the member's last sale's quantity, as the chat
    does: the old document voided (number kept) and the corrected one booked, in one go."""
    async with db.session() as s:
        if isinstance(op, VoidLast):
            await void_by_number(s, shop.id, "last", shop.member)  # undo re-issues it
            return
        entry = await last_entry(s, shop.id, shop.member)
        if entry.kind != "sale" or entry.invoice_id is None:
            raise NothingToUndo("not a sale")
        line = entry.lines[0]
        product = next(p.id for p in await products(s, shop.id) if p.name == line.product)
        party = await s.get(Invoice, entry.invoice_id)
        await replace_entry(s, shop.id, entry.operation_id)
        await sell(
            s,
            shop.id,
            [SaleItem(product, op.qty, line.unit_price_minor)],
            party_id=party.party_id if party else None,
            paid="credit" if entry.paid_minor == 0 else "full",
            member_id=shop.member,
            at=now,
            allow_negative_stock=True,
        )
        await link_replacement(s, shop.id, entry.invoice_id, shop.member)


@SETTINGS
@given(ops=st.lists(st.one_of(operations, corrections), min_size=1, max_size=18))
async def test_voids_and_corrections_among_trading_keep_every_account_equal_to_its_documents(
    db: Database, ops: list[Op | VoidLast | AmendLast]
) -> None:
    shop = await open_shop(db, True)
    now = utcnow()
    for op in ops:
        try:
            if isinstance(op, VoidLast | AmendLast):
                await correct(db, shop, op, now)
            else:
                await apply(db, shop, op, now)
        except (InsufficientStock, InvalidInput, NothingToUndo, NotFound, AlreadyVoid):
            continue
    await check_books(db, shop)
