"""Registering a shop in a few messages: name, country, tax number."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from ledger import add_member, create_business

from ..replies import Replies
from .outcome import Outcome
from .questions import Answering, Question


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


def start() -> Outcome:
    """The greeting and the first question."""
    return Outcome.say(Replies().render("welcome"), pending=Onboarding())


@dataclass(frozen=True, slots=True)
class Onboarding(Question):
    """A new number registering its shop: the step it is at and what it said so far."""

    kind: ClassVar[str] = "onboarding"
    step: str = "name"  # name | country | tax
    name: str = ""
    country: str = ""

    async def answer(self, turn: Answering, text: str) -> Outcome:
        """Take one answer: the next question, or the welcome once the shop exists."""
        replies = Replies()
        if self.step == "name":
            name = " ".join(text.split())[:80]
            if not name:
                return Outcome.say(replies.render("welcome"), pending=self)
            asked = replies.render("ask_country", shop=name)
            return Outcome.say(asked, pending=Onboarding("country", name))
        if self.step == "country":
            country = pick_country(text)
            if country is None:
                return Outcome.say(replies.render("ask_country", shop=self.name), pending=self)
            asked = replies.render("ask_tax_id", tax_label=country.tax_label)
            return Outcome.say(asked, pending=Onboarding("tax", self.name, country.code))
        country = next(c for c in COUNTRIES if c.code == self.country)
        tax_id = "" if text.strip().lower() in SKIP else text.strip().upper()[:20]
        phone = turn.sender.address
        business = await create_business(
            turn.session,
            name=self.name,
            currency=country.currency,
            country=country.code,
            tax_name=country.tax_name,
            tax_rate=country.tax_rate,
            prices_include_tax=country.inclusive,
            timezone=country.timezone,
            tax_id=tax_id,
            phone=phone,
        )
        await add_member(turn.session, business.id, phone=phone, role="owner")
        created = replies.render("shop_created", shop=business.name, currency=business.currency)
        return Outcome.say(created)
