"""Median parse time per message of the rule engine over the dev texts, and messages/second."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from intents import Catalog, ParseContext, RuleParser
from intents.doubt import judge

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    """Time every dev message many times on one core and print the figures."""
    folder = Path(os.environ.get("HISAAB_EVAL_DIR", REPO.parent / "shared" / "eval"))
    cases = [json.loads(x) for x in (folder / "dev.jsonl").read_text("utf-8").splitlines() if x]
    contexts: dict[str, ParseContext] = {}
    for shop in {c["shop"] for c in cases}:
        data = json.loads((folder / f"catalog_{shop}.json").read_text("utf-8"))
        catalog = Catalog.from_json(data)
        assert catalog.now is not None
        contexts[shop] = ParseContext(catalog=catalog, role="owner", now=catalog.now)
    parser = RuleParser()
    for case in cases:  # warm up caches (catalog indexes)
        parser.parse_sync(case["text"], contexts[case["shop"]])
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    per_message: list[float] = []
    started = time.perf_counter()
    for _ in range(rounds):
        for case in cases:
            t0 = time.perf_counter()
            parser.parse_sync(case["text"], contexts[case["shop"]])
            per_message.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    median_ms = statistics.median(per_message) * 1000
    p95_ms = sorted(per_message)[int(len(per_message) * 0.95)] * 1000
    print(f"messages={len(per_message)} median_ms={median_ms:.3f} p95_ms={p95_ms:.3f}")
    print(f"messages_per_second={len(per_message) / elapsed:.0f} (one core)")
    # The decision to ask (intents.doubt.judge) runs on every message the conversation parses.
    judged: list[float] = []
    for _ in range(rounds):
        for case in cases:
            ctx = contexts[case["shop"]]
            t0 = time.perf_counter()
            result = parser.parse_sync(case["text"], ctx)
            judge(case["text"], result.intent, ctx.catalog, result.confidence)
            judged.append(time.perf_counter() - t0)
    median_ms = statistics.median(judged) * 1000
    p95_ms = sorted(judged)[int(len(judged) * 0.95)] * 1000
    print(f"parse_and_judge median_ms={median_ms:.3f} p95_ms={p95_ms:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
