"""A small xlsx writer: tables of text, numbers and dates -> workbook bytes, the same bytes for
the same tables. It writes the OOXML parts itself, because openpyxl's cell objects and
pure-Python XML take seconds over a busy month of sales lines."""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Literal
from xml.sax.saxutils import escape

Format = Literal["General", "0", "#,##0", "#,##0.00", "#,##0.000", "dd-mm-yyyy", "yyyy-mm-dd"]
Value = str | int | float | Decimal | date | None

# Zip entries carry a date; a fixed one keeps the bytes the same for the same tables.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
LEVEL = 5  # moderate: level 6 takes half as long again for 2% less
# Each format's numFmtId (builtin ids where Excel has one); style 2*i is plain, 2*i + 1 bold.
_FORMATS: tuple[tuple[Format, int], ...] = (
    ("General", 0),
    ("0", 1),
    ("#,##0", 3),
    ("#,##0.00", 4),
    ("#,##0.000", 164),
    ("dd-mm-yyyy", 165),
    ("yyyy-mm-dd", 166),
)
_STYLE = {name: 2 * i for i, (name, _) in enumerate(_FORMATS)}
_DATES: tuple[Format, ...] = ("dd-mm-yyyy", "yyyy-mm-dd")
# What XML 1.0 cannot hold (a chat message may carry it), lone surrogates included.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel reads _xHHHH_ in text as an escaped character; its own escape keeps the text as typed.
_EXCEL_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_EPOCH = date(1899, 12, 30).toordinal()  # Excel's day 0 (1900 system, after its leap bug)
_WIDEST = 60

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def places_format(places: int) -> Format:
    """The grouped number format with 0, 2 or 3 decimal places (a currency's minor digits)."""
    formats: dict[int, Format] = {0: "#,##0", 2: "#,##0.00", 3: "#,##0.000"}
    if places not in formats:
        raise ValueError(f"no number format with {places} decimal places")
    return formats[places]


def clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return _ILLEGAL.sub("", text)


@dataclass(frozen=True, slots=True)
class Table:
    """One worksheet: a bold header row, the rows, and an optional bold totals row.

    A column's format applies to its numbers if it is a number format and to its dates if it
    is a date format; other numbers are General, other dates yyyy-mm-dd, text is text and
    never a formula. None and "" leave the cell empty.
    """

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Value]]
    formats: Sequence[Format] = ()
    totals: Sequence[Value] | None = None
    freeze_header: bool = True
    fit_widths: bool = True  # each column as wide as its widest cell, +2, at most 60


def workbook(
    tables: Sequence[Table], *, title: str, stamp: datetime, creator: str = "Hisaab"
) -> bytes:
    """The tables as an .xlsx workbook, one sheet each; stamp dates it (naive means UTC)."""
    if not tables:
        raise ValueError("a workbook needs at least one sheet")
    _check_names([t.name for t in tables])
    strings = _Strings()
    sheets = [_Sheet(t, strings, first=not i).xml() for i, t in enumerate(tables)]
    n = len(tables)
    parts: list[tuple[str, str]] = [
        ("[Content_Types].xml", _content_types(n)),
        ("_rels/.rels", _ROOT_RELS),
        ("docProps/app.xml", _APP),
        ("docProps/core.xml", _core(title, creator, stamp)),
        ("xl/workbook.xml", _workbook_xml([t.name for t in tables])),
        ("xl/_rels/workbook.xml.rels", _workbook_rels(n)),
        ("xl/styles.xml", _styles()),
        *((f"xl/worksheets/sheet{i}.xml", xml) for i, xml in enumerate(sheets, start=1)),
        ("xl/sharedStrings.xml", strings.xml()),
    ]
    return fixed_zip([(name, text.encode("utf-8")) for name, text in parts])


