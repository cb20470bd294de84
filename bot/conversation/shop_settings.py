"""The owner sets what invoices, returns and reminders need, by chat.

    shop address: 12 Al Barsha Road, Dubai      my gstin 27AAPFU0939F1ZV     upi id sharma@okaxis
    gstin of ravi 29AAGCB7383J1Z4               ravi's state karnataka       hsn of atta 1101
    payment link https://pay.example/x?amt={amount}       reminders 3 7 15   reminders off
    daily chart on                              shop phone?  (a question shows what is set)

Every value is checked by the ledger (a GSTIN's check character, a state the GST knows, an
HSN of 4, 6 or 8 digits) and the reply says what was set, on whom, in full: a setting is not
money, so it is not read back first, but nothing is stored that does not pass the checks.
Only an owner may change them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from intents.catalog import Catalog
from intents.matching import CatalogIndex, Hit
from ledger import BusinessView, find_party, find_product, get_business
from ledger.catalog import set_hsn, set_party_tax
from ledger.errors import LedgerError
from ledger.places import emirate_code, emirate_name, gst_state_code, gst_state_name
from ledger.shop import set_member_flags, update_shop

from ..sender import Sender
from .outcome import Outcome

_SHOP_FIELDS = {
    "address": "address",
    "pata": "address",
    "phone": "phone",
    "phone number": "phone",
    "number": "phone",
    "gstin": "tax_id",
    "gst number": "tax_id",
    "gst no": "tax_id",
    "gstin number": "tax_id",
    "trn": "tax_id",
    "vat number": "tax_id",
    "vat no": "tax_id",
    "state": "state",
    "emirate": "state",
    "upi": "upi_id",
    "upi id": "upi_id",
    "vpa": "upi_id",
    "payment link": "payment_link",
    "pay link": "payment_link",
}
_PARTY_FIELDS = {"gstin": "tax_id", "gst number": "tax_id", "trn": "tax_id", "state": "state"}
_PARTY_FIELDS |= {"emirate": "state"}
_PRODUCT_FIELDS = {"hsn": "hsn", "hsn code": "hsn", "sac": "hsn", "sac code": "hsn"}
_SUBJECT_FIELDS = _PARTY_FIELDS | _PRODUCT_FIELDS


def _alternation(words: dict[str, str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_IS = r"\s*(?:is|:|=|-|hai|he)?\s*"
_SHOP = re.compile(
    rf"^(?P<prefix>(?:(?:my|our|the|mera|meri|hamara|hamari)\s+)?"
    rf"(?:(?:shop|store|dukaa?n|business)(?:'s)?\s+)?)"
    rf"(?P<field>{_alternation(_SHOP_FIELDS)})\b(?P<sep>{_IS})(?P<value>.*)$",
    re.I | re.S,
)
_OWN = re.compile(r"\b(?:my|our|mera|meri|hamara|hamari|shop|store|dukaa?n|business)\b", re.I)
_OF = re.compile(
    rf"^(?P<field>{_alternation(_SUBJECT_FIELDS)})\s+(?:of|for|ka|ki)\s+(?P<rest>.+)$", re.I | re.S
)
_POSSESSIVE = re.compile(
    rf"^(?P<name>.+?)(?:'s|\s+ka|\s+ki|\s+ke)?\s+(?P<field>{_alternation(_SUBJECT_FIELDS)})\b"
    rf"{_IS}(?P<value>.+)$",
    re.I | re.S,
)
_REMINDERS = re.compile(
    r"^(?:(?:dues|payment)\s+)?(?:reminders?|remind(?:\s+them)?)\s+(?:after\s+|on\s+days?\s+)?"
    r"(?P<days>\d{1,2}(?:\s*(?:,|and|&|aur|/)?\s*\d{1,2})*)\s*(?:days?|din)?$",
    re.I,
)
_REMINDERS_TOGGLE = re.compile(
    r"^(?:(?:dues|payment)\s+)?reminders?\s+(?P<word>on|off|band|stop|chalu|shuru)$", re.I
)
_CHART = re.compile(
    r"^(?:(?:turn|switch)\s+(?P<pre>on|off)\s+(?:the\s+)?)?(?:daily|roz(?:ana)?(?: ka)?|"
    r"end[- ]of[- ]day)\s+(?:chart|graph)(?:\s+(?P<word>on|off|band|chalu|bhejo|mat bhejo))?$",
    re.I,
)
_SHOP_WORDS = {"my", "our", "shop", "store", "my shop", "our shop", "the shop", "dukan", "mera"}
_ON = {"on", "chalu", "shuru", "bhejo"}


@dataclass(frozen=True, slots=True)
class Setting:
    """What the owner asked to set: a field, on the shop or a named product or party."""

    field: str  # address, phone, tax_id, state, upi_id, payment_link, hsn, reminders, chart
    value: str  # "" or ending in "?": show what is set
    subject: str | None = None  # a product or party name as written; None: the shop


def parse_setting(text: str) -> Setting | None:
    """The setting a message asks for, or None if it is not one."""
    clean = " ".join(text.strip().rstrip(".!").split())
    toggle = _REMINDERS_TOGGLE.match(clean)
    if toggle:
        on = toggle["word"].lower() in _ON
        return Setting("reminders", "3,7,15" if on else "off")
    days = _REMINDERS.match(clean)
    if days:
        return Setting("reminders", ",".join(re.findall(r"\d+", days["days"])))
    chart = _CHART.match(clean)
    if chart and (chart["pre"] or chart["word"]):
        word = (chart["pre"] or chart["word"]).lower()
        return Setting("chart", "on" if word in _ON else "off")
    of = _OF.match(clean)
    if of:
        field = _SUBJECT_FIELDS[of["field"].lower()]
        name, value = _split(of["rest"], field)
        if name.lower() in _SHOP_WORDS:
            return Setting(field, value)
        return Setting(field, value, name) if name else None
    shop = _SHOP.match(clean)
    if shop:
        field, value = _SHOP_FIELDS[shop["field"].lower()], shop["value"].strip()
        if _OWN.search(shop["prefix"]) or _looks_like(field, value, shop["sep"]):
            return Setting(field, value)
        return None  # "number of eggs sold", "phone ahmed": not the shop's settings
    owned = _POSSESSIVE.match(clean)
    if owned:
        name = owned["name"].strip()
        field, value = _SUBJECT_FIELDS[owned["field"].lower()], owned["value"].strip()
        if re.match(r"^(?:of|for)\s", value, re.I):  # "what is the gstin of ravi?"
            return parse_setting(f"{owned['field']} {value}")
        if not _looks_like(field, value, ""):
            return None  # "ahmed ki state kya hai" is a question for the parser, not a setting
        if name.lower() in _SHOP_WORDS:
            return Setting(field, value)
        return Setting(field, value, name)
    return None


def _looks_like(field: str, value: str, separator: str) -> bool:
    """Whether a value said without "my"/"shop" before it is plainly of its field: any value of a
    GSTIN, TRN, UPI id or pay link, a known state, an HSN, or an address given with ':'."""
    if value.endswith("?"):
        return field != "phone"
    if field in ("tax_id", "upi_id", "payment_link"):
        return bool(value)  # words used for nothing else: the ledger checks the value
    if field == "state":
        return bool(gst_state_code(value) or emirate_code(value))
    if field == "hsn":
        return re.fullmatch(r"[\d .]{4,10}", value) is not None
    if field == "address":
        return ":" in separator or "is" in separator.lower()
    return False


def _split(rest: str, field: str) -> tuple[str, str]:
    """'ravi is 29AAG…' / 'ravi 29AAG…' / 'ravi tamil nadu' -> (name, value); 'ravi?' asks."""
    if rest.rstrip().endswith("?"):
        return rest.rstrip().rstrip("?").strip(), "?"
    said = re.match(r"^(?P<name>.+?)\s*(?:\bis\b|:|=|\bhai\b)\s*(?P<value>.+)$", rest, re.I)
    if said:
        return said["name"].strip(), said["value"].strip()
    words = rest.split()
    if field == "state":  # the longest tail that is a state or an emirate
        for cut in range(1, len(words)):
            tail = " ".join(words[cut:])
            if gst_state_code(tail) or emirate_code(tail):
                return " ".join(words[:cut]), tail
    return " ".join(words[:-1]), words[-1] if words else ""


async def apply_setting(
    session: AsyncSession, sender: Sender, setting: Setting, catalog: Catalog
) -> Outcome:
    """Set (or show) it, and say so."""
    assert sender.business is not None and sender.member is not None
    words = sender.words()
    if sender.role != "owner":
        return Outcome.say(words.render("refused"))
    bid = sender.business.id
    asking = not setting.value or setting.value.endswith("?")
    try:
        if setting.field == "chart":
            on = setting.value == "on"
            await set_member_flags(session, sender.member.id, daily_chart=on)
            return Outcome.say(words.render("daily_chart_set", on=on))
        if setting.subject is None:
            return await _shop(session, sender, setting, asking)
        index = CatalogIndex.of(catalog)
        said = setting.subject.lower().split()
        if setting.field == "hsn":
            hit = index.product(said)
            product = None
            if hit is not None and _sure(hit):
                product = await find_product(session, bid, hit.name)
            if product is None:
                return Outcome.say(
                    words.render("setting_which", kind="product", name=setting.subject)
                )
            if asking:
                return Outcome.say(
                    words.render("setting_shown", what="hsn", on=product.name, value=product.hsn)
                )
            product = await set_hsn(session, bid, product.id, setting.value)
            return Outcome.say(
                words.render("setting_saved", what="hsn", on=product.name, value=product.hsn)
            )
        found = index.party(said)
        party = None
        if found is not None and _sure(found):
            party = await find_party(session, bid, found.name)
        if party is None:
            return Outcome.say(words.render("setting_which", kind="party", name=setting.subject))
        if asking:
            value = party.tax_id if setting.field == "tax_id" else _place(sender, party.state)
            return Outcome.say(
                words.render(
                    "setting_shown", what=_what(sender, setting.field), on=party.name, value=value
                )
            )
        if setting.field == "tax_id":
            party = await set_party_tax(session, bid, party.id, tax_id=setting.value)
            value = party.tax_id
        else:
            party = await set_party_tax(session, bid, party.id, state=setting.value)
            value = _place(sender, party.state)
        return Outcome.say(
            words.render(
                "setting_saved", what=_what(sender, setting.field), on=party.name, value=value
            )
        )
    except LedgerError as exc:
        return Outcome.say(words.render("setting_invalid", problem=str(exc).rstrip(".")))


def _sure(hit: Hit) -> bool:
    """A name that points at one entry of the books, not a guess among several."""
    return hit.score >= 0.9 and not hit.candidates


async def _shop(session: AsyncSession, sender: Sender, setting: Setting, asking: bool) -> Outcome:
    assert sender.business is not None
    words = sender.words()
    bid = sender.business.id
    what = _what(sender, setting.field)
    if asking:
        shop = await get_business(session, bid)
        current = _shown(sender, shop, setting.field)
        return Outcome.say(words.render("setting_shown", what=what, on=shop.name, value=current))
    if setting.field == "reminders":
        ladder = tuple(int(d) for d in setting.value.split(",") if d.isdigit())
        shop = await update_shop(session, bid, reminder_days=ladder)
        return Outcome.say(words.render("reminders_set", days=list(shop.reminder_days)))
    said = {setting.field: setting.value}
    shop = await update_shop(
        session,
        bid,
        address=said.get("address"),
        phone=said.get("phone"),
        tax_id=said.get("tax_id"),
        state=said.get("state"),
        upi_id=said.get("upi_id"),
        payment_link=said.get("payment_link"),
    )
    value = _shown(sender, shop, setting.field)
    return Outcome.say(words.render("setting_saved", what=what, on=shop.name, value=value))


def _shown(sender: Sender, shop: BusinessView, field: str) -> str:
    """A shop setting as a reply shows it (asked for, or just set)."""
    return {
        "address": shop.address.replace("\n", ", "),
        "phone": shop.phone,
        "tax_id": shop.tax_id,
        "state": _place(sender, shop.state),
        "upi_id": shop.upi_id,
        "payment_link": shop.payment_link,
        "reminders": ", ".join(str(d) for d in shop.reminder_days),
    }[field]


def _what(sender: Sender, field: str) -> str:
    """The field's name as this shop's country says it (GSTIN in India, TRN in the UAE)."""
    india = sender.business is not None and sender.business.country == "IN"
    if field == "tax_id":
        return "gstin" if india else "trn"
    if field == "state":
        return "state" if india else "emirate"
    return field


def _place(sender: Sender, code: str) -> str:
    if not code or sender.business is None:
        return code
    if sender.business.country == "IN":
        return f"{gst_state_name(code)} ({code})"
    if sender.business.country == "AE":
        return emirate_name(code)
    return code
