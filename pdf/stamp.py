"""Page decorations: the diagonal VOID stamp and the running footer."""

from __future__ import annotations

import math

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pdf.fonts import font_name

_STAMP_RED = Color(0.8, 0.1, 0.1, alpha=0.35)
_WORD = "VOID"
_CAP_HEIGHT = 0.72  # of the font size, for Noto Sans Bold capitals


def void_stamp(canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
    """A big translucent 'VOID' along the diagonal of the box, as large as fits inside it."""
    font = font_name(bold=True)
    angle = math.radians(min(55.0, math.degrees(math.atan2(height, width))))
    text_w = stringWidth(_WORD, font, 1)  # per point of font size
    span_x = text_w * math.cos(angle) + _CAP_HEIGHT * math.sin(angle)
    span_y = text_w * math.sin(angle) + _CAP_HEIGHT * math.cos(angle)
    size = 0.85 * min(width / span_x, height / span_y)
    canvas.saveState()
    canvas.translate(x + width / 2, y + height / 2)
    canvas.rotate(math.degrees(angle))
    canvas.setFillColor(_STAMP_RED)
    canvas.setFont(font, size)
    canvas.drawCentredString(0, -size * _CAP_HEIGHT / 2, _WORD)
    canvas.restoreState()


def footer(canvas: Canvas, x: float, y: float, text: str, size: float = 7) -> None:
    """A small grey line of text at (x, y), left aligned."""
    canvas.saveState()
    canvas.setFillColor(Color(0.4, 0.4, 0.4))
    canvas.setFont(font_name(), size)
    canvas.drawString(x, y, text)
    canvas.restoreState()
