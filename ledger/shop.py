"""Businesses and their members."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import chain
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Connection, Row, bindparam, event
from sqlalchemy import select as sa_select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, UOWTransaction
from sqlmodel import col, select

from .db import keep, table
from .errors import InvalidInput, NotFound
from .hot import prebuilt
from .phones import normalize_phone
from .places import emirate_code, gst_state_code, gstin_problem
from .tables import Business, Member
from .views import BusinessView, MemberView

ROLES = ("owner", "staff")
LANGUAGES = ("en", "hi", "ar")


def reminder_ladder(text: str) -> tuple[int, ...]:
    """The reminder days as stored ("3,7,15"), sorted, without repeats; junk is skipped."""
    days = {int(part) for part in text.split(",") if part.strip().isdigit() and int(part) > 0}
    return tuple(sorted(days))


def business_view(row: Business | Row[Any]) -> BusinessView:
    """The read model of a business row (an ORM object or a Core row of its columns)."""
    assert row.id is not None
    layout: Literal["a4", "receipt80"] = "receipt80" if row.invoice_layout == "receipt80" else "a4"
    return BusinessView(
        id=row.id,
        name=row.name,
        currency=row.currency,
        country=row.country,
        tax_name=row.tax_name,
        default_tax_rate=row.tax_rate,
        prices_include_tax=row.prices_include_tax,
        timezone=row.timezone,
        address=row.address,
        phone=row.phone,
        tax_id=row.tax_id,
        upi_id=row.upi_id,
        state=row.state,
        payment_link=row.payment_link,
        reminder_days=reminder_ladder(row.reminder_days),
        catalog_version=row.catalog_version,
        invoice_layout=layout,
        closing_time=row.closing_time,
    )


def member_view(row: Member) -> MemberView:
    """The read model of a member row."""
    assert row.id is not None
    return MemberView(
        row.id,
        row.business_id,
        row.phone,
        row.name,
        row.role,
        row.language,
        row.daily_summary,
        row.daily_chart,
    )


async def create_business(
    session: AsyncSession,
    *,
    name: str,
    currency: str,
    country: str,
    tax_name: str,
    tax_rate: Decimal,
    prices_include_tax: bool,
    timezone: str,
    address: str = "",
    phone: str = "",
    tax_id: str = "",
    state: str = "",
    upi_id: str = "",
    invoice_layout: str = "a4",
    payment_link: str = "",
) -> BusinessView:
    """Open a new set of books."""
    if not name.strip():
        raise InvalidInput("a shop needs a name")
    if len(currency) != 3 or not currency.isalpha():
        raise InvalidInput(f"currency must be a 3-letter code, not {currency!r}")
    if not Decimal(0) <= tax_rate < Decimal(100):
        raise InvalidInput(f"tax rate must be between 0 and 100, not {tax_rate}")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidInput(f"unknown time zone {timezone!r}") from exc
    row = Business(
        name=name.strip(),
        currency=currency.upper(),
        country=country.upper(),
        tax_name=tax_name,
        tax_rate=tax_rate,
        prices_include_tax=prices_include_tax,
        timezone=timezone,
        address=address,
        phone=phone,
        tax_id=tax_id,
        state=state,
        upi_id=upi_id,
        payment_link=payment_link,
        invoice_layout=invoice_layout,
    )
    session.add(row)
    await session.flush()
    return business_view(row)


async def get_business(session: AsyncSession, business_id: int) -> BusinessView:
    """The business, or NotFound."""
    row = await session.get(Business, business_id)
    if row is None:
        raise NotFound(f"no business {business_id}")
    keep(session, row)  # a message asks for its shop several times
    return business_view(row)


async def update_business(
    session: AsyncSession, business_id: int, **changes: object
) -> BusinessView:
    """Change settings of a business (name, address, tax id, layout, ...)."""
    row = await session.get(Business, business_id)
    if row is None:
        raise NotFound(f"no business {business_id}")
    allowed = {
        "name",
        "address",
        "phone",
        "tax_id",
        "upi_id",
        "invoice_layout",
        "confirm_above_minor",
        "closing_time",
    }
    for key, value in changes.items():
        if key not in allowed:
            raise InvalidInput(f"cannot change {key}")
        setattr(row, key, value)
    await session.flush()
    return replace(business_view(row))


async def confirm_threshold(session: AsyncSession, business_id: int) -> int | None:
    """Amount in minor units above which writes ask for confirmation."""
    terms = await shop_terms(session, business_id)
    return None if terms is None else terms.confirm_above_minor


@dataclass(frozen=True, slots=True)
class ShopTerms:
    """What a write needs of its shop: the tax settings, the shop's clock, and the amount
    above which a write is read back first."""

    country: str
    state: str
    tax_id: str
    tax_rate: Decimal
    prices_include_tax: bool
    timezone: str
    confirm_above_minor: int | None


async def shop_terms(session: AsyncSession, business_id: int) -> ShopTerms | None:
    """A shop's terms as this transaction sees them, read once (one Core read: the whole shop
    row as an ORM object cost a sale 4-5 times as much CPU; #16). A flush that changes the
    shop forgets them; a Core read would not see an unflushed change either."""
    read: dict[int, ShopTerms | None] = session.info.setdefault(_TERMS_READ, {})
    if business_id not in read:
        row = (await session.execute(_TERMS, {"bid": business_id})).first()
        read[business_id] = None if row is None else ShopTerms(*row)
    return read[business_id]


def remember_terms(session: AsyncSession, business_id: int, terms: ShopTerms) -> None:
    """Keep terms read with another statement (a sale reads them beside its products) for
    this transaction's later `shop_terms`."""
    session.info.setdefault(_TERMS_READ, {})[business_id] = terms


