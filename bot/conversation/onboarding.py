"""Registering a shop in a few messages: name, country, tax number."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from ledger import add_member, create_business

from ..replies import Replies
from .pending import Pending


@dataclass(frozen=True, slots=True)
class Country:
    """Defaults for a shop in one country."""

    code: str
    currency: str
    tax_name: str
    tax_rate: Decimal
    inclusive: bool
    timezone: str
    tax_label: str
    words: tuple[str, ...]


COUNTRIES = (
    Country(
        "AE",
        "AED",
        "VAT",
        Decimal(5),
        True,
        "Asia/Dubai",
        "TRN",
        ("1", "uae", "dubai", "emirates", "abu dhabi", "sharjah", "الإمارات", "دبي"),
    ),
    Country(
        "IN",
        "INR",
        "GST",
        Decimal(5),
        False,
        "Asia/Kolkata",
        "GSTIN",
        ("2", "india", "bharat", "mumbai", "delhi", "भारत"),
    ),
    Country(
        "PK",
        "PKR",
        "GST",
        Decimal(18),
        True,
        "Asia/Karachi",
        "NTN",
        ("3", "pakistan", "lahore", "karachi", "پاکستان"),
    ),
)
SKIP = ("skip", "no", "none", "nahi", "na", "-", "لا")


def pick_country(text: str) -> Country | None:
    """Read a country from '1', 'UAE', 'india' and the like."""
    clean = text.strip().lower().rstrip(".")
    for country in COUNTRIES:
        if clean in country.words or any(w in clean for w in country.words if len(w) > 2):
            return country
    return None


def start() -> tuple[str, Pending]:
    """The greeting and the first question."""
    return Replies().render("welcome"), Pending("onboarding", {"step": "name"}, None)


async def answer(
    session: AsyncSession, pending: Pending, text: str, phone: str
) -> tuple[str, Pending | None]:
    """Take one answer; return the next question, or the welcome once the shop exists."""
    replies = Replies()
    step = pending.payload.get("step")
    if step == "name":
        name = " ".join(text.split())[:80]
        if not name:
            return replies.render("welcome"), pending
        return replies.render("ask_country", shop=name), Pending(
            "onboarding", {"step": "country", "name": name}, None
        )
    if step == "country":
        country = pick_country(text)
        if country is None:
            return replies.render("ask_country", shop=pending.payload["name"]), pending
        payload = dict(pending.payload, step="tax", country=country.code)
        return replies.render("ask_tax_id", tax_label=country.tax_label), Pending(
            "onboarding", payload, None
        )
    country = next(c for c in COUNTRIES if c.code == pending.payload["country"])
    tax_id = "" if text.strip().lower() in SKIP else text.strip().upper()[:20]
    business = await create_business(
        session,
        name=pending.payload["name"],
        currency=country.currency,
        country=country.code,
        tax_name=country.tax_name,
        tax_rate=country.tax_rate,
        prices_include_tax=country.inclusive,
        timezone=country.timezone,
        tax_id=tax_id,
        phone=phone,
    )
    await add_member(session, business.id, phone=phone, role="owner")
    return replies.render("shop_created", shop=business.name, currency=business.currency), None
