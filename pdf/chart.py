"""A period's sales as a PNG for the chat: bars per day against the period before, and the
best sellers. Drawn with matplotlib's object API (a Figure per chart, no pyplot state) in the
vendored Noto fonts; matplotlib shapes Arabic and Devanagari itself (libraqm)."""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ledger.money import format_amount, group_digits, to_major
from pdf.errors import FontError
from pdf.fields import MONTHS
from pdf.fonts import FONT_DIR
from pdf.render import in_worker

if TYPE_CHECKING:  # pdf reads the read model's fields only; ledger.series itself runs SQL
    from ledger.series import SalesChartData

WIDTH_IN, HEIGHT_IN, DPI = 10.0, 7.0, 100  # 1000 x 700 px
BAR, PREVIOUS, PRODUCT = "#2f6db5", "#8a96a3", "#3c9d78"
INK, MUTED, GRID = "#1f2933", "#616e7c", "#e4e7eb"
MAX_DAY_LABELS = 16
MAX_NAME = 28  # characters of a product name that fit left of its bar
# The daily panel (left, right, bottom, top) and the product rows, in figure fractions; the
# amount axis sits on the reading side, so the panel moves over when the chart reads RTL.
DAILY, DAILY_RTL = (0.1, 0.96, 0.47, 0.82), (0.04, 0.9, 0.47, 0.82)
PRODUCTS_TOP, PRODUCT_ROW = 0.32, 0.058

_AR_MONTHS = (
    *("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو"),
    *("يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"),
)
# Words of the chart by language; "hi" is the Hinglish (Latin script) the bot speaks.
_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "sales": "Sales",
        "sales_of": "Sales {}",
        "daily": "Sales per day",
        "current": "This period",
        "previous": "Period before",
        "top": "Top products",
        "none": "No sales in this period",
    },
    "hi": {
        "sales": "Sale",
        "sales_of": "{} ki sale",
        "daily": "Roz ki sale",
        "current": "Is period",
        "previous": "Pichhla period",
        "top": "Sabse zyada bika",
        "none": "Is period mein koi sale nahi hui",
    },
    "ar": {
        "sales": "المبيعات",
        "sales_of": "مبيعات {}",
        "daily": "المبيعات اليومية",
        "current": "هذه الفترة",
        "previous": "الفترة السابقة",
        "top": "الأكثر مبيعاً",
        "none": "لا توجد مبيعات في هذه الفترة",
    },
}
_PERIODS: dict[str, tuple[str, ...]] = {  # en, hi, ar
    "today": ("today", "aaj", "اليوم"),
    "yesterday": ("yesterday", "kal", "أمس"),
    "this_week": ("this week", "is hafte", "هذا الأسبوع"),
    "last_week": ("last week", "pichhle hafte", "الأسبوع الماضي"),
    "this_month": ("this month", "is mahine", "هذا الشهر"),
    "last_month": ("last month", "pichhle mahine", "الشهر الماضي"),
    "this_quarter": ("this quarter", "is quarter", "هذا الربع"),
    "last_quarter": ("last quarter", "pichhle quarter", "الربع الماضي"),
    "this_year": ("this year", "is saal", "هذه السنة"),
    "last_year": ("last year", "pichhle saal", "السنة الماضية"),
}
_ROLLING = re.compile(r"last_(\d+)_days")  # ledger.periods.last_days
_LANGUAGES = ("en", "hi", "ar")


@dataclass(frozen=True, slots=True)
class PlottedFigures:
    """Everything the chart draws, as values: render_sales_chart plots exactly these."""

    language: str
    title: str  # with the period's total in the shop's currency
    subtitle: str  # the days the period covers
    message: str  # "No sales in this period" when there is nothing to plot, else ""
    daily_heading: str
    legend: tuple[str, str]  # (this period, period before)
    day_values: tuple[Decimal, ...]  # bar heights in major units, one per local day
    previous_values: tuple[Decimal, ...]  # the faint line, aligned day by day
    day_ticks: tuple[tuple[int, str], ...]  # (day index, label) under the bars
    amount_label: str  # the currency, over the amount axis
    amount_ticks: tuple[tuple[Decimal, str], ...]  # amount axis, 0 first; the last is its top
    products_heading: str
    product_labels: tuple[str, ...]  # best seller first
    product_values: tuple[Decimal, ...]  # gross sales in major units
    product_texts: tuple[str, ...]  # the amounts printed at the end of the bars

    @property
    def rtl(self) -> bool:
        """True when the chart reads right to left (days and bars are mirrored)."""
        return self.language == "ar"


