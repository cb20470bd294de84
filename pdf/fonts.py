"""The vendored Noto fonts: registered with reportlab once, on first use."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pdf.errors import FontError

FONT_DIR = Path(__file__).parent / "fonts"


class Script(Enum):
    """The scripts we ship a font for; everything else falls back to LATIN."""

    LATIN = "latin"
    ARABIC = "arabic"
    DEVANAGARI = "devanagari"


_FILES: dict[Script, str] = {
    Script.LATIN: "NotoSans",
    Script.ARABIC: "NotoSansArabic",
    Script.DEVANAGARI: "NotoSansDevanagari",
}


@dataclass(frozen=True, slots=True, eq=False)  # one instance per font; compared by identity
class Face:
    """One registered font: its reportlab name and a HarfBuzz font for shaping and outlines."""

    name: str
    hb_font: hb.Font
    upem: int


_lock = threading.Lock()
_registered: dict[tuple[Script, bool], Face] = {}


def face(script: Script, bold: bool = False) -> Face:
    """The font for a script and weight, registering it with reportlab on first use."""
    key = (script, bold)
    found = _registered.get(key)
    if found is not None:
        return found
    with _lock:  # render_invoice_async runs in threads; register each font exactly once
        found = _registered.get(key)
        if found is None:
            found = _registered[key] = _load(script, bold)
    return found


def font_name(bold: bool = False) -> str:
    """The reportlab name of the Latin font, the one for labels and figures."""
    return face(Script.LATIN, bold).name


def register_all() -> None:
    """Register every vendored font now (warms the cache before timing or forking)."""
    for script in Script:
        for bold in (False, True):
            face(script, bold)


def _load(script: Script, bold: bool) -> Face:
    stem = f"{_FILES[script]}-{'Bold' if bold else 'Regular'}"
    path = FONT_DIR / f"{stem}.ttf"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FontError(f"missing vendored font {path.name}") from exc
    name = f"Hisaab-{stem}"
    # Shaping is done by pdf.glyphs with our own HarfBuzz font, not by reportlab.
    pdfmetrics.registerFont(TTFont(name, path, shapable=False))
    hb_face = hb.Face(data)
    return Face(name=name, hb_font=hb.Font(hb_face), upem=hb_face.upem)
