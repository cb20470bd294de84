"""Platypus pieces shared by both layouts: a mixed-script line, text cells, a QR code."""

from __future__ import annotations

from typing import Literal
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color, black
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from pdf.fonts import font_name
from pdf.qr import qr_path
from pdf.scripts import is_simple
from pdf.textline import layout

Align = Literal["left", "right", "center"]
_MIN_SIZE = 5.0  # a name that does not fit shrinks, but never below this


class Line(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """One line of text in any of our scripts; shrinks to fit instead of wrapping."""

    def __init__(
        self,
        text: str,
        size: float = 9,
        bold: bool = False,
        align: Align = "left",
        color: Color = black,
        leading: float | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.bold = bold
        self.align = align
        self.color = color
        # Arabic and Devanagari reach further below the baseline than Latin does.
        self._descent = 0.3 if is_simple(text) else 0.5
        self.leading = leading if leading is not None else size * (1.0 + self._descent)
        self._line = layout(text, bold)
        self._draw_size = size
        self._avail = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Full available width (so alignment works), one line high."""
        natural = self._line.width(self.size)
        self._draw_size = self.size
        if natural > avail_width > 0:
            self._draw_size = max(_MIN_SIZE, self.size * avail_width / natural)
        self._avail = avail_width
        return avail_width, self.leading

    def draw(self) -> None:
        """Draw on self.canv, baseline a little above the bottom of the box."""
        width = self._line.width(self._draw_size)
        x = {"left": 0.0, "right": self._avail - width, "center": (self._avail - width) / 2}
        self.canv.setFillColor(self.color)
        self._line.draw(self.canv, x[self.align], self._descent * self.size, self._draw_size)


class QrCode(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A square QR code of side `size` points, quiet zone included."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data = data
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Always its own size."""
        return self.size, self.size

    def draw(self) -> None:
        """All dark modules as one filled path."""
        self.canv.setFillColor(black)
        self.canv.addLiteral(qr_path(self.data, self.size))


def text(
    value: str,
    size: float = 9,
    bold: bool = False,
    align: Align = "left",
    wrap: bool = False,
) -> Flowable:
    """A Paragraph (wraps) for Latin text when wrapping is wanted, else a one-line Line."""
    if wrap and is_simple(value):
        return Paragraph(escape(value), _style(size, bold, align))
    return Line(value, size, bold, align)


_STYLES: dict[tuple[float, bool, str], ParagraphStyle] = {}
_ALIGNMENT = {"left": 0, "center": 1, "right": 2}


def _style(size: float, bold: bool, align: Align) -> ParagraphStyle:
    key = (size, bold, align)
    style = _STYLES.get(key)
    if style is None:
        style = _STYLES[key] = ParagraphStyle(
            f"hisaab-{size}-{bold}-{align}",
            fontName=font_name(bold),
            fontSize=size,
            leading=size * 1.25,
            alignment=_ALIGNMENT[align],
        )
    return style