def chart_figures(
    data: SalesChartData, *, language: str = "en", title: str | None = None
) -> PlottedFigures:
    """What the chart of `data` shows, in `language` ("en", "hi" or "ar"; others get "en").

    `title` replaces the words before the total ("Sales this month").
    """
    lang = language if language in _LANGUAGES else "en"
    words = _WORDS[lang]
    currency = data.currency
    days = tuple(to_major(v, currency) for v in data.totals_minor)
    before = tuple(to_major(v, currency) for v in data.previous_totals_minor)
    when = _period_words(data, lang)
    heading = title or (words["sales_of"].format(when) if when else words["sales"])
    return PlottedFigures(
        language=lang,
        title=f"{heading}: {_isolated(format_amount(data.total_minor, currency), lang)}",
        subtitle=_span(data.first_day, data.last_day, lang),
        message=words["none"] if data.empty else "",
        daily_heading=words["daily"],
        legend=(words["current"], words["previous"]),
        day_values=days,
        previous_values=before,
        day_ticks=_day_ticks(data.days, lang),
        amount_label=currency.upper(),
        amount_ticks=() if data.empty else _amount_ticks(max((*days, *before)), currency),
        products_heading=words["top"],
        product_labels=tuple(_short(name) for name, _ in data.top_products),
        product_values=tuple(to_major(v, currency) for _, v in data.top_products),
        product_texts=tuple(format_amount(v, currency, symbol=False) for _, v in data.top_products),
    )


def render_sales_chart(
    data: SalesChartData, *, language: str = "en", title: str | None = None
) -> bytes:
    """The sales chart as PNG bytes; the same data always gives the same bytes."""
    return draw(chart_figures(data, language=language, title=title))


async def render_sales_chart_async(
    data: SalesChartData, *, language: str = "en", title: str | None = None
) -> bytes:
    """render_sales_chart in the renderer threads, so the event loop keeps serving chats."""
    return await in_worker(draw, chart_figures(data, language=language, title=title))


def draw(figures: PlottedFigures) -> bytes:
    """Plot the figures on a fresh Figure and encode it as PNG."""
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, facecolor="white")
    canvas = FigureCanvasAgg(fig)  # Agg, whatever backend pyplot was told to use
    pen = _Pen(fig, figures.language, figures.rtl)
    start = 0.97 if figures.rtl else 0.03
    pen.text(start, 0.945, figures.title, size=17, color=INK, weight="bold")
    pen.text(start, 0.905, figures.subtitle, size=10.5)
    if figures.message:
        pen.text(0.5, 0.5, figures.message, size=18, ha="center")
    else:
        _daily(pen, figures)
        _products(pen, figures)
    out = io.BytesIO()
    # No Software or date chunk, fixed size and DPI: identical input, identical bytes. Not
    # savefig, which would take bbox, colours and DPI from the process-wide savefig.* rcParams
    # (print_png is untyped in matplotlib's stubs, hence the ignore).
    canvas.print_png(out, metadata={"Software": None})  # type: ignore[no-untyped-call]
    return out.getvalue()


class _Pen:
    """Figure-level drawing: text in the chart fonts, shapes in figure fractions. No Axes: an
    Axes with its ticks costs more to build than this whole chart."""

    def __init__(self, fig: Figure, language: str, rtl: bool) -> None:
        self.fig, self.language, self.rtl = fig, language, rtl
        self.families = _families()

    def text(
        self,
        x: float,
        y: float,
        s: str,
        *,
        size: float,
        color: str = MUTED,
        ha: str | None = None,
        va: str = "baseline",
        weight: str = "normal",
    ) -> None:
        """Text anchored at (x, y); by default on the reading side (left, or right in RTL)."""
        self.fig.text(
            x,
            y,
            s,
            ha=ha or ("right" if self.rtl else "left"),
            va=va,
            size=size,
            color=color,
            weight=weight,
            family=self.families,
            language=self.language,
        )

    def add(self, artist: Any) -> None:
        """Add a shape whose coordinates are figure fractions."""
        artist.set_transform(self.fig.transFigure)
        self.fig.add_artist(artist)


