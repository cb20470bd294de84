"""Invariants: the parser never raises and treats noise as `unknown`."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intents import Catalog, ParseContext, RuleParser
from tests.intents.conftest import DATA, load_catalog

CATALOG: Catalog = load_catalog(DATA, "ae")
assert CATALOG.now is not None
CTX = ParseContext(catalog=CATALOG, role="staff", now=CATALOG.now)
PARSER = RuleParser()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_any_unicode(text: str) -> None:
    result = PARSER.parse_sync(text, CTX)
    assert 0.0 <= result.confidence <= 1.0
    result.intent.to_contract()


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="😀🍚🥛🧂💰🙏✨🔥", min_size=1, max_size=40))
def test_emoji_noise_is_unknown(text: str) -> None:
    assert PARSER.parse_sync(text, CTX).intent.intent == "unknown"


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="qxzjvkw", min_size=1, max_size=30).map(lambda s: s + " zzq"))
def test_consonant_noise_is_unknown(text: str) -> None:
    assert PARSER.parse_sync(text, CTX).intent.intent == "unknown"


def test_ten_kilobyte_message_is_fine() -> None:
    text = ("sold 2 milk to ahmed and some long story " * 300)[:10_000]
    result = PARSER.parse_sync(text, CTX)
    result.intent.to_contract()


def test_punctuation_and_whitespace_only_is_unknown() -> None:
    for text in ("", "   ", "?!?", "...", "\n\t"):
        assert PARSER.parse_sync(text, CTX).intent.intent == "unknown"


@pytest.mark.parametrize(
    "text", ["sold -5 rice", "sold minus 5 rice", "sold rice -5", "ahmed paid -100"]
)
def test_a_negative_amount_is_never_read_as_a_write(text: str) -> None:
    assert PARSER.parse_sync(text, CTX).intent.intent == "unknown"


def test_a_loss_still_reads_as_a_negative_stock_change() -> None:
    assert PARSER.parse_sync("2 milk expired", CTX).intent.to_contract()["slots"]["qty"] == "-2"
