"""The sales chart: what it plots is the report's figures, its words are in the sender's
language, and the same data gives the same PNG bytes in any process or thread."""

from __future__ import annotations

import io
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from matplotlib import font_manager
from matplotlib.image import imread

from ledger import Database, SaleItem, sales_report, sell, to_major
from ledger.periods import period, previous
from ledger.series import SalesChartData, sales_chart_data
from pdf.chart import (
    PlottedFigures,
    chart_figures,
    render_sales_chart,
    render_sales_chart_async,
)
from pdf.fonts import FONT_DIR
from tests.factories import uae_shop
from tests.ledger.support import product_id

PNG = b"\x89PNG\r\n\x1a\n"
LANGUAGES = ("en", "hi", "ar")
DUBAI = ZoneInfo("Asia/Dubai")
NOW = datetime(2026, 3, 20, 18, 0, tzinfo=DUBAI)


def sample(currency: str = "INR", days: int = 20, sales: bool = True) -> SalesChartData:
    """Twenty days of March, with Hindi and Arabic product names."""
    span = tuple(date(2026, 3, 1) + timedelta(days=i) for i in range(days))
    totals = tuple((i * 7919 % 13) * 125_050 if sales else 0 for i in range(days))
    before = tuple((i * 104_729 % 11) * 98_000 if sales else 0 for i in range(days))
    top = (
        (("बासमती चावल 5kg", 4_500_000), ("أرز بسمتي", 2_500_000), ("Toor Dal", 1_200_050))
        if sales
        else ()
    )
    return SalesChartData(
        currency, "this_month", span[0], span[-1], span, totals, before, top, sum(totals), 0
    )


def _decoded(png: bytes) -> tuple[int, ...]:
    assert png.startswith(PNG)
    shape: tuple[int, ...] = imread(io.BytesIO(png)).shape
    return shape


def test_the_same_data_renders_to_the_same_bytes() -> None:
    data = sample()
    first = render_sales_chart(data, language="hi")
    assert render_sales_chart(data, language="hi") == first
    assert render_sales_chart(data, language="ar") != first
    assert b"Software" not in first and b"matplotlib" not in first


def test_a_fresh_process_renders_the_same_bytes() -> None:
    data = sample()
    probe = (
        "import datetime, sys; from ledger.series import SalesChartData;"
        "from pdf.chart import render_sales_chart;"
        f"sys.stdout.buffer.write(render_sales_chart({data!r}, language='ar'))"
    )
    root = Path(__file__).parents[2]
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True, cwd=root)
    assert out.stdout == render_sales_chart(data, language="ar")


def test_threads_render_the_same_bytes_as_one_thread() -> None:
    jobs = [(sample(c), lang) for c in ("INR", "AED") for lang in ("en", "hi", "ar")]
    alone = [render_sales_chart(data, language=lang) for data, lang in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda job: render_sales_chart(job[0], language=job[1]), jobs))
    assert together == alone


@pytest.mark.parametrize("language", ["en", "hi", "ar"])
def test_every_language_renders_a_png_of_the_fixed_size(language: str) -> None:
    png = render_sales_chart(sample(), language=language)
    assert _decoded(png) == (700, 1000, 4)
    empty = render_sales_chart(sample(sales=False), language=language)
    assert _decoded(empty) == (700, 1000, 4)


async def test_the_async_render_gives_the_same_bytes() -> None:
    data = sample("AED")
    assert await render_sales_chart_async(data, language="ar") == render_sales_chart(
        data, language="ar"
    )


def test_the_words_are_in_the_senders_language() -> None:
    en, hi, ar = (chart_figures(sample(), language=lang) for lang in ("en", "hi", "ar"))
    assert en.title == "Sales this month: ₹1,50,060.00"
    assert en.subtitle == "1–20 Mar 2026"
    assert hi.title == "Is mahine ki sale: ₹1,50,060.00"
    assert hi.legend == ("Is period", "Pichhla period")
    assert ar.title.startswith("مبيعات هذا الشهر: ")
    assert "₹1,50,060.00" in ar.title  # kept left to right inside the Arabic line
    assert ar.subtitle == "من 1 مارس إلى 20 مارس 2026"
    assert (en.rtl, hi.rtl, ar.rtl) == (False, False, True)
    assert chart_figures(sample(), language="fr").language == "en"


