"""Tax returns from the books, every figure worked out by hand below (#17).

India, GST 5 % default, prices before tax, shop in Maharashtra (27), March 2026:

  Feb  INV-2026-0001 Ravi (unregistered, 27)  1 Rice @60       6000 + 5 %   300   void in March
  Feb  INV-2026-0002 Patil (GSTIN, 27)        1 kg Ghee @550  55000 + 12 % 6600   void in March
  Mar  INV-2026-0003 Patil                    10 Rice @60     60000 + 5 %  3000  (1500 + 1500)
                                              2 kg Ghee @550 110000 + 12 % 13200 (6600 + 6600)
  Mar  INV-2026-0004 Bangalore Mart (GSTIN 29) 15 Soap @40    60000 + 18 % 10800 IGST
  Mar  INV-2026-0005 walk-in                  3 Rice @60      18000 + 5 %   900  (450 + 450)
                                              1 Soap @40.50    4050 + 18 %  729  (365 + 364)
  Mar  INV-2026-0006 walk-in                  2 kg Sugar @45   9000 + 5 %   450  (225 + 225)
                                              1 Soap @40.50    4050 + 18 %  729  (365 + 364)
  Mar  INV-2026-0007 Delhi Traders (unreg. DL) 1 kg Ghee @550 55000 + 12 % 6600 IGST
  Mar  INV-2026-0008 walk-in, voided the same month: left out.

Purchases in March: Pune Wholesale (GSTIN 27) 20 Rice @50 = 100000, 5 % 5000 (2500 + 2500);
Surat Oils (GSTIN 24, no state) 4 kg Ghee @480 = 192000, 12 % 23040 IGST; Local Supplier (no
GSTIN, 27) 10 Soap @30 = 30000, 18 % 5400 (2700 + 2700), counted with a warning.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from ledger import (
    Database,
    ReceiveItem,
    SaleItem,
    add_party,
    add_product,
    create_business,
    receive_stock,
    sell,
    void_invoice,
)
from ledger.periods import period
from ledger.places import emirate_code, gst_state_code, gstin_check_char, valid_gstin
from ledger.returns import (
    B2bInvoice,
    B2csRow,
    EmirateRow,
    Gstr1,
    Gstr3b,
    Heads,
    HsnRow,
    PlaceRow,
    RateTax,
    Vat201,
    gstr1,
    gstr3b,
    set_off,
    vat201,
)
from tests.factories import india_shop, new_phone

IST = ZoneInfo("Asia/Kolkata")
DUBAI = ZoneInfo("Asia/Dubai")
FEB = datetime(2026, 2, 20, 11, 0, tzinfo=IST)
MAR = datetime(2026, 3, 10, 11, 0, tzinfo=IST)
VOIDED = datetime(2026, 3, 12, 9, 0, tzinfo=IST)
NOW = datetime(2026, 4, 5, 10, 0, tzinfo=IST)
PATIL = "27AABCP1234C1Z0"
BANGALORE = "29AAGCB7383J1Z4"
PUNE = "27AAFCP5678K1ZR"
SURAT = "24AAACS4321L1ZJ"
D = Decimal


async def _indian_books(db: Database) -> tuple[int, int]:
    """The Indian shop of the module docstring; returns (shop id, another shop's id)."""
    async with db.session() as s:
        shop = await india_shop(s, state="27")
        other = await india_shop(s, state="27")  # its sales must never show up
        ids = {}
        for name, price, rate, hsn, unit in (
            ("Rice", 6000, None, "1006", "bag"),
            ("Ghee", 55000, D(12), "0405", "kg"),
            ("Soap", 4000, D(18), "3401", "piece"),
        ):
            product = await add_product(
                s,
                shop.id,
                name=name,
                price_minor=price,
                tax_rate=rate,
                hsn=hsn,
                unit=unit,
                opening_stock=D(100),
            )
            ids[name] = product.id
        sugar = await add_product(
            s, shop.id, name="Sugar Loose", price_minor=4500, unit="kg", opening_stock=D(10)
        )
        ids["Sugar"] = sugar.id
        parties = {}
        for name, kind, state, gstin in (
            ("Ravi", "customer", "27", ""),
            ("Patil Stores", "customer", "27", PATIL),
            ("Bangalore Mart", "customer", "KA", BANGALORE),
            ("Delhi Buyer", "customer", "DL", ""),
            ("Pune Wholesale", "supplier", "MH", PUNE),
            ("Surat Oils", "supplier", "", SURAT),
            ("Local Supplier", "supplier", "27", ""),
        ):
            party = await add_party(
                s, shop.id, name=name, kind=kind, state=state, tax_id=gstin, phone=new_phone()
            )
            parties[name] = party.id

        def item(name: str, qty: int, price: int | None = None) -> SaleItem:
            return SaleItem(ids[name], D(qty), price)

        ravi_feb = await sell(
            s, shop.id, [item("Rice", 1)], party_id=parties["Ravi"], paid="credit", at=FEB
        )
        patil_feb = await sell(
            s, shop.id, [item("Ghee", 1)], party_id=parties["Patil Stores"], at=FEB
        )
        await sell(
            s,
            shop.id,
            [item("Rice", 10), item("Ghee", 2)],
            party_id=parties["Patil Stores"],
            at=MAR,
        )
        await sell(s, shop.id, [item("Soap", 15)], party_id=parties["Bangalore Mart"], at=MAR)
        await sell(s, shop.id, [item("Rice", 3), item("Soap", 1, 4050)], at=MAR)
        await sell(s, shop.id, [item("Sugar", 2), item("Soap", 1, 4050)], at=MAR)
        await sell(s, shop.id, [item("Ghee", 1)], party_id=parties["Delhi Buyer"], at=MAR)
        mistake = await sell(s, shop.id, [item("Rice", 1)], at=MAR)
        with time_machine.travel(VOIDED, tick=False):
            for sale in (ravi_feb, patil_feb, mistake):
                await void_invoice(s, shop.id, sale.invoice_id)

        for supplier, name, qty, cost in (
            ("Pune Wholesale", "Rice", 20, 5000),
            ("Surat Oils", "Ghee", 4, 48000),
            ("Local Supplier", "Soap", 10, 3000),
        ):
            received = [ReceiveItem(ids[name], D(qty), cost)]
            await receive_stock(
                s, shop.id, received, supplier_id=parties[supplier], paid="credit", at=MAR
            )
        await receive_stock(  # February's delivery belongs to February's return
            s,
            shop.id,
            [ReceiveItem(ids["Rice"], D(5), 5000)],
            supplier_id=parties["Pune Wholesale"],
            at=FEB,
        )
        other_sugar = await add_product(s, other.id, name="Sugar Loose", price_minor=1, hsn="1701")
        await sell(s, other.id, [SaleItem(other_sugar.id, D(1))], at=MAR, allow_negative_stock=True)
    return shop.id, other.id


async def _returns(db: Database) -> tuple[Gstr1, Gstr3b]:
    shop, _ = await _indian_books(db)
    async with db.session() as s:
        march = period("last_month", NOW, "Asia/Kolkata")
        r1 = await gstr1(s, shop, march)
        r3b = await gstr3b(s, shop, march)
        assert await gstr3b(s, shop, march, r1=r1) == r3b  # the GSTR-1 built once serves both
    return r1, r3b


async def test_gstr1_sorts_march_into_b2b_b2cs_and_credit_notes(db: Database) -> None:
    r1, _ = await _returns(db)
    assert (r1.gstin, r1.state, r1.period.first_day.isoformat()) == (
        "27AAPFU0939F1ZV",
        "27",
        "2026-03-01",
    )
    assert r1.b2b == (
        B2bInvoice(
            PATIL,
            "Patil Stores",
            "INV-2026-0003",
            MAR.date(),
            186200,
            "27",
            (RateTax(D(5), 60000, 0, 1500, 1500), RateTax(D(12), 110000, 0, 6600, 6600)),
        ),
        B2bInvoice(
            BANGALORE,
            "Bangalore Mart",
            "INV-2026-0004",
            MAR.date(),
            70800,
            "29",
            (RateTax(D(18), 60000, 10800, 0, 0),),
        ),
    )
    # Ravi's February rice (6000, 150 + 150) comes off March's intra-state 5 %; the two odd
    # soap taxes are halved per invoice (365 + 365 CGST, 364 + 364 SGST), as printed.
    assert r1.b2cs == (
        B2csRow("07", True, D(12), 55000, 6600, 0, 0),
        B2csRow("27", False, D(5), 18000 + 9000 - 6000, 0, 450 + 225 - 150, 450 + 225 - 150),
        B2csRow("27", False, D(18), 8100, 0, 730, 728),
    )
    [note] = r1.cdnr
    assert (note.gstin, note.number, note.noted_on, note.invoice_number, note.invoice_date) == (
        PATIL,
        "CN-INV-2026-0002",
        VOIDED.date(),
        "INV-2026-0002",
        FEB.date(),
    )
    assert (note.value_minor, note.place_of_supply, note.items) == (
        61600,
        "27",
        (RateTax(D(12), 55000, 0, 3300, 3300),),
    )
    assert [n.number for n in r1.b2c_credit_notes] == ["CN-INV-2026-0001"]
    assert r1.nil == ()
    assert r1.fix_before_filing == (
        "Sugar Loose: no HSN code; add it to the product before filing",
    )


async def test_the_hsn_summary_is_net_of_credit_notes_and_lists_products_without_one(
    db: Database,
) -> None:
    r1, _ = await _returns(db)
    assert r1.hsn == (
        HsnRow("", "Sugar Loose", "KGS", D(5), D(2), 9000, 0, 225, 225, 9450),
        # 2 kg to Patil (13200 CGST+SGST) and 1 to Delhi (6600 IGST), less Patil's 1 kg note
        HsnRow("0405", "Ghee", "KGS", D(12), D(2), 110000, 6600, 3300, 3300, 123200),
        # 10 + 3 bags less Ravi's 1 bag
        HsnRow("1006", "Rice", "BAG", D(5), D(12), 72000, 0, 1800, 1800, 75600),
        HsnRow("3401", "Soap", "PCS", D(18), D(17), 68100, 10800, 729, 729, 80358),
    )


async def test_gstr3b_outward_supplies_itc_and_set_off(db: Database) -> None:
    _, r3b = await _returns(db)
    # B2B 230000 + B2CS 84100 - CDNR 55000
    assert r3b.outward_taxable_minor == 259100
    # IGST 10800 + 6600; CGST 8100 + 1255 - 3300; SGST 8100 + 1253 - 3300
    assert r3b.outward_tax == Heads(17400, 6055, 6053)
    assert r3b.nil_rated_minor == 0
    assert r3b.interstate_unregistered == (PlaceRow("07", 55000, 6600),)
    assert r3b.inward_taxable_minor == 100000 + 192000 + 30000
    assert r3b.itc == Heads(23040, 2500 + 2700, 2500 + 2700)
    # IGST credit: 17400 on IGST, 855 and 853 where CGST/SGST credit falls short, the rest
    # (3932) on CGST; CGST credit then covers 1268, SGST credit 5200: nothing in cash.
    assert r3b.pay_in_cash == Heads(0, 0, 0)
    assert r3b.credit_left == Heads(0, 3932, 0)
    assert r3b.fix_before_filing == (
        "Sugar Loose: no HSN code; add it to the product before filing",
        "Local Supplier: no GSTIN on record; the ₹54.00 input tax counted may not be "
        "recoverable without their tax invoice",
    )


def test_set_off_never_uses_cgst_credit_for_sgst() -> None:
    cash, left = set_off(Heads(1000, 500, 500), Heads(0, 2000, 0))
    assert (cash, left) == (Heads(0, 0, 500), Heads(0, 500, 0))
    cash, left = set_off(Heads(100, 300, 300), Heads(400, 100, 0))
    # IGST 100 on IGST, 200 + 100 where credit falls short (CGST, SGST); then 200 SGST remains
    assert (cash, left) == (Heads(0, 0, 200), Heads(0, 0, 0))


async def test_wrong_gstins_unknown_states_and_a_wrong_tax_kind_are_listed(db: Database) -> None:
    async with db.session() as s:
        shop = await india_shop(s, state="MH")  # an abbreviation is read as 27
        rice = await add_product(
            s, shop.id, name="Rice", price_minor=6000, hsn="1006", opening_stock=D(10)
        )
        typo = await add_party(s, shop.id, name="Typo Traders", tax_id="27AABCP1234C1Z1")
        vague = await add_party(s, shop.id, name="Vague Co", state="Bombay")
        local = await add_party(s, shop.id, name="Local Co", state="27", tax_id=PATIL)
        for party in (typo.id, vague.id, local.id):
            await sell(s, shop.id, [SaleItem(rice.id, D(1))], party_id=party, at=MAR)
        r1 = await gstr1(s, shop.id, period("last_month", NOW, "Asia/Kolkata"))
    assert r1.state == "27"
    # The sale reads "27", "MH" and "Maharashtra" as one state (ledger.places.gst_place), so no
    # invoice charged the wrong kind of tax; a place it cannot read is the shop's own.
    assert r1.fix_before_filing == (
        "Typo Traders: GSTIN 27AABCP1234C1Z1 has a wrong check character (a typing mistake?)",
        "Vague Co: the state 'Bombay' is not a GST state name or code",
    )
    assert [(inv.party, inv.place_of_supply, inv.items[0].cgst_minor) for inv in r1.b2b] == [
        ("Local Co", "27", 150),
        ("Typo Traders", "27", 150),  # still B2B: the owner fixes the GSTIN, not the sale
    ]
    # An unknown place is not guessed: the sale stays as charged (CGST+SGST, the shop's own
    # state), its place left blank and listed above.
    assert r1.b2cs == (B2csRow("", False, D(5), 6000, 0, 150, 150),)


async def test_a_shop_without_gstin_or_state_is_told_so(db: Database) -> None:
    async with db.session() as s:
        shop = await create_business(
            s,
            name="New Kirana",
            currency="INR",
            country="IN",
            tax_name="GST",
            tax_rate=D(5),
            prices_include_tax=False,
            timezone="Asia/Kolkata",
        )
        r1 = await gstr1(s, shop.id, period("last_month", NOW, "Asia/Kolkata"))
    assert r1.fix_before_filing == (
        "Your GSTIN is missing: add it to the shop's details",
        "Your shop's state is missing: it decides CGST+SGST or IGST",
    )
    assert (r1.b2b, r1.b2cs, r1.hsn) == ((), (), ())


def test_gstin_checksum_and_place_names() -> None:
    assert valid_gstin("27AAPFU0939F1ZV")
    assert gstin_check_char("27AAPFU0939F1Z") == "V"
    assert not valid_gstin("27AAPFU0939F1ZW")  # one character off
    assert not valid_gstin("27AAPFU0939F1Z")  # too short
    assert not valid_gstin("99AAPFU0939F1ZV")  # no such state
    assert [gst_state_code(t) for t in ("27", "7", "MH", "maharashtra", "Tamilnadu", "x")] == [
        "27",
        "07",
        "27",
        "27",
        "33",
        None,
    ]
    assert gst_state_code("97") == gst_state_code("Other Territory") == "97"
    assert [emirate_code(t) for t in ("DU", "dubai", "Ras al-Khaimah", "دبي", "Paris")] == [
        "DU",
        "DU",
        "RK",
        "DU",
        None,
    ]


# UAE, VAT 5 %, prices include VAT, Dubai, March 2026 (net = gross * 100 / 105, rounded):
#   Feb  INV-2026-0001 2 Rice @40 = 8000 -> 7619 + 381; 1 Medicine (0 %) @25 = 2500; void in March
#   Mar  10 Rice @40 = 40000 -> 38095 + 1905; 5 Soap @3 = 1500 -> 1429 + 71;
#        2 Medicine @25 = 5000 at 0 %; to Ahmed 1 Rice @40 -> 3810 + 190
#   Purchases: Al Noor (TRN) 4 Rice @31.50 = 12600 -> 12000 + 600, 10 Medicine @20 (0 %);
#              Corner Wholesale (no TRN) 10 Soap @2.10 = 2100 -> 2000 + 100, with a warning.


async def _uae_books(db: Database) -> int:
    feb = datetime(2026, 2, 25, 12, 0, tzinfo=DUBAI)
    mar = datetime(2026, 3, 3, 12, 0, tzinfo=DUBAI)
    async with db.session() as s:
        shop = await create_business(
            s,
            name="Dubai Grocery",
            currency="AED",
            country="AE",
            tax_name="VAT",
            tax_rate=D(5),
            prices_include_tax=True,
            timezone="Asia/Dubai",
            tax_id="100234567800003",
            state="Dubai",
        )
        ids = {}
        for name, price, rate in (
            ("Rice", 4000, None),
            ("Soap", 300, None),
            ("Medicine", 2500, D(0)),
        ):
            product = await add_product(
                s, shop.id, name=name, price_minor=price, tax_rate=rate, opening_stock=D(50)
            )
            ids[name] = product.id
        ahmed = await add_party(s, shop.id, name="Ahmed", phone=new_phone())
        al_noor = await add_party(
            s, shop.id, name="Al Noor", kind="supplier", tax_id="100111222300003"
        )
        corner = await add_party(s, shop.id, name="Corner Wholesale", kind="supplier")
        old = await sell(
            s, shop.id, [SaleItem(ids["Rice"], D(2)), SaleItem(ids["Medicine"], D(1))], at=feb
        )
        await sell(
            s,
            shop.id,
            [
                SaleItem(ids["Rice"], D(10)),
                SaleItem(ids["Soap"], D(5)),
                SaleItem(ids["Medicine"], D(2)),
            ],
            at=mar,
        )
        await sell(s, shop.id, [SaleItem(ids["Rice"], D(1))], party_id=ahmed.id, at=mar)
        with time_machine.travel(datetime(2026, 3, 9, 10, 0, tzinfo=DUBAI), tick=False):
            await void_invoice(s, shop.id, old.invoice_id)
        await receive_stock(
            s,
            shop.id,
            [ReceiveItem(ids["Rice"], D(4), 3150), ReceiveItem(ids["Medicine"], D(10), 2000)],
            supplier_id=al_noor.id,
            at=mar,
        )
        await receive_stock(
            s, shop.id, [ReceiveItem(ids["Soap"], D(10), 210)], supplier_id=corner.id, at=mar
        )
    return shop.id


async def test_vat201_boxes_and_net_due(db: Database) -> None:
    shop = await _uae_books(db)
    async with db.session() as s:
        r = await vat201(
            s, shop, period("last_month", datetime(2026, 4, 2, tzinfo=DUBAI), "Asia/Dubai")
        )
    assert isinstance(r, Vat201)
    assert (r.trn, r.emirate) == ("100234567800003", "DU")
    dubai = 38095 + 1429 + 3810 - 7619
    assert r.box1 == (
        EmirateRow("AZ", "Abu Dhabi", 0, 0),
        EmirateRow("DU", "Dubai", dubai, 1905 + 71 + 190 - 381),
        EmirateRow("SH", "Sharjah", 0, 0),
        EmirateRow("AJ", "Ajman", 0, 0),
        EmirateRow("UQ", "Umm Al Quwain", 0, 0),
        EmirateRow("RK", "Ras Al Khaimah", 0, 0),
        EmirateRow("FU", "Fujairah", 0, 0),
    )
    assert r.zero_rated_minor == 5000 - 2500
    assert (r.box8_amount_minor, r.box8_vat_minor) == (35715 + 2500, 1785)
    assert (r.expenses_minor, r.input_vat_minor) == (12000 + 2000, 600 + 100)
    assert (r.box12_minor, r.box13_minor, r.net_vat_due_minor) == (1785, 700, 1085)
    [note] = r.credit_notes
    assert (note.number, note.noted_on.isoformat(), note.amount_minor, note.vat_minor) == (
        "CN-INV-2026-0001",
        "2026-03-09",
        7619 + 2500,
        381,
    )
    assert r.fix_before_filing == (
        "Corner Wholesale: no TRN on record; the AED 1.00 input tax counted may not be "
        "recoverable without their tax invoice",
    )
