"""The console: `hisaab shop load`, then `hisaab chat --as PHONE` scripted through stdin."""

from __future__ import annotations

import asyncio
import io
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from bot.cli import main
from ledger import Database, find_party, find_product, members_by_phone, sqlite_url
from tests.conftest import EVAL_DIR

OWNER = "+971500000001"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data folder (SQLite), the rule engine, and no .env from the working tree."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HISAAB_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DATABASE_URL", "")
    monkeypatch.setenv("INTENT_ENGINE", "rules")
    return tmp_path / "data"


def hisaab(
    argv: list[str],
    stdin: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *,
    code: int = 0,
) -> str:
    """Run the command line in-process; what it printed."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    with pytest.raises(SystemExit) as done:
        main(argv)
    out, err = capsys.readouterr()
    assert done.value.code == code, err
    return out


async def _books(data: Path) -> tuple[Decimal, int]:
    """Rice on hand and Ahmed's balance, read from the data folder."""
    db = Database(sqlite_url(data))
    try:
        async with db.session() as session:
            (owner,) = await members_by_phone(session, OWNER)
            rice = await find_product(session, owner.business_id, "Rice 5kg")
            ahmed = await find_party(session, owner.business_id, "Ahmed Khan")
            assert rice is not None and ahmed is not None
            return rice.on_hand, ahmed.balance_minor
    finally:
        await db.dispose()


def test_load_a_shop_then_sell_and_ask_for_the_days_total(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loaded = hisaab(
        ["shop", "load", str(EVAL_DIR / "catalog_ae.json"), "--owner", OWNER],
        "",
        monkeypatch,
        capsys,
    )
    assert loaded.strip() == (f"Loaded Al Barsha Grocery: 15 products, 6 parties; owner {OWNER}.")

    chat = hisaab(
        ["chat", "--as", OWNER],
        "sold 2 rice to ahmed 40 each\nwhat did I sell today\n",
        monkeypatch,
        capsys,
    )

    assert "bot> ✅ Sale INV-" in chat and "to Ahmed Khan" in chat
    assert "2 × Rice 5kg @ AED 40 = AED 80" in chat
    assert "📊 Sales today: AED 80 from 1 sale." in chat
    assert "you> " not in chat  # no prompt when stdin is not a person
    assert "Traceback" not in chat
    rice, ahmed_owes = asyncio.run(_books(data_dir))
    assert (rice, ahmed_owes) == (Decimal(23), 0)


def test_an_invoice_sent_from_the_console_lands_in_the_outbox(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    hisaab(
        ["shop", "load", str(EVAL_DIR / "catalog_ae.json"), "--owner", OWNER],
        "",
        monkeypatch,
        capsys,
    )

    chat = hisaab(
        ["chat", "--as", OWNER],
        # Fatima agrees to messages from the shop before her bill is sent to her.
        f"fatima took two tray eggs on credit\n/as +971502345678\nhi\nyes\n/as {OWNER}\n"
        "send fatima her bill\n",
        monkeypatch,
        capsys,
    )

    assert "In all: Fatima Ali owes you AED 36." in chat
    assert "bot → +971502345678> 📄 Al Barsha Grocery: your invoice INV-" in chat
    (pdf,) = (data_dir / "outbox").glob("INV-*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert f"[document saved: {pdf}]" in chat


def test_an_unknown_number_registers_a_shop_from_the_console(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    chat = hisaab(
        ["chat", "--as", "+971 50 777 1234"],
        "hello\nCorner Store\n1\nskip\nhelp\n",
        monkeypatch,
        capsys,
    )

    assert "What is the shop's name?" in chat
    assert "Your shop Corner Store is ready (AED). You are the owner." in chat
    assert "I keep your books." in chat


def test_chat_without_a_phone_number_says_how_to_start(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    with pytest.raises(SystemExit) as done:
        main(["chat"])

    assert done.value.code == 2
    assert "give --as PHONE" in capsys.readouterr().err
