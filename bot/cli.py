"""The `hisaab` command line: chat, load a shop, parse intents, transcribe, render invoices."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from importlib.resources import files
from pathlib import Path
from typing import Literal

from ledger import (
    CatalogFileError,
    LedgerError,
    invoice_by_number,
    invoice_view,
    load_catalog,
    members_by_phone,
    normalize_phone,
    read_catalog,
)

from .bootstrap import build, make_transcriber
from .channels.console import Console
from .settings import Settings

DEMO_OWNER = "+971500000000"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="hisaab", description="A shop's back office in the chat.")
    sub = ap.add_subparsers(dest="command", required=True)
    chat = sub.add_parser("chat", help="chat with the bot in the terminal")
    chat.add_argument("--as", dest="sender", help="your phone number, e.g. +971500000001")
    chat.add_argument("--demo", action="store_true", help="open a demo shop with a sample catalog")
    shop = sub.add_parser("shop", help="manage shops").add_subparsers(dest="action", required=True)
    load = shop.add_parser("load", help="create a shop from a catalog file")
    load.add_argument("file", type=Path)
    load.add_argument("--owner", required=True, help="the owner's phone number")
    intents = sub.add_parser("intents", help="the intent engines").add_subparsers(
        dest="action", required=True
    )
    parse = intents.add_parser("parse", help="parse cases (JSON lines) from stdin")
    parse.add_argument("--catalogs", type=Path, required=True)
    parse.add_argument("--engine", choices=("auto", "rules", "llm"), default=None)
    parse.add_argument(
        "--explain", action="store_true", help="add `why`: the reasons behind each `ask`"
    )
    transcribe = sub.add_parser("transcribe", help="transcribe an audio file")
    transcribe.add_argument("file", type=Path)
    invoice = sub.add_parser("invoice", help="invoices").add_subparsers(
        dest="action", required=True
    )
    render = invoice.add_parser("render", help="write an invoice PDF")
    render.add_argument("number")
    render.add_argument("--shop-owner", required=True, help="the shop owner's phone number")
    render.add_argument("-o", "--output", type=Path, required=True)
    serve = sub.add_parser("serve", help="run the web server: webhooks, workers, jobs")
    serve.add_argument("--host", default="0.0.0.0", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port to listen on")
    serve.add_argument(
        "--no-jobs",
        action="store_true",
        help="do not run the scheduled jobs (all but one process of a deployment)",
    )
    jobs = sub.add_parser("jobs", help="the scheduled jobs").add_subparsers(
        dest="action", required=True
    )
    jobs.add_parser("run", help="run one job now").add_argument("name")
    jobs.add_parser("list", help="list the jobs and when they run")
    return ap


async def _chat(settings: Settings, sender: str | None, demo: bool) -> int:
    app = await build(settings)
    try:
        if demo:
            sender = sender or DEMO_OWNER
            async with app.db.session() as session:
                if not await members_by_phone(session, DEMO_OWNER):
                    data = read_catalog(Path(str(files("bot") / "demo_catalog.json")))
                    await load_catalog(session, data, DEMO_OWNER)
        if sender is None:
            print("hisaab chat: give --as PHONE (or --demo)", file=sys.stderr)
            return 2
        console = Console(
            app.conversation, normalize_phone(sender), settings.hisaab_data_dir / "outbox"
        )
        interactive = sys.stdin.isatty()
        if interactive:
            print(
                f"Hisaab console, writing as {console.sender}. /as PHONE switches sender, "
                "/voice FILE sends a voice note, /quit leaves."
            )
            if demo:
                print('Try: "sold 2 rice to ahmed 40 each", then "what did I sell today".')
        await console.run(sys.stdin, interactive)
    finally:
        await app.close()
    return 0


async def _load(settings: Settings, file: Path, owner: str) -> int:
    app = await build(settings)
    try:
        data = read_catalog(file)
        phone = normalize_phone(owner)
        async with app.db.session() as session:
            shop = await load_catalog(session, data, phone)
        print(
            f"Loaded {shop.business.name}: {shop.products} products, {shop.parties} parties; "
            f"owner {phone}."
        )
    finally:
        await app.close()
    return 0


async def _render(settings: Settings, number: str, owner: str, output: Path) -> int:
    from pdf import render_invoice_async

    app = await build(settings)
    try:
        async with app.db.session() as session:
            owners = [m for m in await members_by_phone(session, owner) if m.role == "owner"]
            if not owners:
                print(f"hisaab: {owner} owns no shop", file=sys.stderr)
                return 1
            invoice = await invoice_by_number(session, owners[0].business_id, number)
            assert invoice.id is not None
            view = await invoice_view(session, owners[0].business_id, invoice.id)
        await asyncio.to_thread(output.write_bytes, await render_invoice_async(view))
        print(f"Wrote {output}")
    finally:
        await app.close()
    return 0


async def _transcribe(settings: Settings, file: Path) -> int:
    from voice import VoiceError, transcribe_file

    started = time.perf_counter()
    try:
        transcript = await transcribe_file(file, make_transcriber(settings))
    except VoiceError as exc:
        print(f"hisaab: {exc.message} ({exc.detail or ''})", file=sys.stderr)
        return 1
    print(transcript.text)
    print(
        f"[{transcript.duration_s:.1f} s of audio in {time.perf_counter() - started:.2f} s, "
        f"confidence {transcript.confidence:.2f}]",
        file=sys.stderr,
    )
    return 0


ENGINES: dict[str, Literal["auto", "rules", "llm"]] = {
    "auto": "auto",
    "rules": "rules",
    "llm": "llm",
}


def _intents(settings: Settings, catalogs: Path, engine: str | None, explain: bool = False) -> int:
    from intents.batch import run_batch
    from intents.catalog import Catalog
    from intents.factory import make_parser
    from voice import SpeechToText, TranscriptionHints, VoiceError, transcribe_file
    from voice.prompt import shop_words

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    parser = make_parser(
        ENGINES.get(engine or "", settings.intent_engine),
        openai_api_key=key,
        openai_base_url=settings.openai_base_url,
        openai_model=settings.openai_model,
        timeout=settings.openai_timeout_seconds,
        send_names=settings.llm_send_names,
    )
    transcriber: SpeechToText | None = None

    async def hear(path: Path, catalog: Catalog) -> str:
        """What the conversation would hear in a voice note from this shop ("" for none)."""
        nonlocal transcriber
        transcriber = transcriber or make_transcriber(settings)
        names = [p.name for p in catalog.products] + [p.name for p in catalog.parties]
        words = shop_words(names, catalog.currency, [p.unit for p in catalog.products])
        try:
            heard = await transcribe_file(
                path, transcriber, hints=TranscriptionHints(words=words, language=None)
            )
        except VoiceError as exc:
            print(f"hisaab: {path}: {exc.message} ({exc.detail or ''})", file=sys.stderr)
            return ""
        return heard.text

    run_batch(sys.stdin, sys.stdout, catalogs, parser, explain, hear)
    return 0


def main(argv: list[str] | None = None) -> None:
    """Run the command line."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings()
    try:
        if args.command == "chat":
            code = asyncio.run(_chat(settings, args.sender, args.demo))
        elif args.command == "shop":
            code = asyncio.run(_load(settings, args.file, args.owner))
        elif args.command == "intents":
            code = _intents(settings, args.catalogs, args.engine, args.explain)
        elif args.command == "serve":
            from .bootstrap import serve

            logging.getLogger().setLevel(logging.INFO)
            code = asyncio.run(serve(settings, args.host, args.port, jobs=not args.no_jobs))
        elif args.command == "jobs":
            from .jobs.cli import list_jobs, run_now

            code = (
                list_jobs() if args.action == "list" else asyncio.run(run_now(settings, args.name))
            )
        elif args.command == "transcribe":
            code = asyncio.run(_transcribe(settings, args.file))
        else:
            code = asyncio.run(
                _render(settings, args.number, normalize_phone(args.shop_owner), args.output)
            )
    except CatalogFileError as exc:
        print(f"hisaab: {exc}", file=sys.stderr)
        code = 1
    except LedgerError as exc:
        print(f"hisaab: {exc}", file=sys.stderr)
        code = 1
    except KeyboardInterrupt:
        code = 130
    raise SystemExit(code)
