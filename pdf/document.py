"""The platypus document both layouts build into: one frame, no padding, fixed metadata."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

PageHook = Callable[[Canvas, Any], None]


def build(
    story: list[Flowable],
    pagesize: tuple[float, float],
    margins: tuple[float, float, float, float],
    title: str,
    author: str,
    on_page: PageHook,
) -> bytes:
    """Lay the story out on pages of one size; margins are (top, right, bottom, left)."""
    # ASCII85 on top of Flate only makes streams a quarter bigger, and costs milliseconds in
    # reportlab's pure-Python encoder; the setting is process-wide and pdf/ owns reportlab.
    rl_config.useA85 = 0
    top, right, bottom, left = margins
    width, height = pagesize
    # No frame padding: tables are sized to the full text width and must not poke out.
    frame = Frame(
        left,
        bottom,
        width - left - right,
        height - top - bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=pagesize,
        pageTemplates=[PageTemplate("page", [frame], onPage=on_page, pagesize=pagesize)],
        title=title,
        author=author,
        creator="Hisaab",
        producer="Hisaab",
        # Fixed dates and document ID: the same invoice always gives the same bytes.
        invariant=1,
    )
    doc.build(story)
    return buf.getvalue()
