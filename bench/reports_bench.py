"""Month end on a shop with three years of history: the sales chart PNG, the month's workbook,
its Tally XML and the VAT return, each from the database to the file's bytes.

    .venv/bin/python -m bench.reports_bench                     # SQLite, 300,000 invoices
    .venv/bin/python -m bench.reports_bench --invoices 20000    # a quick run
    .venv/bin/python -m bench.reports_bench --postgres postgresql+asyncpg://postgres@127.0.0.1/b

The shop is bench.ledger_bench's (built once and cached under --data). Each figure is the
median of --runs, read on a read session as the conversation does; the chart and file bytes
are made as the bot makes them (pdf/), in this thread.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from bench.ledger_bench import Built, build, cached_files, working_copy
from bench.ledger_bench import postgres_run as build_pg
from ledger import Database
from ledger.exports import books_export
from ledger.periods import period, previous
from ledger.returns import vat201
from ledger.series import sales_chart_data
from pdf.chart import render_sales_chart
from pdf.returns import vat201_xlsx
from pdf.tally import tally_xml
from pdf.xlsx import books_xlsx

TARGETS_MS = {
    "chart PNG (this month)": 150.0,
    "month xlsx": 1000.0,
    "month Tally XML": 1000.0,
    "VAT 201 of the quarter (+ xlsx)": 1000.0,
}
TZ = "Asia/Dubai"


async def median_ms(fn: Callable[[], Awaitable[object]], runs: int) -> tuple[float, object]:
    """The median wall time of fn over runs (after one warm-up), and its last result."""
    result = await fn()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        result = await fn()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


async def measure(db: Database, built: Built, runs: int) -> dict[str, tuple[float, str]]:
    """Each month-end figure's median ms, with what it made."""
    now = datetime.fromisoformat(built.anchor)
    month = period("last_month", now, TZ)
    quarter = period("last_quarter", now, TZ)
    bid = built.business_id

    async def chart() -> bytes:
        span = period("this_month", now, TZ)
        async with db.read() as session:
            data = await sales_chart_data(session, bid, span, previous(span, TZ))
        return render_sales_chart(data)

    async def workbook() -> bytes:
        async with db.read() as session:
            export = await books_export(session, bid, month)
        return books_xlsx(export)

    async def tally() -> bytes:
        async with db.read() as session:
            export = await books_export(session, bid, month, what="sales")
        return tally_xml(export)

    async def vat() -> bytes:
        async with db.read() as session:
            figures = await vat201(session, bid, quarter)
        return vat201_xlsx(figures)

    out: dict[str, tuple[float, str]] = {}
    for name, fn in (
        ("chart PNG (this month)", chart),
        ("month xlsx", workbook),
        ("month Tally XML", tally),
        ("VAT 201 of the quarter (+ xlsx)", vat),
    ):
        ms, made = await median_ms(fn, runs)
        size = len(made) if isinstance(made, bytes) else 0
        out[name] = (ms, f"{size / 1024:,.0f} KB")
    return out


async def sqlite_run(data: Path, n: int, runs: int) -> tuple[Built, dict[str, tuple[float, str]]]:
    pristine, meta, built = cached_files(data, n, rebuild=False)
    if built is None:
        db = Database(f"sqlite+aiosqlite:///{pristine}")
        await db.migrate()
        built = await build(db, n)
        await db.dispose()
        meta.write_text(json.dumps(asdict(built)))
    db = Database(f"sqlite+aiosqlite:///{pristine}")
    await db.migrate()
    await db.dispose()
    db = Database(f"sqlite+aiosqlite:///{working_copy(pristine)}")
    try:
        return built, await measure(db, built, runs)
    finally:
        await db.dispose()


async def postgres_run(
    url: str, data: Path, n: int, runs: int
) -> tuple[Built, dict[str, tuple[float, str]]]:
    built, _ = await build_pg(url, data, n, 1, rebuild=False)
    db = Database(url)
    try:
        return built, await measure(db, built, runs)
    finally:
        await db.dispose()


def report(name: str, built: Built, figures: dict[str, tuple[float, str]]) -> bool:
    print(f"\n{name}: {built.invoices:,} invoices, {built.lines:,} lines (median ms)")
    ok = True
    for what, (ms, size) in figures.items():
        target = TARGETS_MS[what]
        met = ms < target
        ok = ok and met
        print(
            f"  {what:<34} {ms:8.1f}   {size:>8}   target < {target:g}  {'ok' if met else 'MISSED'}"
        )
    return ok


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--invoices", type=int, default=300_000)
    parser.add_argument("--data", type=Path, default=Path("/tmp/hisaab-bench"))
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL database")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    built, figures = await sqlite_run(args.data, args.invoices, args.runs)
    ok = report("SQLite", built, figures)
    if args.postgres:
        built, figures = await postgres_run(args.postgres, args.data, args.invoices, args.runs)
        ok = report("PostgreSQL", built, figures) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
