"""The `hisaab` command line: loading a shop, refusing a bad catalog, rendering an invoice."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from bot.cli import main
from tests.conftest import EVAL_DIR

OWNER = "+971500000001"


def _run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as done:
        main(argv)
    return int(done.value.code or 0)


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("HISAAB_DATA_DIR", str(folder))
    monkeypatch.setenv("INTENT_ENGINE", "rules")
    return folder


def test_shop_load_creates_the_shop_and_its_owner(
    data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(["shop", "load", str(EVAL_DIR / "catalog_ae.json"), "--owner", OWNER], monkeypatch)
    assert code == 0
    assert "Loaded Al Barsha Grocery: 15 products, 6 parties; owner +971500000001." in (
        capsys.readouterr().out
    )


def test_a_malformed_catalog_is_refused_naming_every_bad_field(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = json.loads((EVAL_DIR / "catalog_ae.json").read_text(encoding="utf-8"))
    broken["business"]["currency"] = "DIRHAM"
    broken["products"][2]["unit_price"] = "five"
    broken["parties"][0]["kind"] = "friend"
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert _run(["shop", "load", str(path), "--owner", OWNER], monkeypatch) == 1
    err = capsys.readouterr().err
    assert "business.currency" in err
    assert "products[2].unit_price" in err
    assert "parties[0].kind" in err
    assert "Traceback" not in err


def test_invoice_render_writes_a_pdf_of_the_sale(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(["shop", "load", str(EVAL_DIR / "catalog_ae.json"), "--owner", OWNER], monkeypatch)
    _run(["chat", "--as", OWNER], monkeypatch, "sold 2 rice to ahmed 40 each\n")
    out = tmp_path / "inv.pdf"
    code = _run(
        ["invoice", "render", "INV-2026-0001", "--shop-owner", OWNER, "-o", str(out)], monkeypatch
    )
    assert code == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "INV-2026-0001" in text
    assert "Ahmed Khan" in text
    assert "100234567800003" in text  # the shop's TRN


def test_rendering_an_unknown_invoice_is_a_clear_error(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(["shop", "load", str(EVAL_DIR / "catalog_ae.json"), "--owner", OWNER], monkeypatch)
    code = _run(
        [
            "invoice",
            "render",
            "INV-2099-0001",
            "--shop-owner",
            OWNER,
            "-o",
            str(tmp_path / "x.pdf"),
        ],
        monkeypatch,
    )
    assert code == 1
    assert "no invoice INV-2099-0001" in capsys.readouterr().err