@event.listens_for(Session, "before_flush")
def _forget_terms(session: Session, _context: UOWTransaction, _instances: Any) -> None:
    if any(isinstance(row, Business) for row in chain(session.new, session.dirty, session.deleted)):
        session.info.pop(_TERMS_READ, None)


_TERMS_READ = "hisaab.shop_terms"
# Built once, on the hot path of every sale.
_BUSINESS = table(Business)
_TERMS = prebuilt(
    sa_select(*(_BUSINESS.c[name] for name in ShopTerms.__dataclass_fields__)).where(
        _BUSINESS.c.id == bindparam("bid")
    )
)


async def add_member(
    session: AsyncSession,
    business_id: int,
    *,
    phone: str,
    role: str,
    name: str = "",
    language: str = "en",
) -> MemberView:
    """Make a phone number an owner or staff member of the business (idempotent)."""
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}")
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}")
    e164 = normalize_phone(phone)
    found = await session.execute(
        select(Member).where(Member.business_id == business_id, Member.phone == e164)
    )
    existing = found.scalars().first()
    if existing is not None and existing.role == "owner" and role != "owner":
        owners = await session.execute(
            select(Member.id).where(
                Member.business_id == business_id, Member.role == "owner", col(Member.active)
            )
        )
        if len(owners.all()) <= 1:
            raise InvalidInput(
                f"{e164} is the shop's owner, and a shop always keeps its owner. Nothing changed"
            )
    if existing is not None:
        existing.active = True
        existing.role = role
        existing.name = name or existing.name
        await session.flush()
        return member_view(existing)
    row = Member(business_id=business_id, phone=e164, role=role, name=name, language=language)
    session.add(row)
    await session.flush()
    return member_view(row)


async def members_by_phone(session: AsyncSession, phone: str) -> list[MemberView]:
    """Every active membership of a phone number, across businesses, oldest first."""
    rows = await session.execute(MEMBERS_OF, {"e164": normalize_phone(phone)})
    return [MemberView(**row._mapping) for row in rows.all()]


def member_and_shop(conn: Connection, phone: str) -> tuple[MemberView, BusinessView] | None:
    """A phone's oldest active membership and its shop, on a synchronous connection: the
    parse's read before the write (`Database.quick`), as `members_by_phone` and
    `get_business` read them. None when the phone is nobody's member."""
    members = conn.execute(MEMBERS_OF, {"e164": normalize_phone(phone)}).all()
    if not members:
        return None
    member = MemberView(**members[0]._mapping)
    shop = conn.execute(BUSINESS_BY_ID, {"bid": member.business_id}).first()
    return None if shop is None else (member, business_view(shop))


_MEMBER = table(Member)
# Built once: every message resolves its sender by phone (Core: the view's columns by name,
# no object loaded).
MEMBERS_OF = prebuilt(
    sa_select(
        _MEMBER.c.id,
        _MEMBER.c.business_id,
        _MEMBER.c.phone,
        _MEMBER.c.name,
        _MEMBER.c.role,
        _MEMBER.c.language,
        _MEMBER.c.daily_summary,
        _MEMBER.c.daily_chart,
    )
    .where(_MEMBER.c.phone == bindparam("e164"), _MEMBER.c.active.is_(True))
    .order_by(_MEMBER.c.id)
)


async def set_member_language(session: AsyncSession, member_id: int, language: str) -> None:
    """Switch the language the member gets replies in."""
    if language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}")
    row = await session.get(Member, member_id)
    if row is None:
        raise NotFound(f"no member {member_id}")
    row.language = language
    await session.flush()


