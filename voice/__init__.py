"""Voice notes to text with faster-whisper on the shop's own CPU; audio is never stored."""

from voice.errors import (
    AudioTooLong,
    EmptyAudio,
    ModelUnavailable,
    NoSpeech,
    UndecodableAudio,
    VoiceError,
)
from voice.fake import FakeCall, FakeTranscriber
from voice.file import mime_type_for, transcribe_file
from voice.protocol import SpeechToText
from voice.transcriber import DEFAULT_MAX_SECONDS, Transcriber, default_concurrency
from voice.transcript import Transcript, TranscriptionHints

__all__ = [
    "DEFAULT_MAX_SECONDS",
    "AudioTooLong",
    "EmptyAudio",
    "FakeCall",
    "FakeTranscriber",
    "ModelUnavailable",
    "NoSpeech",
    "SpeechToText",
    "Transcriber",
    "Transcript",
    "TranscriptionHints",
    "UndecodableAudio",
    "VoiceError",
    "default_concurrency",
    "mime_type_for",
    "transcribe_file",
]