def test_rolling_days_and_single_dates_are_named_too() -> None:
    week = replace(sample("AED", days=7), period_name="last_7_days")
    assert [chart_figures(week, language=lang).title.split(":")[0] for lang in LANGUAGES] == [
        "Sales last 7 days",
        "Pichhle 7 din ki sale",
        "مبيعات آخر 7 أيام",
    ]
    day = replace(sample("AED", days=1), period_name="2026-03-01")
    assert chart_figures(day).title.startswith("Sales 1 Mar 2026: ")
    assert chart_figures(day, language="ar").title.startswith("مبيعات 1 مارس 2026: ")


def test_a_title_replaces_the_words_before_the_total() -> None:
    figures = chart_figures(sample("AED"), title="Ramadan week")
    assert figures.title == "Ramadan week: AED 150,060.00"


def test_a_period_without_sales_says_so_and_plots_nothing() -> None:
    for language, words in (
        ("en", "No sales in this period"),
        ("hi", "Is period mein koi sale nahi hui"),
        ("ar", "لا توجد مبيعات في هذه الفترة"),
    ):
        figures = chart_figures(sample(sales=False), language=language)
        assert figures.message == words
        assert (figures.amount_ticks, figures.product_values) == ((), ())
        assert sum(figures.day_values) == 0
    assert chart_figures(sample()).message == ""


def test_the_amount_axis_covers_every_bar_in_round_steps() -> None:
    figures = chart_figures(sample("AED"))
    top = figures.amount_ticks[-1][0]
    assert top >= max((*figures.day_values, *figures.previous_values))
    values = [value for value, _ in figures.amount_ticks]
    steps = {b - a for a, b in pairwise(values)}
    assert len(steps) == 1 and figures.amount_ticks[0] == (Decimal(0), "0")
    assert all("," in label for value, label in figures.amount_ticks if value >= 1000)


def test_day_labels_are_thinned_and_a_year_is_labelled_by_month() -> None:
    month = chart_figures(sample(days=31))
    assert len(month.day_ticks) <= 16 and month.day_ticks[0] == (0, "1")
    span = tuple(date(2025, 1, 1) + timedelta(days=i) for i in range(365))
    year = SalesChartData("AED", "last_year", span[0], span[-1], span, (1,) * 365, (), (), 365, 0)
    assert [label for _, label in chart_figures(year).day_ticks][:3] == ["Jan", "Feb", "Mar"]


def test_the_chart_fonts_are_the_vendored_files() -> None:
    render_sales_chart(sample())  # registers them
    for name in ("Hisaab Chart Latin", "Hisaab Chart Devanagari", "Hisaab Chart Arabic"):
        for weight in ("normal", "bold"):
            found = font_manager.findfont(
                font_manager.FontProperties(family=name, weight=weight),
                fallback_to_default=False,
            )
            assert Path(found).parent == FONT_DIR.resolve(), (name, found)


async def test_the_plotted_numbers_are_the_sales_reports(db: Database) -> None:
    async with db.session() as s:
        shop = await uae_shop(s)
        for day, name, qty in ((2, "Rice 5kg", 3), (2, "Soap", 7), (9, "Milk 1L", 5)):
            item = SaleItem(await product_id(s, shop.id, name), Decimal(qty))
            await sell(s, shop.id, [item], at=datetime(2026, 3, day, 22, 30, tzinfo=DUBAI))
        p = period("this_month", NOW, shop.timezone)
        data = await sales_chart_data(s, shop.id, p, previous(p, shop.timezone))
        report = await sales_report(s, shop.id, "this_month", NOW)
    figures: PlottedFigures = chart_figures(data, language="ar")
    assert sum(figures.day_values) == to_major(report.total_minor, "AED") == Decimal("173.50")
    assert figures.day_values[1] == Decimal("141.00") and figures.day_values[8] == Decimal("32.50")
    assert figures.product_labels == tuple(row.name for row in report.by_product)
    assert figures.product_values == tuple(
        to_major(row.total_minor, "AED") for row in report.by_product
    )
    assert figures.product_texts == ("120.00", "32.50", "21.00")
    assert "AED 173.50" in figures.title
    assert _decoded(render_sales_chart(data, language="ar")) == (700, 1000, 4)