async def open_shops(session: AsyncSession) -> list[tuple[int, str, str]]:
    """(id, time zone, closing time) of every shop that is not closed, by id."""
    rows = await session.execute(
        select(col(Business.id), col(Business.timezone), col(Business.closing_time))
        .where(col(Business.closed_at).is_(None))
        .order_by(col(Business.id))
    )
    return [(bid, tz, closing) for bid, tz, closing in rows if bid is not None]


async def owners(session: AsyncSession, business_id: int) -> list[MemberView]:
    """The shop's active owners, oldest first."""
    rows = await session.execute(
        select(Member)
        .where(
            Member.business_id == business_id, Member.role == "owner", col(Member.active).is_(True)
        )
        .order_by(col(Member.id))
    )
    return [member_view(row) for row in rows.scalars()]


_UPI = re.compile(r"^[A-Za-z0-9.\-_]{2,256}@[A-Za-z]{2,64}$")
_TRN = re.compile(r"^\d{15}$")


def tax_id_problem(country: str, tax_id: str) -> str | None:
    """Why a GSTIN (India) or TRN (UAE) is not valid, or None."""
    if country.upper() == "IN":
        problem = gstin_problem(tax_id)
        return f"that GSTIN {problem}" if problem else None
    if country.upper() == "AE" and not _TRN.match(tax_id):
        return "a TRN has 15 digits"
    return None


def place_code(country: str, text: str) -> str:
    """A state (India: its GST code, "27") or emirate (UAE: "DU") as the books store it;
    InvalidInput when it is none of them."""
    if country.upper() == "IN":
        code = gst_state_code(text)
        if code is None:
            raise InvalidInput(f"I do not know the state {text.strip()!r}")
        return code
    if country.upper() == "AE":
        code = emirate_code(text)
        if code is None:
            raise InvalidInput(f"I do not know the emirate {text.strip()!r}")
        return code
    return text.strip()


async def update_shop(
    session: AsyncSession,
    business_id: int,
    *,
    address: str | None = None,
    phone: str | None = None,
    tax_id: str | None = None,
    state: str | None = None,
    upi_id: str | None = None,
    payment_link: str | None = None,
    reminder_days: tuple[int, ...] | None = None,
) -> BusinessView:
    """Change the shop's details printed on invoices and used by returns and reminders;
    every value is checked first (InvalidInput says what is wrong)."""
    row = await session.get(Business, business_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no shop {business_id}")
    if address is not None:
        clean = "\n".join(" ".join(part.split()) for part in address.split(",") if part.strip())
        if not clean or len(clean) > 200 or any(ord(ch) < 32 and ch != "\n" for ch in clean):
            raise InvalidInput("an address is up to 200 characters of text")
        row.address = clean
    if phone is not None:
        row.phone = normalize_phone(phone)
    if tax_id is not None:
        clean = tax_id.strip().upper()
        problem = tax_id_problem(row.country, clean)
        if problem:
            raise InvalidInput(problem)
        row.tax_id = clean
    if state is not None:
        row.state = place_code(row.country, state)
    if upi_id is not None:
        if not _UPI.match(upi_id.strip()):
            raise InvalidInput("a UPI id looks like name@bank")
        row.upi_id = upi_id.strip()
    if payment_link is not None:
        link = payment_link.strip()
        if not link.startswith("https://") or len(link) > 300 or any(ch.isspace() for ch in link):
            raise InvalidInput("a payment link is an https:// address")
        row.payment_link = link
    if reminder_days is not None:
        if len(reminder_days) > 5 or any(not 1 <= days <= 90 for days in reminder_days):
            raise InvalidInput("reminders go out up to 5 times, 1 to 90 days after a sale")
        row.reminder_days = ",".join(str(days) for days in sorted(set(reminder_days)))
    await session.flush()
    return business_view(row)


async def set_member_flags(
    session: AsyncSession,
    member_id: int,
    *,
    daily_summary: bool | None = None,
    daily_chart: bool | None = None,
) -> None:
    """A member's end-of-day choices: the summary, and the chart that goes with it."""
    row = await session.get(Member, member_id)
    if row is None:
        raise NotFound(f"no member {member_id}")
    if daily_summary is not None:
        row.daily_summary = daily_summary
    if daily_chart is not None:
        row.daily_chart = daily_chart
        if daily_chart:
            row.daily_summary = True  # the chart goes out with the summary
    await session.flush()


_BUSINESS = table(Business)
# Built once: the parse's read of a member's shop (Core: the view's columns by name).
BUSINESS_BY_ID = prebuilt(sa_select(_BUSINESS).where(_BUSINESS.c.id == bindparam("bid")))
