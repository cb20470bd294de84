"""Page decorations: the diagonal VOID stamp and the running footer."""

from __future__ import annotations

import math

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

from pdf.fonts import font_name

_STAMP_RED = Color(0.8, 0.1, 0.1, alpha=0.35)


def void_stamp(canvas: Canvas, width: float, height: float) -> None:
    """A big translucent 'VOID' across the page, corner to corner."""
    angle = math.degrees(math.atan2(height, width))
    angle = min(angle, 60.0)  # a tall receipt would otherwise get a near-vertical stamp
    diagonal = min(math.hypot(width, height), width / math.cos(math.radians(angle)))
    size = diagonal / 3.2
    canvas.saveState()
    canvas.translate(width / 2, height / 2)
    canvas.rotate(angle)
    canvas.setFillColor(_STAMP_RED)
    canvas.setStrokeColor(_STAMP_RED)
    canvas.setFont(font_name(bold=True), size)
    canvas.drawCentredString(0, -size * 0.35, "VOID")
    canvas.restoreState()


def footer(canvas: Canvas, x: float, y: float, text: str, size: float = 7) -> None:
    """A small grey line of text at (x, y), left aligned."""
    canvas.saveState()
    canvas.setFillColor(Color(0.4, 0.4, 0.4))
    canvas.setFont(font_name(), size)
    canvas.drawString(x, y, text)
    canvas.restoreState()
