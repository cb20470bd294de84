"""Shape a run with HarfBuzz and draw its glyphs as outlines under an invisible text layer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from pdf.fonts import Face, Script

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Glyph:
    """A positioned glyph, in font units relative to the start of the run."""

    gid: int
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class ShapedRun:
    """A run after shaping: glyphs in visual order, total advance in font units."""

    face: Face
    script: Script
    text: str
    glyphs: tuple[Glyph, ...]
    advance: int

    def width(self, size: float) -> float:
        """Advance width in points at a font size."""
        return self.advance * size / self.face.upem


@lru_cache(maxsize=4096)
def shape(face: Face, script: Script, text: str) -> ShapedRun:
    """Shape text with the face's default OpenType features (joining, conjuncts, marks)."""
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()  # script and direction: RTL output is in visual order
    hb.shape(face.hb_font, buf)
    glyphs = []
    pen = 0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        glyphs.append(Glyph(info.codepoint, pen + pos.x_offset, pos.y_offset))
        pen += pos.x_advance
    return ShapedRun(face, script, text, tuple(glyphs), pen)


def draw(canvas: Canvas, run: ShapedRun, x: float, y: float, size: float) -> None:
    """Fill the run's outlines at (x, y), then lay the logical text over it, invisible."""
    scale = size / run.face.upem
    # One transform to font units for the whole run; each glyph's path is cached as PDF
    # operators in font units, so drawing a name is a few string joins.
    ops = [f"q {scale:.6f} 0 0 {scale:.6f} {x:.3f} {y:.3f} cm"]
    for glyph in run.glyphs:
        outline = _outline(run.face, glyph.gid)
        if outline:
            ops.append(
                f"1 0 0 1 {glyph.x} {glyph.y} cm {outline} f 1 0 0 1 {-glyph.x} {-glyph.y} cm"
            )
    ops.append("Q")
    canvas.addLiteral(" ".join(ops))
    # Outlines are not text; this layer is what search, copy and text extraction see.
    # Extractors read right-to-left scripts in visual order, so Arabic goes in reversed.
    hidden = run.text[::-1] if run.script is Script.ARABIC else run.text
    natural = stringWidth(hidden, run.face.name, size)
    text = canvas.beginText(x, y)
    text.setTextRenderMode(3)
    text.setFont(run.face.name, size)
    if natural > 0:
        text.setHorizScale(100 * run.width(size) / natural)
    text.textOut(hidden)
    # Render mode and horizontal scale outlive ET in PDF; put them back for the next text.
    text.setTextRenderMode(0)
    text.setHorizScale(100)
    canvas.drawText(text)


@lru_cache(maxsize=8192)
def _outline(face: Face, gid: int) -> str:
    """The glyph's outline as PDF path operators in font units ('' for a blank glyph)."""
    pen = _Pen()
    face.hb_font.draw_glyph_with_pen(gid, pen)
    return " ".join(pen.ops)


def _num(v: float) -> str:
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


class _Pen:
    """A fontTools-style pen writing PDF path operators (quadratics raised to cubics)."""

    def __init__(self) -> None:
        self.ops: list[str] = []
        self._at: Point = (0.0, 0.0)

    def moveTo(self, p: Point) -> None:
        self.ops.append(f"{_num(p[0])} {_num(p[1])} m")
        self._at = p

    def lineTo(self, p: Point) -> None:
        self.ops.append(f"{_num(p[0])} {_num(p[1])} l")
        self._at = p

    def curveTo(self, *pts: Point) -> None:
        self.ops.append(" ".join(f"{_num(a)} {_num(b)}" for a, b in pts[-3:]) + " c")
        self._at = pts[-1]

    def qCurveTo(self, *pts: Point) -> None:
        # Off-curve points in a row imply on-curve midpoints between them (TrueType rule).
        *offs, end = pts
        for i, ctrl in enumerate(offs):
            nxt = end if i == len(offs) - 1 else _mid(ctrl, offs[i + 1])
            self._quad(ctrl, nxt)

    def closePath(self) -> None:
        self.ops.append("h")

    def _quad(self, ctrl: Point, end: Point) -> None:
        (x0, y0), (cx, cy), (x, y) = self._at, ctrl, end
        c1 = (x0 + 2 * (cx - x0) / 3, y0 + 2 * (cy - y0) / 3)
        c2 = (x + 2 * (cx - x) / 3, y + 2 * (cy - y) / 3)
        self.curveTo(c1, c2, end)


def _mid(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
