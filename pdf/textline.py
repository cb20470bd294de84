"""One line of mixed-script text: measured and drawn run by run, each in its script's font."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pdf import glyphs
from pdf.fonts import Script, face
from pdf.scripts import is_simple, split_runs


@dataclass(frozen=True, slots=True)
class TextLine:
    """A single line in visual order; complex runs are pre-shaped."""

    pieces: tuple[str | glyphs.ShapedRun, ...]  # a str is a Latin run in the Latin font
    bold: bool

    def width(self, size: float) -> float:
        """Width in points at a font size."""
        latin = face(Script.LATIN, self.bold).name
        return sum(
            stringWidth(p, latin, size) if isinstance(p, str) else p.width(size)
            for p in self.pieces
        )

    def draw(self, canvas: Canvas, x: float, y: float, size: float) -> None:
        """Draw with the left end of the baseline at (x, y)."""
        latin = face(Script.LATIN, self.bold).name
        for piece in self.pieces:
            if isinstance(piece, str):
                canvas.setFont(latin, size)
                canvas.drawString(x, y, piece)
                x += stringWidth(piece, latin, size)
            else:
                glyphs.draw(canvas, piece, x, y, size)
                x += piece.width(size)


@lru_cache(maxsize=2048)
def layout(text: str, bold: bool = False) -> TextLine:
    """Split text into script runs, shape the complex ones and put them in visual order."""
    if is_simple(text):
        return TextLine((text,), bold)
    pieces: list[str | glyphs.ShapedRun] = []
    for run in split_runs(text):
        if run.script is Script.LATIN:
            pieces.append(run.text)
        else:
            pieces.append(glyphs.shape(face(run.script, bold), run.script, run.text))
    # A line whose first strong character is Arabic reads right to left: reverse the runs
    # (each Arabic run is already in visual order from HarfBuzz; Latin runs stay as they are).
    if _first_strong(text) is Script.ARABIC:
        pieces.reverse()
    return TextLine(tuple(pieces), bold)


def _first_strong(text: str) -> Script | None:
    for run in split_runs(text.strip()):
        if run.text.strip(" -.,'()/&0123456789"):
            return run.script
    return None
