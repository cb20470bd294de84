"""Typed errors of the intents package, all under one base class."""


class IntentsError(Exception):
    """Base class of every error raised by the intents package."""


class CatalogError(IntentsError):
    """A catalog file or dict is malformed; lists every problem found."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class EngineError(IntentsError):
    """An engine could not produce an intent (the caller falls back)."""


class ConfigError(IntentsError):
    """An engine was asked for with settings that cannot work (e.g. llm without a key)."""
