"""The `hisaab` command line."""


def main() -> None:
    """Run the command line."""
    raise SystemExit("hisaab: not yet wired")