def _daily(pen: _Pen, f: PlottedFigures) -> None:
    left, right, bottom, top = DAILY_RTL if f.rtl else DAILY
    n = len(f.day_values)
    slot = (right - left) / n
    scale = (top - bottom) / float(f.amount_ticks[-1][0])

    def x_of(i: int) -> float:  # the centre of day i; day 1 on the right when reading RTL
        return right - (i + 0.5) * slot if f.rtl else left + (i + 0.5) * slot

    def y_of(value: Decimal) -> float:
        return bottom + float(value) * scale

    # Gridlines and amounts on the side the reader starts from.
    amount_x, amount_ha = (right + 0.008, "left") if f.rtl else (left - 0.008, "right")
    pen.add(
        LineCollection(
            [((left, y_of(v)), (right, y_of(v))) for v, _ in f.amount_ticks],
            colors=GRID,
            linewidths=0.8,
            zorder=0.5,  # under the bars
        )
    )
    for value, label in f.amount_ticks:
        pen.text(amount_x, y_of(value), label, size=9, ha=amount_ha, va="center")
    pen.text(amount_x, top + 0.025, f.amount_label, size=9, ha=amount_ha)
    half = min(slot * 0.36, 0.03)  # a day or two still gets bars, not blocks
    pen.add(
        PolyCollection(
            [
                _box(x_of(i) - half, bottom, x_of(i) + half, y_of(v))
                for i, v in enumerate(f.day_values)
            ],
            facecolors=BAR,
            edgecolors="none",
        )
    )
    if any(f.previous_values):
        xs = [x_of(i) for i in range(n)] if n > 1 else [x_of(0) - half, x_of(0) + half]
        ys = [y_of(v) for v in f.previous_values] * (1 if n > 1 else 2)
        pen.add(Line2D(xs, ys, color=PREVIOUS, alpha=0.8, linewidth=1.6, linestyle="--"))
    pen.add(Line2D([left, right], [bottom, bottom], color=MUTED, linewidth=0.8))
    for i, label in f.day_ticks:
        pen.text(x_of(i), bottom - 0.03, label, size=9, ha="center")
    pen.text(right if f.rtl else left, top + 0.025, f.daily_heading, size=11, color=INK)
    _legend(pen, f, left if f.rtl else right, top + 0.025)


def _legend(pen: _Pen, f: PlottedFigures, x: float, y: float) -> None:
    """The two series, at the far end of the heading line."""
    handles: list[Any] = [Rectangle((0, 0), 1, 1, facecolor=BAR, edgecolor="none")]
    if any(f.previous_values):
        handles.append(Line2D([], [], color=PREVIOUS, linewidth=1.6, linestyle="--"))
    labels = list(f.legend[: len(handles)])
    if f.rtl:  # the first series is read first, on the right
        handles, labels = handles[::-1], labels[::-1]
    legend = pen.fig.legend(
        handles,
        labels,
        loc="lower left" if f.rtl else "lower right",
        bbox_to_anchor=(x, y - 0.008),
        ncols=2,
        frameon=False,
        markerfirst=not f.rtl,
        prop=FontProperties(family=pen.families, size=9),
        handlelength=1.6,
        columnspacing=1.4,
        borderaxespad=0,
        borderpad=0,
    )
    for label in legend.get_texts():
        label.set_language(pen.language)
        label.set_color(MUTED)


def _products(pen: _Pen, f: PlottedFigures) -> None:
    """Horizontal bars, best seller on top; names on the reading side."""
    if not f.product_values:
        return
    left, right = (0.12, 0.76) if f.rtl else (0.25, 0.89)
    values = [float(v) for v in f.product_values]
    span = (right - left) / (max(values) * 1.18 or 1.0)
    boxes = []
    for i, (value, name, amount) in enumerate(
        zip(values, f.product_labels, f.product_texts, strict=True)
    ):
        y = PRODUCTS_TOP - i * PRODUCT_ROW
        x0, x1 = (right - value * span, right) if f.rtl else (left, left + value * span)
        boxes.append(_box(x0, y - 0.02, x1, y + 0.02))
        name_x, name_ha = (right + 0.01, "left") if f.rtl else (left - 0.01, "right")
        pen.text(name_x, y, name, size=9.5, color=INK, ha=name_ha, va="center")
        value_x, value_ha = (x0 - 0.005, "right") if f.rtl else (x1 + 0.005, "left")
        pen.text(value_x, y, amount, size=9, ha=value_ha, va="center")
    pen.add(PolyCollection(boxes, facecolors=PRODUCT, edgecolors="none"))
    pen.text(right if f.rtl else left, PRODUCTS_TOP + 0.045, f.products_heading, size=11, color=INK)


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "…"


def _isolated(amount: str, lang: str) -> str:
    """In right-to-left text, keep an amount such as '₹1,200.00' in one left-to-right piece."""
    return f"\u2066{amount}\u2069" if lang == "ar" else amount  # LRI ... PDI


def _box(x0: float, y0: float, x1: float, y1: float) -> tuple[tuple[float, float], ...]:
    return ((x0, y0), (x0, y1), (x1, y1), (x1, y0))


