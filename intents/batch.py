"""Grade-ready batch parsing: INTENTS.md cases in, one prediction per line out."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from intents.catalog import Catalog
from intents.doubt import judge, trace
from intents.errors import CatalogError, IntentsError
from intents.matching import CatalogIndex
from intents.parser import IntentParser, ParseContext
from intents.slots import contract_value


class CatalogCache:
    """Loads `catalog_<shop>.json` files from a folder once each."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._cache: dict[str, Catalog] = {}

    def get(self, shop: str) -> Catalog:
        """The catalog of one shop."""
        if shop not in self._cache:
            path = self.folder / f"catalog_{shop}.json"
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise CatalogError([f"{path}: {exc}"]) from exc
            self._cache[shop] = Catalog.from_json(data)
        return self._cache[shop]


# Turns a case's audio file into what was heard, with the shop's words as bias (bot/cli.py
# gives the local whisper model; intents/ itself never imports voice/).
Hear = Callable[[Path, Catalog], Awaitable[str]]


async def run_batch_async(
    lines: Iterable[str],
    out: TextIO,
    catalogs_dir: Path,
    parser: IntentParser,
    explain: bool = False,
    hear: Hear | None = None,
) -> int:
    """Parse every case line (never reading `expect`) and write predictions; return the count."""
    catalogs = CatalogCache(catalogs_dir)
    count = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IntentsError(f"line {n}: not JSON: {exc}") from exc
        catalog = catalogs.get(str(case["shop"]))
        if catalog.now is None:
            raise CatalogError([f"catalog_{case['shop']}.json: needs `now` for batch parsing"])
        ctx = ParseContext(catalog=catalog, role=case.get("role", "owner"), now=catalog.now)
        heard: str | None = None
        if "audio" in case:
            if hear is None:
                raise IntentsError(f"line {n}: an audio case needs a transcriber")
            heard = await hear(Path(case["audio"]), catalog)
        text = heard if heard is not None else str(case["text"])
        result = await parser.parse(text, ctx)
        contract = result.intent.to_contract()
        verdict = judge(
            text, result.intent, catalog, result.confidence, via_voice=heard is not None
        )
        row: dict[str, Any] = {"id": case["id"], **contract, "ask": verdict.ask}
        if heard is not None:
            row["heard"] = heard
        if explain:
            row["why"] = list(verdict.reasons)
            index = CatalogIndex.of(catalog)
            row["from"] = [
                {"slot": slot, "value": value, "source": source or "not in the message"}
                for slot, value, source in trace(text, result.intent, index)
            ]
        out.write(json.dumps(row, ensure_ascii=False, default=contract_value) + "\n")
        count += 1
    return count


def run_batch(
    lines: Iterable[str],
    out: TextIO,
    catalogs_dir: Path,
    parser: IntentParser,
    explain: bool = False,
    hear: Hear | None = None,
) -> int:
    """Synchronous wrapper of `run_batch_async` for the command line."""
    return asyncio.run(run_batch_async(lines, out, catalogs_dir, parser, explain, hear))


def main(argv: list[str] | None = None) -> int:
    """`python -m intents.batch --catalogs DIR [--engine rules|llm|auto] < cases > preds`."""
    import os

    from intents.factory import make_parser

    ap = argparse.ArgumentParser(prog="intents.batch")
    ap.add_argument("--catalogs", type=Path, required=True)
    ap.add_argument("--engine", choices=("auto", "rules", "llm"), default="rules")
    args = ap.parse_args(argv)
    parser = make_parser(
        args.engine,
        openai_api_key=os.environ.get("OPENAI_API_KEY") or None,
        openai_base_url=os.environ.get("OPENAI_BASE_URL") or None,
        openai_model=os.environ.get("OPENAI_MODEL") or "gpt-4o-mini",
        timeout=float(os.environ.get("OPENAI_TIMEOUT", "20")),
    )
    run_batch(sys.stdin, sys.stdout, args.catalogs, parser)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
