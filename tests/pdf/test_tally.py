"""The TallyPrime import XML, from a hand-built export: the envelope, one balanced voucher per
document, GST split by place of supply, and text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from decimal import Decimal

from ledger.exports import BooksExport
from pdf.tally import tally_xml
from tests.pdf.test_xlsx import books

DATA = "BODY/IMPORTDATA/REQUESTDATA/TALLYMESSAGE/VOUCHER"


def _vouchers(export: BooksExport) -> list[ET.Element]:
    return ET.fromstring(tally_xml(export)).findall(DATA)


def _entries(voucher: ET.Element) -> dict[str, Decimal]:
    return {
        e.findtext("LEDGERNAME", ""): Decimal(e.findtext("AMOUNT", ""))
        for e in voucher.findall("ALLLEDGERENTRIES.LIST")
    }


def test_the_envelope_is_an_import_of_vouchers_into_the_shops_company() -> None:
    root = ET.fromstring(tally_xml(books()))
    assert root.tag == "ENVELOPE"
    assert root.findtext("HEADER/TALLYREQUEST") == "Import Data"
    desc = root.find("BODY/IMPORTDATA/REQUESTDESC")
    assert desc is not None
    assert desc.findtext("REPORTNAME") == "Vouchers"
    assert desc.findtext("STATICVARIABLES/SVCURRENTCOMPANY") == "Sharma Kirana & Sons"
    assert tally_xml(books()).startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_one_voucher_per_invoice_costed_purchase_and_party_payment() -> None:
    vouchers = _vouchers(books())
    assert [(v.get("VCHTYPE"), v.findtext("VOUCHERNUMBER")) for v in vouchers] == [
        ("Sales", "INV-2026-0001"),
        ("Sales", "INV-2026-0002"),  # INV-2026-0003 gave goods away: a voucher of noughts
        ("Purchase", "PUR-7"),  # PUR-8 came without a cost: nothing to account for
        ("Receipt", "RCT-1"),  # RCT-2 was paid at a walk-in sale, already in its voucher
        ("Payment", "PMT-3"),
    ]
    assert [v.findtext("DATE") for v in vouchers][:2] == ["20260305", "20260305"]
    assert vouchers[1].findtext("VOUCHERTYPENAME") == "Sales"
    assert vouchers[1].findtext("PARTYLEDGERNAME") == "Delhi Traders & Co"
    assert vouchers[1].findtext("PARTYGSTIN") == "07AAACG1234B1Z2"


def test_every_voucher_balances_to_zero_with_tallys_signs() -> None:
    for export in (books(), books("AE")):
        for voucher in _vouchers(export):
            total = Decimal(0)
            for entry in voucher.findall("ALLLEDGERENTRIES.LIST"):
                amount = Decimal(entry.findtext("AMOUNT", ""))
                assert amount != 0
                assert entry.findtext("ISDEEMEDPOSITIVE") == ("Yes" if amount < 0 else "No")
                total += amount
            assert total == 0, voucher.findtext("VOUCHERNUMBER")


def test_gst_is_cgst_and_sgst_within_the_state_and_igst_across() -> None:
    within, across, bought, received, paid = _vouchers(books())
    assert _entries(within) == {
        "Ravi Kumar": Decimal("-108.50"),
        "Sales": Decimal("103.33"),
        "Output CGST": Decimal("2.59"),
        "Output SGST": Decimal("2.58"),
    }
    assert _entries(across) == {
        "Delhi Traders & Co": Decimal("-472.50"),
        "Sales": Decimal("450.00"),
        "Output IGST": Decimal("22.50"),
    }
    assert _entries(bought) == {
        "Purchase": Decimal("-761.90"),
        "Input CGST": Decimal("-19.05"),
        "Input SGST": Decimal("-19.05"),
        "Pune Wholesale": Decimal("800.00"),
    }
    assert _entries(received) == {
        "Bank": Decimal("-472.50"),
        "Delhi Traders & Co": Decimal("472.50"),
    }
    assert _entries(paid) == {"Pune Wholesale": Decimal("-100.00"), "Bank": Decimal("100.00")}


def test_the_party_line_carries_a_new_bill_reference() -> None:
    within = _vouchers(books())[0]
    [party] = [
        e for e in within.findall("ALLLEDGERENTRIES.LIST") if e.findtext("ISPARTYLEDGER") == "Yes"
    ]
    assert party.findtext("BILLALLOCATIONS.LIST/NAME") == "INV-2026-0001"
    assert party.findtext("BILLALLOCATIONS.LIST/BILLTYPE") == "New Ref"
    assert party.findtext("BILLALLOCATIONS.LIST/AMOUNT") == "-108.50"


def test_a_uae_shop_posts_output_and_input_vat() -> None:
    vouchers = _vouchers(books("AE"))
    ledgers = {name for v in vouchers for name in _entries(v)}
    assert {"Output VAT", "Input VAT"} <= ledgers
    assert not any("GST" in name for name in ledgers)


def test_a_walk_in_sale_with_money_debits_cash() -> None:
    export = books()
    sale = replace(export.sales[3], net_minor=1000, tax_minor=50, gross_minor=1050)
    export = replace(export, sales=(*export.sales[:3], sale))
    walk_in = _vouchers(export)[2]
    assert walk_in.findtext("PARTYLEDGERNAME") == "Cash"
    assert _entries(walk_in)["Cash"] == Decimal("-10.50")
    assert all(
        e.findtext("BILLALLOCATIONS.LIST/NAME") is None
        for e in walk_in.findall("ALLLEDGERENTRIES.LIST")
    )


def test_names_are_escaped_and_the_bytes_repeat() -> None:
    export = books()
    odd = replace(export.sales[0], party='Ali <"Bhai"> & Sons\x01')
    export = replace(export, sales=(odd, *export.sales[1:]))
    data = tally_xml(export)
    assert b"&amp;" in data and b"&lt;" in data
    assert ET.fromstring(data).findall(DATA)[0].findtext("PARTYLEDGERNAME") == 'Ali <"Bhai"> & Sons'
    assert tally_xml(export) == data