def fixed_zip(files: Iterable[tuple[str, bytes]], level: int = LEVEL) -> bytes:
    """A zip of the files in the order given, every entry deflated and dated ZIP_TIME."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=level)
    return buffer.getvalue()


def column_letter(index: int) -> str:
    """The letters of the 0-based column index: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_names(names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if not 0 < len(name) <= 31 or _SHEET_NAME.search(name) or name != clean(name).strip("'"):
            raise ValueError(f"not a sheet name Excel accepts: {name!r}")
        if name.lower() in seen:
            raise ValueError(f"two sheets named {name!r}")
        seen.add(name.lower())


class _Strings:
    """The shared string table: each distinct text is cleaned and escaped once."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.items: list[str] = []

    def add(self, text: str) -> int:
        n = self.index[text] = len(self.items)
        shown = clean(text)
        if "_x" in shown:
            shown = _EXCEL_ESCAPE.sub(lambda m: "_x005F" + m.group(0), shown)
        space = ' xml:space="preserve"' if shown != shown.strip() else ""
        self.items.append(f"<si><t{space}>{escape(shown, {chr(13): '&#13;'})}</t></si>")
        return n

    def xml(self) -> str:
        count = len(self.items)
        return "".join(
            (_DECL, f'<sst xmlns="{_MAIN}" uniqueCount="{count}">', *self.items, "</sst>")
        )


class _Sheet:
    """One table's worksheet XML, with the column widths its cells need."""

    def __init__(self, table: Table, strings: _Strings, *, first: bool) -> None:
        self.table = table
        self.first = first
        self.strings = strings
        width = len(table.header)
        general: list[Format] = ["General"] * (width - len(table.formats))
        formats = [*table.formats[:width], *general]
        self.refs = [column_letter(i) for i in range(width)]
        self.numbers = [_STYLE[f if f not in _DATES else "General"] for f in formats]
        self.dates = [_STYLE[f if f in _DATES else "yyyy-mm-dd"] for f in formats]
        self.widths = [0] * width
        self.serials: dict[date, str] = {}

    def xml(self) -> str:
        t = self.table
        rows = [self.row(1, t.header, 1)]
        n = 1
        for n, values in enumerate(t.rows, start=2):
            rows.append(self.row(n, values, 0))
        if t.totals is not None:
            n += 1
            rows.append(self.row(n, t.totals, 1))
        last = f"{self.refs[-1] if self.refs else 'A'}{n}"
        head = [_DECL, f'<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}">']
        head.append(f'<dimension ref="A1:{last}"/>' if last != "A1" else '<dimension ref="A1"/>')
        head.append(_views(t.freeze_header, first=self.first))
        head.append('<sheetFormatPr defaultRowHeight="15"/>')
        if t.fit_widths and self.widths:
            head.append("<cols>")
            head.extend(
                f'<col min="{i}" max="{i}" width="{min(w + 2, _WIDEST)}" customWidth="1"/>'
                for i, w in enumerate(self.widths, start=1)
            )
            head.append("</cols>")
        head.append("<sheetData>")
        tail = '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" '
        tail += 'header="0.3" footer="0.3"/></worksheet>'
        return "".join((*head, *rows, tail))

    def row(self, r: int, values: Sequence[Value], bold: int) -> str:
        """One <row>: text as shared strings, numbers as <v>, dates as serials."""
        if len(values) > len(self.refs):
            raise ValueError(
                f"{self.table.name}: a row of {len(values)} cells, not {len(self.refs)}"
            )
        rs = str(r)
        text = ' s="1"' if bold else ""
        refs, widths, numbers = self.refs, self.widths, self.numbers
        index = self.strings.index
        out = [f'<row r="{rs}">']
        for i, v in enumerate(values):
            if isinstance(v, str):
                if v:
                    k = index.get(v)
                    if k is None:
                        k = self.strings.add(v)
                    out.append(f'<c r="{refs[i]}{rs}"{text} t="s"><v>{k}</v></c>')
                    if (w := len(v)) > widths[i]:
                        widths[i] = w
                continue
            if v is None:
                continue
            # The common cases first: an int (not a bool), a finite Decimal (not a subclass).
            if type(v) is int:
                shown = written = str(v)
                style = numbers[i] + bold
            elif type(v) is Decimal and v.is_finite():
                shown = str(v)  # "105.00", as wide as Excel shows it
                written = _short(shown)  # "105": a whole amount reads back as an int
                style = numbers[i] + bold
            else:
                shown, style = self.other(v, i, bold)
                written = shown
            out.append(f'<c r="{refs[i]}{rs}" s="{style}"><v>{written}</v></c>')
            if len(shown) > widths[i]:
                widths[i] = len(shown)
        out.append("</row>")
        return "".join(out)

    def other(self, v: int | float | Decimal | date, i: int, bold: int) -> tuple[str, int]:
        """The <v> text and style of a date, a float, a bool, or an int or Decimal subclass."""
        if isinstance(v, date):
            serial = self.serials.get(v)
            if serial is None:
                serial = self.serials[v] = _serial(v)
            self.widths[i] = max(self.widths[i], 10)
            return serial, self.dates[i] + bold
        if isinstance(v, int):  # a bool is 1 or 0
            return str(int(v)), self.numbers[i] + bold
        if isinstance(v, Decimal) and v.is_finite():
            return _short(str(Decimal(v))), self.numbers[i] + bold
        if isinstance(v, float) and math.isfinite(v):
            return repr(v), self.numbers[i] + bold
        raise ValueError(f"{self.table.name}: cannot write {v!r} in a cell")


def _short(number: str) -> str:
    """A decimal without its trailing zeros: "105.50" -> "105.5", "105.00" -> "105"."""
    if "." not in number or "E" in number:
        return number
    return number.rstrip("0").rstrip(".")


def _serial(day: date) -> str:
    """Excel's serial number of a date (whole days) or a naive datetime (with a fraction)."""
    days = day.toordinal() - _EPOCH
    if 0 < days <= 60:
        days -= 1  # Excel counts 29 February 1900, a day that never was
    if not isinstance(day, datetime):
        return str(days)
    if day.tzinfo is not None:
        raise ValueError("a date and time in a cell must be naive (local to the shop)")
    seconds = day.hour * 3600 + day.minute * 60 + day.second + day.microsecond / 1e6
    return repr(days + seconds / 86400) if seconds else str(days)


def _views(freeze: bool, *, first: bool) -> str:
    selected = ' tabSelected="1"' if first else ""
    if not freeze:
        return f'<sheetViews><sheetView{selected} workbookViewId="0"/></sheetViews>'
    return (
        f'<sheetViews><sheetView{selected} workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    )


def _content_types(sheets: int) -> str:
    overrides = [
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/xl/workbook.xml", f"{_CT}.sheet.main+xml"),
        ("/xl/styles.xml", f"{_CT}.styles+xml"),
        ("/xl/sharedStrings.xml", f"{_CT}.sharedStrings+xml"),
        *((f"/xl/worksheets/sheet{i}.xml", f"{_CT}.worksheet+xml") for i in range(1, sheets + 1)),
    ]
    return "".join(
        (
            _DECL,
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">',
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>',
            *(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides),
            "</Types>",
        )
    )


_ROOT_RELS = (
    f'{_DECL}<Relationships xmlns="{_PKG_RELS}">'
    f'<Relationship Id="rId1" Type="{_DOC_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    f'<Relationship Id="rId2" Type="{_PKG_RELS}/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_DOC_RELS}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_APP = (
    f"{_DECL}<Properties "
    'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Hisaab</Application></Properties>"
)


def _core(title: str, creator: str, stamp: datetime) -> str:
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    when = stamp.replace(microsecond=0).isoformat() + "Z"
    who = escape(clean(creator))
    return (
        f"{_DECL}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(clean(title))}</dc:title><dc:creator>{who}</dc:creator>"
        f"<cp:lastModifiedBy>{who}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _workbook_xml(names: list[str]) -> str:
    sheets = "".join(
        f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{i}" r:id="rId{i}"/>'
        for i, name in enumerate(names, start=1)
    )
    return (
        f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_RELS}"><workbookPr/>'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>'
    )


def _workbook_rels(sheets: int) -> str:
    rels = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, sheets + 1)]
    rels.append((f"rId{sheets + 1}", "styles", "styles.xml"))
    rels.append((f"rId{sheets + 2}", "sharedStrings", "sharedStrings.xml"))
    return "".join(
        (
            f'{_DECL}<Relationships xmlns="{_PKG_RELS}">',
            *(
                f'<Relationship Id="{rid}" Type="{_DOC_RELS}/{kind}" Target="{target}"/>'
                for rid, kind, target in rels
            ),
            "</Relationships>",
        )
    )


def _styles() -> str:
    custom = [(name, fid) for name, fid in _FORMATS if fid >= 164]
    num_fmts = "".join(f'<numFmt numFmtId="{fid}" formatCode="{name}"/>' for name, fid in custom)
    xfs = "".join(
        f'<xf numFmtId="{fid}" fontId="{bold}" fillId="0" borderId="0" xfId="0"'
        + (' applyNumberFormat="1"' if fid else "")
        + (' applyFont="1"' if bold else "")
        + "/>"
        for _, fid in _FORMATS
        for bold in (0, 1)
    )
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    return (
        f'{_DECL}<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="{len(custom)}">{num_fmts}</numFmts>'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{2 * len(_FORMATS)}">{xfs}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
