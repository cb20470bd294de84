"""Return figures -> files: the GSTR-1 JSON the offline tool imports, and the workbooks."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from ledger.periods import Period
from ledger.returns import (
    B2bInvoice,
    B2csRow,
    CreditNote,
    EmirateRow,
    Gstr1,
    Gstr3b,
    Heads,
    HsnRow,
    NilRow,
    PlaceRow,
    RateTax,
    Vat201,
    VatCreditNote,
)
from pdf.returns import gstr1_json, gstr1_xlsx, vat201_xlsx

D = Decimal
MARCH = Period(
    "last_month",
    datetime(2026, 2, 28, 18, 30, tzinfo=UTC),
    datetime(2026, 3, 31, 18, 30, tzinfo=UTC),
    date(2026, 3, 1),
    date(2026, 3, 31),
)
PATIL = "27AABCP1234C1Z0"
BANGALORE = "29AAGCB7383J1Z4"

R1 = Gstr1(
    shop="Sharma Kirana",
    gstin="27AAPFU0939F1ZV",
    state="27",
    currency="INR",
    period=MARCH,
    b2b=(
        B2bInvoice(
            PATIL,
            "Patil Stores",
            "INV-2026-0003",
            date(2026, 3, 10),
            186200,
            "27",
            (RateTax(D(5), 60000, 0, 1500, 1500), RateTax(D(12), 110000, 0, 6600, 6600)),
        ),
        B2bInvoice(
            BANGALORE,
            "Bangalore Mart",
            "INV-2026-0004",
            date(2026, 3, 10),
            70800,
            "29",
            (RateTax(D(18), 60000, 10800, 0, 0),),
        ),
    ),
    b2cs=(
        B2csRow("07", True, D(12), 55000, 6600, 0, 0),
        B2csRow("27", False, D("2.5"), 21000, 0, 263, 262),
    ),
    cdnr=(
        CreditNote(
            PATIL,
            "Patil Stores",
            "CN-INV-2026-0002",
            date(2026, 3, 12),
            "INV-2026-0002",
            date(2026, 2, 20),
            61600,
            "27",
            (RateTax(D(12), 55000, 0, 3300, 3300),),
        ),
    ),
    b2c_credit_notes=(),
    nil=(NilRow("INTRAB2C", 5000),),
    hsn=(
        HsnRow("", "Sugar Loose", "KGS", D(5), D("2.5"), 9000, 0, 225, 225, 9450),
        HsnRow("1006", "Rice", "BAG", D(5), D(12), 72000, 0, 1800, 1800, 75600),
        HsnRow(
            "3401",
            "Soap bar, soap liquid, soap flakes",
            "PCS",
            D(18),
            D(17),
            68100,
            10800,
            729,
            729,
            80358,
        ),
    ),
    fix_before_filing=("Sugar Loose: no HSN code; add it to the product before filing",),
)
R3B = Gstr3b(
    shop="Sharma Kirana",
    gstin="27AAPFU0939F1ZV",
    state="27",
    currency="INR",
    period=MARCH,
    outward_taxable_minor=259100,
    outward_tax=Heads(17400, 6055, 6053),
    nil_rated_minor=5000,
    interstate_unregistered=(PlaceRow("07", 55000, 6600),),
    inward_taxable_minor=322000,
    itc=Heads(23040, 5200, 5200),
    pay_in_cash=Heads(0, 0, 0),
    credit_left=Heads(0, 3932, 0),
    fix_before_filing=("Local Supplier: no GSTIN on record",),
)


def test_gstr1_json_has_the_offline_tools_structure_in_rupees() -> None:
    raw = gstr1_json(R1)
    doc = json.loads(raw, parse_float=Decimal)
    assert sorted(doc) == ["b2b", "b2cs", "cdnr", "fp", "gstin", "hsn", "nil"]
    assert (doc["gstin"], doc["fp"]) == ("27AAPFU0939F1ZV", "032026")
    assert doc["b2b"] == [
        {
            "ctin": PATIL,
            "inv": [
                {
                    "inum": "INV-2026-0003",
                    "idt": "10-03-2026",
                    "val": D("1862.00"),
                    "pos": "27",
                    "rchrg": "N",
                    "inv_typ": "R",
                    "itms": [
                        {
                            "num": 1,
                            "itm_det": {
                                "rt": 5,
                                "txval": D("600.00"),
                                "camt": D("15.00"),
                                "samt": D("15.00"),
                                "csamt": D("0.00"),
                            },
                        },
                        {
                            "num": 2,
                            "itm_det": {
                                "rt": 12,
                                "txval": D("1100.00"),
                                "camt": D("66.00"),
                                "samt": D("66.00"),
                                "csamt": D("0.00"),
                            },
                        },
                    ],
                }
            ],
        },
        {
            "ctin": BANGALORE,
            "inv": [
                {
                    "inum": "INV-2026-0004",
                    "idt": "10-03-2026",
                    "val": D("708.00"),
                    "pos": "29",
                    "rchrg": "N",
                    "inv_typ": "R",
                    "itms": [
                        {
                            "num": 1,
                            "itm_det": {
                                "rt": 18,
                                "txval": D("600.00"),
                                "iamt": D("108.00"),
                                "csamt": D("0.00"),
                            },
                        }
                    ],
                }
            ],
        },
    ]
    assert doc["b2cs"] == [
        {
            "sply_ty": "INTER",
            "pos": "07",
            "typ": "OE",
            "rt": 12,
            "txval": D("550.00"),
            "iamt": D("66.00"),
            "csamt": D("0.00"),
        },
        {
            "sply_ty": "INTRA",
            "pos": "27",
            "typ": "OE",
            "rt": D("2.5"),
            "txval": D("210.00"),
            "camt": D("2.63"),
            "samt": D("2.62"),
            "csamt": D("0.00"),
        },
    ]
    [note] = doc["cdnr"][0]["nt"]
    assert doc["cdnr"][0]["ctin"] == PATIL
    assert {k: note[k] for k in ("ntty", "nt_num", "nt_dt", "val", "pos")} == {
        "ntty": "C",
        "nt_num": "CN-INV-2026-0002",
        "nt_dt": "12-03-2026",
        "val": D("616.00"),
        "pos": "27",
    }
    assert note["itms"][0]["itm_det"]["camt"] == D("33.00")
    assert doc["nil"] == {
        "inv": [
            {
                "sply_ty": "INTRAB2C",
                "nil_amt": D("50.00"),
                "expt_amt": D("0.00"),
                "ngsup_amt": D("0.00"),
            }
        ]
    }
    hsn = doc["hsn"]["data"]
    assert [(h["num"], h["hsn_sc"], h["uqc"], h["qty"], h["rt"]) for h in hsn] == [
        (1, "", "KGS", D("2.5"), 5),
        (2, "1006", "BAG", 12, 5),
        (3, "3401", "PCS", 17, 18),
    ]
    assert hsn[2]["desc"] == "Soap bar, soap liquid, soap fl"  # the portal's 30 characters
    assert (hsn[2]["txval"], hsn[2]["iamt"], hsn[2]["camt"], hsn[2]["samt"]) == (
        D("681.00"),
        D("108.00"),
        D("7.29"),
        D("7.29"),
    )


def test_amounts_are_written_with_two_decimals_and_keys_sorted() -> None:
    raw = gstr1_json(R1).decode()
    assert '"rchrg":"N","val":1862.00}' in raw
    assert '"csamt":0.00' in raw
    assert raw.startswith('{"b2b":[{"ctin":"27AABCP1234C1Z0","inv":[{"idt":"10-03-2026",')
    assert gstr1_json(R1) == gstr1_json(R1)


def test_an_empty_month_has_only_the_header() -> None:
    empty = Gstr1("Shop", "27AAPFU0939F1ZV", "27", "INR", MARCH, (), (), (), (), (), (), ())
    assert json.loads(gstr1_json(empty)) == {"gstin": "27AAPFU0939F1ZV", "fp": "032026"}


def _read(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    wb = load_workbook(io.BytesIO(data))
    return {ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in wb}


def test_the_gstr1_workbook_reads_back_with_the_same_figures() -> None:
    sheets = _read(gstr1_xlsx(R1, R3B))
    assert list(sheets) == ["b2b", "b2cs", "hsn", "cdnr", "3b", "fix before filing"]
    b2b = sheets["b2b"]
    assert b2b[0][:4] == ("GSTIN", "Buyer", "Invoice", "Date")
    assert [row[6:] for row in b2b[1:]] == [
        (5, 600, 0, 15, 15),
        (12, 1100, 0, 66, 66),
        (18, 600, 108, 0, 0),
    ]
    assert b2b[1][:6] == (PATIL, "Patil Stores", "INV-2026-0003", datetime(2026, 3, 10), 1862, "27")
    assert sheets["b2cs"][1:] == [
        ("INTER", "07", 12, 550, 66, 0, 0),
        ("INTRA", "27", 2.5, 210, 0, 2.63, 2.62),
    ]
    assert sheets["hsn"][2] == ("1006", "Rice", "BAG", 12, 5, 720, 0, 18, 18, 756)
    assert sheets["cdnr"][1][2] == "CN-INV-2026-0002"
    assert sheets["cdnr"][1][9:] == (550, 0, 33, 33)
    three_b = {row[0]: row[1:] for row in sheets["3b"][1:]}
    assert three_b["3.1(a) Outward taxable supplies"] == (2591, 174, 60.55, 60.53)
    assert three_b["3.2 Inter-state to unregistered, 07"] == (550, 66, None, None)
    assert three_b["4(A)(5) All other ITC"] == (3220, 230.4, 52, 52)
    assert three_b["ITC carried forward"] == (None, 0, 39.32, 0)
    assert [row[0] for row in sheets["fix before filing"][1:]] == [
        "Sugar Loose: no HSN code; add it to the product before filing",
        "Local Supplier: no GSTIN on record",
    ]


def test_workbooks_are_the_same_bytes_for_the_same_figures() -> None:
    first = gstr1_xlsx(R1, R3B)
    assert first == gstr1_xlsx(R1, R3B)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-03-31T23:59:59Z" in core
    assert vat201_xlsx(_vat()) == vat201_xlsx(_vat())


def _vat() -> Vat201:
    return Vat201(
        shop="Dubai Grocery",
        trn="100234567800003",
        emirate="DU",
        currency="AED",
        period=MARCH,
        box1=(EmirateRow("AZ", "Abu Dhabi", 0, 0), EmirateRow("DU", "Dubai", 35715, 1785)),
        zero_rated_minor=2500,
        expenses_minor=14000,
        input_vat_minor=700,
        credit_notes=(
            VatCreditNote("CN-INV-2026-0001", date(2026, 3, 9), "INV-2026-0001", 10119, 381),
        ),
        fix_before_filing=(),
    )


def test_the_vat201_workbook_reads_back_box_by_box() -> None:
    sheets = _read(vat201_xlsx(_vat()))
    assert list(sheets) == ["vat201", "credit notes"]
    boxes = {row[0]: row[1:] for row in sheets["vat201"][1:]}
    assert boxes["1 Standard rated supplies in Dubai"] == (357.15, 17.85)
    assert boxes["1 Standard rated supplies in Abu Dhabi"] == (0, 0)
    assert boxes["4 Zero rated supplies"] == (25, None)
    assert boxes["8 Totals"] == (382.15, 17.85)
    assert boxes["9 Standard rated expenses"] == (140, 7)
    assert boxes["14 Payable tax for the period"] == (None, 10.85)
    assert sheets["credit notes"][1] == (
        "CN-INV-2026-0001",
        datetime(2026, 3, 9),
        "INV-2026-0001",
        101.19,
        3.81,
    )
