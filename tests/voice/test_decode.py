"""Decoding happens in memory, gives 16 kHz mono, and stops as soon as a note is too long."""

from __future__ import annotations

import pytest

from tests.voice.support import FORMATS, silence_wav, wav_seconds
from voice import AudioTooLong, EmptyAudio, UndecodableAudio
from voice.decode import decode, duration_s


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_phone_format_decodes_to_the_length_spoken(
    sale_wav: bytes, sale_notes: dict[str, bytes], fmt: str
) -> None:
    samples = decode(sale_notes[fmt], max_seconds=120)

    assert samples.dtype.name == "float32"
    assert duration_s(samples) == pytest.approx(wav_seconds(sale_wav), abs=0.1)
    assert 0.05 < float(abs(samples).max()) <= 1.0


def test_a_header_already_over_the_limit_is_refused_before_decoding(sale_wav: bytes) -> None:
    with pytest.raises(AudioTooLong) as raised:
        decode(sale_wav, max_seconds=1)

    assert raised.value.seconds == pytest.approx(wav_seconds(sale_wav), abs=0.01)


def test_decoding_stops_at_the_limit_when_the_header_was_close(
    sale_notes: dict[str, bytes],
) -> None:
    spoken = duration_s(decode(sale_notes["ogg"], max_seconds=120))

    with pytest.raises(AudioTooLong) as raised:
        decode(sale_notes["ogg"], max_seconds=spoken - 0.5)

    assert raised.value.seconds is None  # decoding stopped, so the true length is unknown


def test_a_truncated_mp4_without_its_index_is_undecodable(sale_notes: dict[str, bytes]) -> None:
    with pytest.raises(UndecodableAudio):
        decode(sale_notes["m4a"][: len(sale_notes["m4a"]) // 2], max_seconds=120)


def test_text_is_not_audio() -> None:
    with pytest.raises(UndecodableAudio):
        decode(b"sold two bags of rice to Ahmed\n" * 20, max_seconds=120)


def test_empty_audio_is_empty_whether_bytes_or_samples_are_missing() -> None:
    with pytest.raises(EmptyAudio):
        decode(b"", max_seconds=120)
    with pytest.raises(EmptyAudio):
        decode(silence_wav(0), max_seconds=120)