def _amount_ticks(high: Decimal, currency: str) -> tuple[tuple[Decimal, str], ...]:
    """0 and round steps (1, 2, 2.5 or 5 x 10^k) up to the first at or above `high`."""
    rough = high / 4 if high > 0 else Decimal(1)
    unit = Decimal(1).scaleb(rough.adjusted())
    step = next(
        m * unit
        for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if m * unit >= rough
    )
    ticks = [Decimal(0)]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return tuple((t, _amount_text(t, currency)) for t in ticks)


def _amount_text(value: Decimal, currency: str) -> str:
    """'2,500', '1,00,000', '0.5': an axis amount, grouped as the currency groups."""
    whole, frac = divmod(value, 1)
    text = group_digits(str(int(whole)), currency)
    return text + format(frac.normalize(), "f")[1:] if frac else text


def _period_words(data: SalesChartData, lang: str) -> str:
    """'this month', 'pichhle 7 din', 'آخر 7 أيام', a date; "" for a span with no name."""
    names = _PERIODS.get(data.period_name)
    rolling = _ROLLING.fullmatch(data.period_name)
    if names is not None:
        words = names[_LANGUAGES.index(lang)]
    elif rolling is not None:
        n = int(rolling[1])
        days = "أيام" if 3 <= n <= 10 else "يوماً"  # Arabic counts 3-10 in the plural
        words = {"en": f"last {n} days", "hi": f"pichhle {n} din", "ar": f"آخر {n} {days}"}[lang]
    elif data.first_day == data.last_day:
        return _day(data.first_day, lang)
    else:
        return ""
    return words[:1].upper() + words[1:] if lang == "hi" else words  # it starts the title


def _day(day: date, lang: str, year: bool = True) -> str:
    month = _AR_MONTHS[day.month - 1] if lang == "ar" else MONTHS[day.month - 1]
    return f"{day.day} {month}" + (f" {day.year}" if year else "")


def _span(first: date, last: date, lang: str) -> str:
    """'1–20 Mar 2026', '28 Dec 2025 – 3 Jan 2026'; Arabic says 'from … to …'."""
    if first == last:
        return _day(first, lang)
    if lang == "ar":
        return f"من {_day(first, lang, first.year != last.year)} إلى {_day(last, lang)}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last, lang)}"
    return f"{_day(first, lang, first.year != last.year)} – {_day(last, lang)}"


def _day_ticks(days: tuple[date, ...], lang: str) -> tuple[tuple[int, str], ...]:
    """Day-of-month labels, thinned to at most MAX_DAY_LABELS; long periods mark months."""
    if len(days) > 62:
        return tuple(
            (i, _day(d, lang, year=False).split(" ", 1)[1])
            for i, d in enumerate(days)
            if d.day == 1
        )
    step = -(-len(days) // MAX_DAY_LABELS)
    one_month = len({(d.year, d.month) for d in days}) == 1
    return tuple(
        (i, str(d.day) if one_month else _day(d, lang, year=False))
        for i, d in enumerate(days)
        if i % step == 0
    )


_fonts_lock = threading.Lock()
_fonts_in: list[Any] = []  # the font list our faces were added to (matplotlib may rebuild it)
# Names no system font has, so matplotlib can only ever pick the vendored files.
_FACES = (
    ("Hisaab Chart Latin", "NotoSans"),
    ("Hisaab Chart Devanagari", "NotoSansDevanagari"),
    ("Hisaab Chart Arabic", "NotoSansArabic"),
)


def _families() -> list[str]:
    """The chart's font fallback list, added to matplotlib's font list on first use (the one
    process-wide change the chart makes; rcParams are left as they are)."""
    manager = font_manager.fontManager
    if not (_fonts_in and _fonts_in[0] is manager.ttflist):
        with _fonts_lock:
            if not (_fonts_in and _fonts_in[0] is manager.ttflist):
                _register(manager, Path(FONT_DIR))
    return [name for name, _ in _FACES]


def _register(manager: font_manager.FontManager, folder: Path) -> None:
    for name, stem in _FACES:
        for weight, style in ((400, "Regular"), (700, "Bold")):
            path = (folder / f"{stem}-{style}.ttf").resolve()
            if not path.is_file():
                raise FontError(f"missing vendored font {path.name}")
            entry = font_manager.FontEntry(
                fname=str(path),
                name=name,
                style="normal",
                variant="normal",
                weight=weight,
                stretch="normal",
                size="scalable",
            )
            manager.ttflist.append(entry)
    _fonts_in[:] = [manager.ttflist]
