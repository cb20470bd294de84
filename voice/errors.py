"""Typed voice errors, each carrying a short message the bot can send to the user as-is."""

from __future__ import annotations


class VoiceError(Exception):
    """Base of every error raised while turning audio into text."""

    default_message = "Sorry, I couldn't understand that voice note. Please type your message."

    def __init__(self, message: str | None = None, *, detail: str | None = None) -> None:
        self.message = message or self.default_message
        # The detail is for logs and operators; it may name files and settings, never audio.
        self.detail = detail
        super().__init__(detail or self.message)


class EmptyAudio(VoiceError):
    """The audio had no bytes or no samples at all."""

    default_message = "That voice note was empty. Please record it again, or type your message."


class UndecodableAudio(VoiceError):
    """The bytes are not audio we can decode (corrupt, truncated or an unknown format)."""

    default_message = (
        "I couldn't play that audio file. Please send it again as a voice note, "
        "or type your message."
    )


class AudioTooLong(VoiceError):
    """The note is longer than the configured limit."""

    def __init__(self, max_seconds: float, *, seconds: float | None = None) -> None:
        self.max_seconds = max_seconds
        # None when decoding stopped at the limit and the true length is unknown.
        self.seconds = seconds
        super().__init__(
            f"That voice note is longer than {describe_seconds(max_seconds)}. "
            "Please send a shorter one, or type your message.",
            detail=(
                f"audio is {seconds:.1f} s" if seconds is not None else "audio runs past the limit"
            )
            + f"; VOICE_MAX_SECONDS is {max_seconds:g}",
        )


class NoSpeech(VoiceError):
    """Nothing was left after voice activity detection: silence or noise only."""

    default_message = (
        "I couldn't hear any words in that voice note. "
        "Please speak closer to the phone, or type your message."
    )


class ModelUnavailable(VoiceError):
    """The whisper model could not be loaded; the detail names the setting to fix."""

    setting = "WHISPER_MODEL"
    default_message = (
        "Voice notes aren't working on this shop's computer right now. "
        "Please type your message instead."
    )

    def __init__(self, detail: str) -> None:
        super().__init__(
            detail=f"{detail}. Set {self.setting} to a downloaded faster-whisper size name "
            "or to a converted model folder"
        )


def describe_seconds(seconds: float) -> str:
    """Say a duration the way a person would: "2 minutes", "90 seconds"."""
    whole = round(seconds)
    if whole >= 60 and whole % 60 == 0:
        minutes = whole // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{whole} second{'s' if whole != 1 else ''}"
