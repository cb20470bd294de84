"""Reply templates: every language has every reply, with the same parameters, rendering cleanly."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bot.replies import LANGUAGES, Replies, environment, macro_names
from intents.models import (
    AddParty,
    AddProduct,
    AddStock,
    AdjustStock,
    RecordExpense,
    RecordPayment,
    RecordSale,
    SetPrice,
    Undo,
)
from intents.slots import ItemSlot, PartyRef, ProductRef, StockItemSlot
from ledger.names import NameRequest
from ledger.reports import Due, ExpenseLine, Row, StockLine
from ledger.returns import Heads
from ledger.views import InvoiceLineView, PartyView

SHOP = "Al Noor Grocery"
NUMBER = "INV-2026-0001"
RICE = InvoiceLineView(
    product="Rice 5kg",
    qty=Decimal(2),
    unit="bag",
    unit_price_minor=4000,
    tax_rate=Decimal(5),
    net_minor=7619,
    tax_minor=381,
    gross_minor=8000,
)
MILK = InvoiceLineView(
    product="Milk 1L",
    qty=Decimal("1.5"),
    unit="piece",
    unit_price_minor=650,
    tax_rate=Decimal(5),
    net_minor=929,
    tax_minor=46,
    gross_minor=975,
)
SALE_INTENT = RecordSale(
    items=(
        ItemSlot(product="Rice 5kg", qty=Decimal(2), unit_price=Decimal(40)),
        ItemSlot(product="Milk 1L", qty=Decimal(1)),
    ),
    party=PartyRef(name="Ahmed Khan"),
    paid="credit",
)
OVERPAID = SALE_INTENT.model_copy(update={"paid": Decimal(500)})
SUMMARY = "Sale: 2 × Rice 5kg @ 40 to Ahmed Khan, on credit = AED 80"

# One realistic context per reply, as the bot's callers pass it.
SAMPLES: dict[str, dict[str, Any]] = {
    "welcome": {},
    "ask_country": {"shop": SHOP},
    "ask_tax_id": {"tax_label": "TRN"},
    "shop_created": {"shop": SHOP, "currency": "AED"},
    "sale_recorded": {
        "number": NUMBER,
        "lines": [RICE, MILK],
        "total": 8975,
        "paid": 3000,
        "due": 5975,
        "party": "Ahmed Khan",
        "balance": 12000,
        "new_party": True,
        "low_stock": ["Rice 5kg", "Milk 1L"],
        "kind": "customer",
    },
    "offer_invoice": {"party": "Ahmed Khan"},
    "stock_received": {
        "levels": [("Milk 1L", Decimal(32)), ("Eggs 30 tray", Decimal(6))],
        "cost": 10000,
        "supplier": "Gulf Dairy",
        "balance": -10000,
        "kind": "supplier",
    },
    "ask_purchase_terms": {"supplier": "Gulf Dairy", "last": "credit"},
    "stock_adjusted": {"product": "Milk 1L", "on_hand": Decimal(30)},
    "product_added": {"product": "Rice 5kg", "price": 4000, "unit": "bag"},
    "price_set": {"product": "Rice 5kg", "price": 4550},
    "payment_recorded": {
        "party": "Ahmed Khan",
        "amount": 10000,
        "direction": "in",
        "balance": 2000,
        "kind": "customer",
    },
    "expense_recorded": {"amount": 25000, "category": "utilities"},
    "undone": {"kind": "sale", "label": NUMBER},
    "nothing_to_undo": {},
    "sales_report": {
        "period": "today",
        "total": 125000,
        "count": 14,
        "top": [
            Row(name="Rice 5kg", qty=Decimal(10), total_minor=40000),
            Row(name="Milk 1L", qty=Decimal("2.5"), total_minor=1625),
        ],
        "previous_total": 100000,
        "change_pct": 25,
        "expenses": 25000,
        "by": "product",
    },
    "party_sales": {"period": "this week", "party": "Ahmed Khan", "total": 32000, "count": 3},
    "expenses_report": {
        "period": "this month",
        "total": 530000,
        "lines": [ExpenseLine("rent", 1, 500000), ExpenseLine("utilities", 2, 30000)],
        "category": "",
    },
    "profit_report": {
        "period": "today",
        "sales": 119048,
        "cost": 80000,
        "expenses": 25000,
        "profit": 14048,
        "uncosted": ["Sugar", "Bread"],
        "uncosted_sales": 4762,
    },
    "stock_report": {
        "lines": [
            StockLine(
                product_id=1,
                name="Rice 5kg",
                unit="bag",
                on_hand=Decimal(4),
                reorder_level=Decimal(5),
            )
        ],
        "low": True,
    },
    "dues_report": {
        "owe_you": [
            Due(party_id=1, name="Ahmed Khan", balance_minor=12000),
            Due(party_id=2, name="Fatima Ali", balance_minor=3550),
        ],
        "owe_you_total": 15550,
        "you_owe": [
            Due(party_id=3, name="Gulf Dairy", balance_minor=-10000, kind="supplier"),
            Due(party_id=4, name="Sara Hussain", balance_minor=-500),
        ],
        "you_owe_total": 10500,
    },
    "party_due": {"party": "Fatima Ali", "balance": 3550, "kind": "customer"},
    "customer_due": {"shop": SHOP, "balance": 3550},
    "staff_added": {"phone": "+971509998877"},
    "staff_welcome": {"shop": SHOP},
    "party_added": {"party": "Sara Hussain", "kind": "customer", "phone": "+971505556677"},
    "party_exists": {"party": "Gulf Dairy", "kind": "supplier"},
    "invoice_sent": {"number": NUMBER, "party": "Ahmed Khan"},
    "invoice_here": {"number": NUMBER},
    "invoice_for_customer": {"shop": SHOP, "number": NUMBER, "balance": 5975},
    "no_invoice": {"party": "Fatima Ali"},
    "no_phone": {"party": "Fatima Ali"},
    "confirm_question": {"summary": SUMMARY, "cancel": False},
    "voice_readback": {"transcript": "sold 2 rice to ahmed 40 each", "summary": SUMMARY},
    "cancelled": {},
    "nothing_pending": {},
    "ask_new_product": {"product": "basmati gold", "price": 5500},
    "ask_price": {"product": "basmati gold"},
    "ask_choice": {"name": "ahmed", "candidates": ["Ahmed Khan", "Ahmed Raza"]},
    "negative_stock": {"shortages": [("Eggs 30 tray", Decimal(1), Decimal(3))]},
    "refused": {},
    "refused_customer": {},
    "not_understood": {"hint": "no one called Zaid"},
    "help_owner": {
        "product": "rice",
        "customer": "ahmed",
        "supplier": "gulf dairy",
        "price": "40",
        "phone": "+971509998877",
    },
    "help_staff": {},
    "help_customer": {"shop": SHOP},
    "not_yet": {"what": "erasing data by chat"},
    "erase_confirm": {},
    "voice_problem": {"message": "The voice note was too short to read."},
    "problem": {"message": "Not enough stock of Eggs 30 tray."},
    "oops": {},
    "delivery_failed": {"recipient": "+971502345678", "reason": "the number is not on WhatsApp"},
    "voice_unavailable": {},
    "voice_too_large": {},
    "voice_not_understood": {"transcript": "so old to bags of rise"},
    "invoice_voided": {
        "number": "INV-2026-0003",
        "party": "Fatima Ali",
        "balance": -2000,
        "kind": "customer",
        "refunded": 1000,
        "credited": 2000,
    },
    "invoice_cancelled": {"shop": SHOP, "number": NUMBER},
    "pick_number": {},
    "summary": {"intent": SALE_INTENT, "amount": 8000, "extra": 0},
    "ask_amount": {"party": "Fatima Ali", "kind": "customer"},
    "paid_more_than_bill": {"summary": "Sale: 3 × Basmati Rice 10kg = AED 225", "paid": 50000},
    "language_set": {},
    "day_summary": {
        "shop": SHOP,
        "day": "2026-02-14",
        "total": 125000,
        "count": 14,
        "paid": 100000,
        "credit": 25000,
        "dues": 15550,
        "low_count": 2,
    },
    "dues_reminder": {
        "shop": SHOP,
        "balance": 3550,
        "link": "upi://pay?pa=sharma%40okaxis&pn=Sharma&am=35.50&cu=INR",
    },
    "setting_saved": {"what": "gstin", "on": "Ravi Kumar", "value": "29AAGCB7383J1Z4"},
    "setting_shown": {"what": "state", "on": "Ravi Kumar", "value": "Karnataka (29)"},
    "setting_invalid": {"problem": "that GSTIN has a wrong check character"},
    "setting_which": {"kind": "product", "name": "zzz"},
    "reminders_set": {"days": [3, 7, 15]},
    "daily_chart_set": {"on": True},
    "books_ready": {
        "period": "this month",
        "first": date(2026, 11, 1),
        "last": date(2026, 11, 29),
        "format": "xlsx",
        "sales": 120,
        "cancelled": 2,
        "purchases": 14,
        "expenses": 9,
        "payments": 31,
        "sections": ["sales", "purchases", "expenses", "payments", "parties"],
    },
    "gst_report": {
        "period": "last month",
        "taxable": 1000000,
        "tax": Heads(18000, 16000, 16000),
        "itc": Heads(0, 9000, 9000),
        "cash": Heads(18000, 7000, 7000),
        "credit": Heads(0, 1500, 1500),
        "b2b": 3,
        "credit_notes": 1,
        "fixes": ["Atta 10kg has no HSN code", "the shop has no GSTIN"],
    },
    "gst_json_caption": {},
    "vat_report": {
        "period": "this quarter",
        "supplies": 2100000,
        "zero_rated": 50000,
        "output": 100000,
        "expenses": 1050000,
        "input": 50000,
        "net": 50000,
        "emirates": [("Dubai", 2000000, 100000)],
        "credit_notes": 1,
        "fixes": [],
    },
    "tax_report_unsupported": {"country": "PK"},
    "low_stock_alert": {
        "shop": SHOP,
        "lines": [
            StockLine(1, "Rice 5kg", "bag", Decimal(4), None),
            StockLine(2, "Milk 1L", "bottle", Decimal(8), Decimal(10)),
        ],
    },
    "daily_summary_set": {"on": True, "time": "21:00"},
    "closing_time_set": {"time": "22:30"},
    "closing_time_invalid": {},
    "privacy_notice": {"days": 90},
    "consent_question": {"shop": SHOP},
    "consent_recorded": {"shop": SHOP, "granted": True},
    "stopped": {},
    "started": {},
    "consent_missing": {"party": "Fatima Ali", "reason": "none"},
    "telegram_invite": {"link": "https://t.me/hisaab_bot?start=AbCdEf0123456789AbCdEf0123456789"},
    "export_ready": {},
    "erase_shop_confirm": {"shop": SHOP, "years": 7},
    "erase_shop_mismatch": {},
    "erased": {},
    "shop_closed": {"shop": SHOP, "years": 7},
    "name_changed": {"name": "Fatima Ali"},
    "name_invalid": {},
    "name_requested": {"name": "Fatima Begum", "shops": [SHOP, "Sharma Kirana"]},
    "name_request": {"party": "Fatima Ali", "phone": "+971501234567", "name": "Fatima Begum"},
    "name_approved": {"old": "Fatima Ali", "new": "Fatima Begum"},
    "name_rejected": {"party": "Fatima Ali", "name": "Fatima Begum"},
    "name_no_request": {},
    "name_which": {
        "requests": [
            NameRequest(PartyView(1, "customer", "Fatima Ali", "", (), 0), "Fatima Begum"),
            NameRequest(PartyView(2, "customer", "Ahmed Khan", "", (), 0), "Ahmed K"),
        ]
    },
    "too_long": {},
    "question_moot": {"prompt": "Correct your last entry to:\nPayment to Gulf Dairy: AED 50"},
    "still_waiting": {"prompt": "Sale: 2 × Rice 5kg @ 40 to Ahmed Khan = AED 80\nBook it?"},
    "question_queued": {"first": "Sale: 2 × Rice 5kg @ 40 to Ahmed Khan = AED 80\nBook it?"},
    "question_next": {"prompt": "Expense: AED 450 electricity. Book it? Reply yes or no."},
    "question_expired": {"prompt": "Expense: AED 450 electricity. Book it?", "minutes": 10},
    "questions_full": {"prompt": "Expense: AED 450 electricity. Book it?"},
    "amend_question": {"old": NUMBER, "summary": "Sale: 3 × Rice 5kg @ 40 to Ahmed Khan = AED 120"},
    "question_changed": {"summary": "Sale: 3 × Rice 5kg @ 40 to Ahmed Khan = AED 120"},
    "amend_unclear": {},
    "not_understood_here": {"product": "rice", "customer": "ahmed", "price": "40"},
    "not_happened": {"product": "rice", "customer": "ahmed"},
    "price_is": {"product": "Rice 5kg", "price": 4000, "unit": "bag"},
    "void_undone": {"old": "INV-2026-0003", "new": "INV-2026-0005"},
    "not_booked": {"message": "the amount paid is more than the bill"},
    "statement_here": {"party": "Fatima Ali", "period": "this month"},
    "statement_for_customer": {"shop": SHOP, "period": "last month"},
    "statement_which": {},
    "amend_nothing": {"message": "there is nothing of yours to correct"},
    "amend_done": {"old": NUMBER},
    "amend_failed": {"message": "Rice 5kg has no price"},
}

# The other branches of the replies, each with a full context too.
VARIANTS: list[tuple[str, dict[str, Any]]] = [
    (
        "sale_recorded",
        dict(
            SAMPLES["sale_recorded"],
            lines=[RICE],
            total=8000,
            paid=8000,
            due=0,
            party="",
            balance=0,
            new_party=False,
            low_stock=[],
        ),
    ),
    (
        "sale_recorded",
        dict(SAMPLES["sale_recorded"], lines=[RICE], total=8000, paid=0, due=8000, balance=8000),
    ),
    (
        "stock_received",
        {
            "levels": [("Milk 1L", Decimal(32))],
            "cost": 0,
            "supplier": "",
            "balance": 0,
            "kind": "supplier",
        },
    ),
    ("stock_received", dict(SAMPLES["stock_received"], balance=0)),
    ("ask_purchase_terms", {"supplier": "Gulf Dairy", "last": ""}),
    ("payment_recorded", dict(SAMPLES["payment_recorded"], balance=-1500)),
    ("payment_recorded", dict(SAMPLES["payment_recorded"], balance=0)),
    (
        "payment_recorded",
        dict(
            SAMPLES["payment_recorded"],
            direction="out",
            party="Gulf Dairy",
            balance=-2000,
            kind="supplier",
        ),
    ),
    (
        "payment_recorded",
        dict(
            SAMPLES["payment_recorded"],
            direction="out",
            party="Gulf Dairy",
            balance=0,
            kind="supplier",
        ),
    ),
    (
        "sale_recorded",
        dict(SAMPLES["sale_recorded"], party="Gulf Dairy", balance=-2000, kind="supplier"),
    ),
    (
        "invoice_voided",
        dict(SAMPLES["invoice_voided"], party="", balance=0, refunded=0, credited=0),
    ),
    ("undone", {"kind": "stock adjustment", "label": ""}),
    ("amend_question", {"old": "", "summary": "Expense (utilities): AED 450"}),
    ("amend_done", {"old": ""}),
    ("ask_amount", {"party": "Gulf Dairy", "kind": "supplier"}),
    ("summary", dict(SAMPLES["summary"], intent=OVERPAID, amount=22500, extra=27500)),
    (
        "summary",
        dict(SAMPLES["summary"], intent=OVERPAID.model_copy(update={"party": None}), extra=500),
    ),
    (
        "sales_report",
        dict(SAMPLES["sales_report"], count=1, top=[], previous_total=0, change_pct=None),
    ),
    ("sales_report", dict(SAMPLES["sales_report"], change_pct=-12, expenses=0)),
    (
        "sales_report",
        dict(SAMPLES["sales_report"], by="party", top=[Row("Ahmed Khan", Decimal(3), 12000)]),
    ),
    (
        "sales_report",
        dict(SAMPLES["sales_report"], total=0, count=0, top=[], previous_total=0, change_pct=None),
    ),
    ("party_sales", dict(SAMPLES["party_sales"], count=1, period="on 2026-02-14")),
    ("expenses_report", dict(SAMPLES["expenses_report"], lines=[], total=0)),
    ("expenses_report", dict(SAMPLES["expenses_report"], lines=[], total=0, category="rent")),
    (
        "expenses_report",
        dict(
            SAMPLES["expenses_report"],
            total=500000,
            lines=[ExpenseLine("rent", 1, 500000)],
            category="rent",
        ),
    ),
    (
        "profit_report",
        dict(SAMPLES["profit_report"], profit=-10952, expenses=50000, uncosted=[]),
    ),
    ("party_added", {"party": "Gulf Dairy", "kind": "supplier", "phone": ""}),
    ("party_exists", {"party": "Fatima Ali", "kind": "customer"}),
    ("stock_report", {"lines": [], "low": True}),
    ("stock_report", {"lines": [], "low": False}),
    ("stock_report", dict(SAMPLES["stock_report"], low=False)),
    ("dues_report", {"owe_you": [], "owe_you_total": 0, "you_owe": [], "you_owe_total": 0}),
    ("dues_report", dict(SAMPLES["dues_report"], owe_you=[], owe_you_total=0)),
    ("party_due", {"party": "Fatima Ali", "balance": -2000, "kind": "customer"}),
    ("party_due", {"party": "Fatima Ali", "balance": 0, "kind": "customer"}),
    ("party_due", {"party": "Gulf Dairy", "balance": -4000, "kind": "supplier"}),
    ("party_due", {"party": "Gulf Dairy", "balance": 2000, "kind": "supplier"}),
    ("party_due", {"party": "Gulf Dairy", "balance": 0, "kind": "supplier"}),
    ("customer_due", {"shop": SHOP, "balance": -2000}),
    ("customer_due", {"shop": SHOP, "balance": 0}),
    ("invoice_for_customer", dict(SAMPLES["invoice_for_customer"], balance=0)),
    ("no_invoice", {"party": ""}),
    ("not_understood", {"hint": ""}),
    (
        "summary",
        {
            "intent": AddStock(
                items=(StockItemSlot(product="Milk 1L", qty=Decimal(20), unit_cost=Decimal(5)),),
                party=PartyRef(name="Gulf Dairy"),
            ),
            "amount": 10000,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": AddStock(items=(StockItemSlot(product="Milk 1L", qty=Decimal(20)),)),
            "amount": 0,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": AdjustStock(
                product=ProductRef(name="Milk 1L"), qty=Decimal(-2), reason="expired"
            ),
            "amount": 0,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": AdjustStock(product=ProductRef(name="Milk 1L"), set_to=Decimal(12)),
            "amount": 0,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": RecordPayment(
                party=PartyRef(name="Ahmed Khan"), amount=Decimal(100), direction="in"
            ),
            "amount": 10000,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": RecordPayment(
                party=PartyRef(name="Gulf Dairy"), amount=Decimal(100), direction="out"
            ),
            "amount": 10000,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": RecordExpense(amount=Decimal(250), category="utilities"),
            "amount": 25000,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": SetPrice(product=ProductRef(name="Rice 5kg"), unit_price=Decimal("45.5")),
            "amount": 4550,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": AddProduct(product="rice bag", unit_price=Decimal(40)),
            "amount": 4000,
            "extra": 0,
        },
    ),
    ("summary", {"intent": AddProduct(product="rice bag"), "amount": 0, "extra": 0}),
    (
        "summary",
        {
            "intent": AddParty(party=PartyRef(name="Sara Hussain"), phone="0505556677"),
            "amount": 0,
            "extra": 0,
        },
    ),
    (
        "summary",
        {
            "intent": AddParty(party=PartyRef(name="Gulf Dairy"), kind="supplier"),
            "amount": 0,
            "extra": 0,
        },
    ),
    ("summary", {"intent": Undo(), "amount": 0, "extra": 0}),
    ("day_summary", dict(SAMPLES["day_summary"], count=1, paid=125000, credit=0, low_count=1)),
    ("day_summary", dict(SAMPLES["day_summary"], total=0, count=0, paid=0, credit=0, low_count=0)),
    ("daily_summary_set", {"on": False, "time": "21:00"}),
    ("consent_recorded", {"shop": SHOP, "granted": False}),
    ("consent_missing", {"party": "Fatima Ali", "reason": "refused"}),
    ("consent_missing", {"party": "Fatima Ali", "reason": "stopped"}),
]

# Names and texts the caller gives: a translation shows them exactly as given.
GIVEN = (
    SHOP,
    NUMBER,
    "Ahmed Khan",
    "Ahmed Raza",
    "Fatima Ali",
    "Gulf Dairy",
    "Rice 5kg",
    "Milk 1L",
    "Eggs 30 tray",
    "Sara Hussain",
    "Sugar",
    "Bread",
    "basmati gold",
    "+971509998877",
    "TRN",
    "today",
    "this week",
    "this month",
    "on 2026-02-14",
    "2026-02-14",
    "no one called Zaid",
    "erasing data by chat",
    "sold 2 rice to ahmed 40 each",
    "The voice note was too short to read.",
    "Not enough stock of Eggs 30 tray.",
    SUMMARY,
)
STRAY = ("{{", "}}", "{%", "%}", "{#", "#}", "None", "undefined")
NUMBERS = re.compile(r"\d[\d,.]*\d|\d")
# Replies that only frame a text the caller gives, the same in every language (as does a
# summary of an intent that has no words of its own).
PASSTHROUGH = {"voice_problem", "problem"}
YES_NO = {"en": ("yes", "no"), "hi": ("haan", "nahi"), "ar": ("نعم", "لا")}
ASKS_YES_NO = (
    "confirm_question",
    "voice_readback",
    "ask_new_product",
    "negative_stock",
    "consent_question",
)


def _macros(language: str) -> dict[str, Any]:
    module = environment().get_template(f"{language}.j2").make_module({"money": str})
    return {name: getattr(module, name) for name in macro_names(language)}


def _render(language: str, key: str, context: dict[str, Any], currency: str = "AED") -> str:
    return Replies(language, currency).render(key, **context)


def _emojis(text: str) -> set[str]:
    return {ch for ch in text if unicodedata.category(ch) == "So"}


def _numbers(text: str) -> set[str]:
    return {n.rstrip(".,") for n in NUMBERS.findall(text)}


def _check_clean(text: str) -> None:
    assert text.strip(), "empty reply"
    for mark in STRAY:
        assert mark not in text, f"stray {mark!r} in {text!r}"
    for line in text.splitlines():
        assert line == line.strip(), f"stray whitespace around {line!r}"
        assert "  " not in line, f"double space in {line!r}"


CASES = [
    pytest.param(key, context, id=f"{key}-{n}")
    for n, (key, context) in enumerate([*SAMPLES.items(), *VARIANTS])
]


def test_every_reply_has_a_sample_with_exactly_its_parameters() -> None:
    english = _macros("en")
    assert set(SAMPLES) == set(english)
    for name, macro in english.items():
        assert set(SAMPLES[name]) == set(macro.arguments), name
    for key, context in VARIANTS:
        assert set(context) == set(english[key].arguments), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_defines_the_same_replies_and_parameters_as_english(language: str) -> None:
    assert macro_names(language) == macro_names("en")
    english = _macros("en")
    for name, macro in _macros(language).items():
        assert macro.arguments == english[name].arguments, name


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("key", "context"), CASES)
def test_reply_renders_cleanly(language: str, key: str, context: dict[str, Any]) -> None:
    text = _render(language, key, context)
    _check_clean(text)
    english = _render("en", key, context)
    for given in GIVEN:
        if given in english and given in repr(context):
            assert given in text, f"{given!r} lost in {text!r}"
    assert _emojis(english) <= _emojis(text)
    assert _numbers(english) <= _numbers(text)
    passthrough = key in PASSTHROUGH or english == getattr(context.get("intent"), "intent", "")
    if language != "en" and not passthrough:
        assert text != english, "not translated"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("currency", "shown"), [("INR", "₹1,00,000"), ("PKR", "PKR 1,00,000"), ("AED", "AED 100,000")]
)
def test_money_is_formatted_the_shops_way(language: str, currency: str, shown: str) -> None:
    text = _render(
        language,
        "sales_report",
        dict(SAMPLES["sales_report"], total=10_000_000, top=[], expenses=0),
        currency,
    )
    assert shown in text
    assert f"{shown}.00" not in text
    sale = _render(language, "sale_recorded", SAMPLES["sale_recorded"], currency)
    assert "6.50" in sale  # a price with fils/paise keeps them
    assert "40.00" not in sale  # a whole price drops the .00


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", ASKS_YES_NO)
def test_yes_no_questions_name_the_words_that_answer_them(language: str, key: str) -> None:
    text = _render(language, key, SAMPLES[key])
    yes, no = YES_NO[language]
    assert yes in text
    assert no in text
    if language == "ar":
        assert '"yes"' in text and '"no"' in text


@pytest.mark.parametrize(
    ("language", "word"), [("en", "English"), ("hi", "Hinglish"), ("ar", "بالعربية")]
)
def test_language_set_names_the_language(language: str, word: str) -> None:
    assert word in Replies(language).render("language_set")


@pytest.mark.parametrize("language", ["fr", "", "EN", "hindi"])
def test_unknown_language_falls_back_to_english(language: str) -> None:
    replies = Replies(language)
    assert replies.language == "en"
    for key, context in SAMPLES.items():
        assert replies.render(key, **context) == _render("en", key, context)
