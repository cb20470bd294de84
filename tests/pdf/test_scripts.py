"""Arabic and Devanagari names: shaped on the page, intact in the text layer."""

from __future__ import annotations

import pytest

from pdf import render_invoice
from pdf.fonts import Script
from pdf.render import Layout
from pdf.scripts import Run, split_runs
from pdf.textline import layout
from tests.pdf.factory import invoice
from tests.pdf.reading import text_of

LAYOUTS: list[Layout] = ["a4", "receipt80"]


@pytest.mark.parametrize("layout_name", LAYOUTS)
def test_an_arabic_customer_name_reads_back_in_logical_order(layout_name: Layout) -> None:
    view = invoice("AE", customer_name="محمد علي الحسن")
    assert "محمد علي الحسن" in text_of(render_invoice(view, layout_name))


@pytest.mark.parametrize("layout_name", LAYOUTS)
def test_a_hindi_customer_and_product_name_read_back(layout_name: Layout) -> None:
    view = invoice("IN", customer_name="राम प्रसाद शर्मा")
    text = text_of(render_invoice(view, layout_name))
    assert "राम प्रसाद शर्मा" in text
    assert "चाय पत्ती" in text


def test_runs_split_by_script_and_spaces_join_the_run_around_them() -> None:
    assert split_runs("Ahmed محمد علي (Dubai)") == [
        Run(Script.LATIN, "Ahmed "),
        Run(Script.ARABIC, "محمد علي"),
        Run(Script.LATIN, " (Dubai)"),
    ]
    assert split_runs("राम 2 kg") == [Run(Script.DEVANAGARI, "राम"), Run(Script.LATIN, " 2 kg")]


def test_arabic_is_shaped_into_joined_forms_and_laid_right_to_left() -> None:
    line = layout("محمد")
    (run,) = line.pieces
    assert not isinstance(run, str)
    # Joining picks contextual glyphs; the glyph for the first letter ends up rightmost.
    isolated = layout("م").pieces[0]
    assert not isinstance(isolated, str)
    assert run.glyphs[-1].gid != isolated.glyphs[0].gid
    assert run.glyphs[0].x < run.glyphs[-1].x


def test_devanagari_conjuncts_become_fewer_glyphs_than_characters() -> None:
    (run,) = layout("श्री").pieces
    assert not isinstance(run, str)
    assert len(run.glyphs) < len("श्री")


def test_a_line_that_starts_in_arabic_reads_right_to_left() -> None:
    first, second = layout("متجر ABC").pieces
    assert first == " ABC"  # the Latin run sits at the left end
    assert not isinstance(second, str)
    assert second.text == "متجر"
