"""Confidence is 0..1, high for clear speech and low for guesses or likely silence."""

from __future__ import annotations

import math

from voice.model import Segment
from voice.transcriber import confidence


def segment(seconds: float, avg_logprob: float, no_speech_prob: float = 0.0) -> Segment:
    return Segment("text", seconds, avg_logprob, no_speech_prob)


def test_no_segments_means_no_confidence() -> None:
    assert confidence([]) == 0.0


def test_certain_speech_is_fully_confident() -> None:
    assert confidence([segment(2.0, 0.0)]) == 1.0


def test_a_likely_silent_segment_pulls_confidence_down() -> None:
    assert confidence([segment(2.0, 0.0, no_speech_prob=0.9)]) == 0.1


def test_longer_segments_weigh_more() -> None:
    value = confidence([segment(3.0, 0.0), segment(1.0, math.log(0.2))])

    assert value == 0.8
