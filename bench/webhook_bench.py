"""Signed Twilio webhooks on loopback at increasing rates: sustained messages/s and the time
from the webhook's POST to the reply reaching (a fake) Twilio, for `hisaab serve` (SQLite,
rule engine) beside a bare aiohttp handler that answers every POST with one REST call.

    .venv/bin/python -m bench.webhook_bench                    # 50 … 400 msg/s, 5 s each
    .venv/bin/python -m bench.webhook_bench --rates 100 200 --seconds 10
    .venv/bin/python -m bench.webhook_bench --soak 10000 --soak-rate 25   # RSS over 10,000
    .venv/bin/python -m bench.webhook_bench --postgres \
        postgresql+asyncpg://postgres@127.0.0.1/hisaab_bench --processes 1 2 4 --rates 20 30 40
    .venv/bin/python -m bench.webhook_bench --cost 200 --batches 8 [--versus /tmp/other-tree]

Both servers are real processes; the load generator and the fake Twilio share this one. The
bare handler bounds what the machine, aiohttp and the twilio round trip allow; the ratio of
the two is the figure. A rate is "sustained" when at least 99% of its messages are answered
within the run and p99 stays under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from aiohttp import web

from ledger import Database, load_catalog, read_catalog
from tests.fakes.twilio_server import FakeTwilio
from tests.server.process import REPO, ServeProcess, free_port, start_serve

CATALOG = REPO.parent / "shared" / "eval" / "catalog_ae.json"
SENDERS = 200

BARE = """
import asyncio, sys
import aiohttp
from aiohttp import web

api, sid, token, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
url = f"{api}/2010-04-01/Accounts/{sid}/Messages.json"

async def main():
    http = aiohttp.ClientSession(auth=aiohttp.BasicAuth(sid, token))
    tasks = set()

    async def reply(to):
        async with http.post(url, data={"To": to, "From": "whatsapp:+1", "Body": "INV-bare"}) as r:
            await r.read()

    async def hook(request):
        form = await request.post()
        task = asyncio.create_task(reply(form["From"]))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
        return web.Response(text="<Response/>", content_type="text/xml")

    async def health(request):
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/twilio/whatsapp", hook)
    app.router.add_get("/healthz", health)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await asyncio.Event().wait()

asyncio.run(main())
"""


class TimedTwilio(FakeTwilio):
    """The fake Twilio, noting when each reply to a sender arrives."""

    def __init__(self) -> None:
        super().__init__(fetch_media_urls=False)
        self.arrivals: dict[str, deque[float]] = defaultdict(deque)
        self.arrived = asyncio.Event()

    async def _create(self, request: web.Request) -> web.Response:
        response = await super()._create(request)
        if self.sent and response.status == 201:
            message = self.sent[-1]
            if "INV-" in message.form.get("Body", ""):
                self.arrivals[message.to].append(time.perf_counter())
                self.arrived.set()
        return response


@dataclass
class Step:
    """One rate's results."""

    offered: float
    sent: int
    answered: int
    achieved: float
    p50_ms: float
    p99_ms: float
    cpu_ms: float = float("nan")  # the server process's CPU time per answered message

    @property
    def sustained(self) -> bool:
        return self.answered >= 0.99 * self.sent and self.p99_ms < 100


async def _load_shops(database_url: str, *, migrate: bool = True) -> list[str]:
    """SENDERS shops with stock enough for the whole run; their owners' phones. `migrate`
    False: the schema is there already (made by a server of another checkout)."""
    data = read_catalog(CATALOG)
    for product in data["products"]:
        product["stock"] = "1000000"
    db = Database(database_url)
    if migrate:
        await db.migrate()
    owners = []
    async with db.session() as session:
        for n in range(SENDERS):
            owner = f"+97158{n:07d}"
            for i, party in enumerate(data["parties"]):
                party["phone"] = f"+97159{n:04d}{i:03d}"
            await load_catalog(session, data, owner)
            owners.append(owner)
    await db.dispose()
    return owners


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of a process so far (Linux /proc); NaN elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _run_rate(
    fake: TimedTwilio,
    webhook: str | list[str],
    owners: list[str],
    rate: float,
    seconds: float,
    tag: str,
    pid: int | list[int] | None = None,
) -> Step:
    """Post `rate` messages a second for `seconds`; with several webhooks (processes), each
    owner always writes to the same one, as a load balancer keyed by sender would send."""
    hooks = [webhook] if isinstance(webhook, str) else webhook
    pids = pid if isinstance(pid, list) else [pid]
    fake.arrivals.clear()
    cpu_before = sum(_cpu_seconds(p) for p in pids)
    count = int(rate * seconds)
    sent_at: dict[str, list[float]] = defaultdict(list)
    tasks = []
    start = time.perf_counter()
    for i in range(count):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        owner = owners[i % len(owners)]
        sent_at[owner].append(time.perf_counter())
        hook = hooks[(i % len(owners)) % len(hooks)]
        tasks.append(
            asyncio.create_task(fake.inbound(hook, owner, "sold 1 rice", sid=f"SM{tag}{i:08d}"))
        )
    await asyncio.gather(*tasks)
    deadline = time.perf_counter() + 10
    while sum(len(v) for v in fake.arrivals.values()) < count:
        if time.perf_counter() > deadline:
            break
        await asyncio.sleep(0.05)
    latencies = []
    last = start
    for owner, times in sent_at.items():
        arrivals = list(fake.arrivals[owner])
        for sent, arrived in zip(times, arrivals, strict=False):
            latencies.append((arrived - sent) * 1000)
            last = max(last, arrived)
    cpu = sum(_cpu_seconds(p) for p in pids) - cpu_before
    latencies.sort()
    answered = len(latencies)
    p99 = latencies[min(answered - 1, int(answered * 0.99))] if answered else float("inf")
    return Step(
        offered=rate,
        sent=count,
        answered=answered,
        achieved=answered / (last - start) if answered else 0.0,
        p50_ms=statistics.median(latencies) if latencies else float("inf"),
        p99_ms=p99,
        cpu_ms=cpu * 1000 / answered if answered else float("nan"),
    )


async def _bare(fake: TimedTwilio) -> tuple[asyncio.subprocess.Process, str]:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        BARE,
        fake.base_url,
        fake.account_sid,
        fake.auth_token,
        str(port),
    )
    async with aiohttp.ClientSession() as http:
        for _ in range(100):
            try:
                async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        break
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
    return process, f"http://127.0.0.1:{port}/twilio/whatsapp"


def _print(name: str, steps: list[Step]) -> None:
    print(f"\n{name}")
    print("  offered/s  sent  answered  achieved/s  p50 ms  p99 ms  CPU ms/msg  sustained")
    for s in steps:
        print(
            f"  {s.offered:9.0f} {s.sent:5d} {s.answered:9d} {s.achieved:11.1f}"
            f" {s.p50_ms:7.1f} {s.p99_ms:7.1f} {s.cpu_ms:11.1f}  {'yes' if s.sustained else 'no'}"
        )


def _best(steps: list[Step]) -> float:
    return max((s.achieved for s in steps if s.sustained), default=0.0)


def _rss_mb(pid: int) -> float:
    """The process's resident memory (VmRSS) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@asynccontextmanager
async def _warm_server(
    fake: TimedTwilio, data: Path, name: str
) -> AsyncIterator[tuple[ServeProcess, list[str]]]:
    """`hisaab serve` on SQLite in `data` with the bench's shops, after the warm-up (every
    owner's first message: the privacy notice, first rows; not reported); stopped after."""
    url = f"sqlite+aiosqlite:///{data / 'hisaab.db'}"
    owners = await _load_shops(url)
    serving: ServeProcess = await start_serve(url, data, fake, name=name)
    try:
        pid = serving.process.pid
        await _run_rate(fake, serving.webhook, owners, 10, len(owners) / 10, "warm", pid)
        yield serving, owners
    finally:
        await serving.terminate()
        if os.environ.get("BENCH_LOG"):
            print(serving.log.read_text()[-4000:])


async def soak(messages: int, rate: float) -> None:
    """Send `messages` at `rate` in chunks of 1,000 and print the server's RSS after each: it
    must not grow with the count (caches are bounded, nothing is kept per message)."""
    fake = TimedTwilio()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        async with _warm_server(fake, Path(tmp), "soak") as (serving, owners):
            pid = serving.process.pid
            warm = _rss_mb(pid)
            print(f"soak: {messages:,} messages at {rate:g}/s; RSS after the warm-up {warm:.1f} MB")
            for chunk in range(messages // 1000):
                tag = f"s{chunk}"
                step = await _run_rate(fake, serving.webhook, owners, rate, 1000 / rate, tag, pid)
                done = (chunk + 1) * 1000
                print(
                    f"  after {done:>6,}: RSS {_rss_mb(pid):6.1f} MB, "
                    f"answered {step.answered}/{step.sent}, p50 {step.p50_ms:.0f} ms"
                )
    await fake.stop()


async def _one_by_one(
    fake: TimedTwilio, webhook: str, owners: list[str], count: int, tag: str
) -> float:
    """Post `count` sales one at a time, each after the last one's reply reached Twilio; the
    mean wall time of one, in ms."""
    start = time.perf_counter()
    for i in range(count):
        owner = owners[i % len(owners)]
        before = len(fake.arrivals[owner])
        await fake.inbound(webhook, owner, "sold 1 rice", sid=f"SM{tag}{i:08d}")
        while len(fake.arrivals[owner]) == before:
            fake.arrived.clear()
            await asyncio.wait_for(fake.arrived.wait(), 10)
    return (time.perf_counter() - start) * 1000 / count


async def cost(messages: int, batches: int, versus: Path | None) -> None:
    """The server's CPU per message with no queueing: one message at a time, in `batches`
    of `messages`, the median and the least of the batches. With `versus`, a second server
    from that checkout runs beside this one and the batches alternate between the two, so
    both are measured in the same minutes of a shared machine (whose speed drifts ±15 %).
    The shops are loaded by this checkout's code into each server's own schema, so the two
    must not differ in the tables the catalog loader writes."""
    fake = TimedTwilio()
    await fake.start()
    trees = {"this tree": REPO} | ({f"versus {versus}": versus} if versus else {})
    with tempfile.TemporaryDirectory() as tmp:
        running: dict[str, tuple[ServeProcess, list[str]]] = {}
        try:
            for n, (name, tree) in enumerate(trees.items()):
                data = Path(tmp) / f"s{n}"
                data.mkdir()
                url = f"sqlite+aiosqlite:///{data / 'hisaab.db'}"
                # The server migrates its database to its own checkout's schema first.
                serving = await start_serve(url, data, fake, name=f"cost{n}", tree=tree)
                owners = await _load_shops(url, migrate=False)
                running[name] = (serving, owners)
                await _one_by_one(fake, serving.webhook, owners, len(owners), f"w{n}")
            cpu: dict[str, list[float]] = defaultdict(list)
            wall: dict[str, list[float]] = defaultdict(list)
            for b in range(batches):
                for n, (name, (serving, owners)) in enumerate(running.items()):
                    before = _cpu_seconds(serving.process.pid)
                    took = await _one_by_one(fake, serving.webhook, owners, messages, f"c{n}b{b}")
                    cpu[name].append((_cpu_seconds(serving.process.pid) - before) * 1000 / messages)
                    wall[name].append(took)
        finally:
            for serving, _owners in running.values():
                await serving.terminate()
    await fake.stop()
    print(
        f"webhook_bench --cost: {batches} batches of {messages} text sales, one at a time "
        f"(each answered before the next); server CPU ms per message"
    )
    for name in running:
        runs = ", ".join(f"{c:.1f}" for c in cpu[name])
        print(
            f"  {name:<28} median {statistics.median(cpu[name]):5.2f}  least {min(cpu[name]):5.2f}"
            f"  (round trip {statistics.median(wall[name]):.1f} ms)   [{runs}]"
        )
    if len(running) == 2:
        mine, theirs = (statistics.median(v) for v in cpu.values())
        print(f"  this tree / versus: {mine / theirs:.2f}")


async def _fresh_postgres(url: str) -> None:
    """Drop and create the bench database named in `url` (on the same server)."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    base, _, name = url.rpartition("/")
    admin = create_async_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()


async def scaling(url: str, processes: list[int], rates: list[float], seconds: float) -> None:
    """PostgreSQL: 1, 2, 4 … `hisaab serve` processes on one database, each owner's messages
    to one process; every rate for each count, the sustained figure per count."""
    fake = TimedTwilio()
    await fake.start()
    results: list[tuple[int, list[Step]]] = []
    for count in processes:
        await _fresh_postgres(url)
        owners = await _load_shops(url)
        with tempfile.TemporaryDirectory() as tmp:
            servers = [await start_serve(url, Path(tmp), fake, name=f"pg{n}") for n in range(count)]
            hooks = [s.webhook for s in servers]
            pids = [s.process.pid for s in servers if s.process.pid is not None]
            try:
                await _run_rate(fake, hooks, owners, 10, len(owners) / 10, f"w{count}", pids)
                steps = [
                    await _run_rate(fake, hooks, owners, r, seconds, f"p{count}r{n}", pids)
                    for n, r in enumerate(rates)
                ]
            finally:
                for server in servers:
                    await server.terminate()
        results.append((count, steps))
    await fake.stop()
    print(f"webhook_bench --postgres: {os.cpu_count()} CPU cores shared by servers, load, Twilio")
    for count, steps in results:
        _print(f"{count} process(es), PostgreSQL (CPU ms/msg: all processes together)", steps)
    print("\nsustained (>=99% answered, p99 < 100 ms) by processes:")
    for count, steps in results:
        print(f"  {count}: {_best(steps):.0f} msg/s")


async def main(rates: list[float], seconds: float) -> None:
    """Run every rate against hisaab serve, then against the bare handler."""
    fake = TimedTwilio()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp:
        async with _warm_server(fake, Path(tmp), "bench") as (serving, owners):
            pid = serving.process.pid
            ours = [
                await _run_rate(fake, serving.webhook, owners, r, seconds, f"h{n}", pid)
                for n, r in enumerate(rates)
            ]
        bare_process, bare_hook = await _bare(fake)
        try:
            bare = [
                await _run_rate(fake, bare_hook, owners, r, seconds, f"b{n}", bare_process.pid)
                for n, r in enumerate(rates)
            ]
        finally:
            bare_process.terminate()
            await bare_process.wait()
    await fake.stop()
    print(f"webhook_bench: {os.cpu_count()} CPU cores shared by server, load and fake Twilio")
    _print("hisaab serve (SQLite, rule engine, signed webhooks, sale booked, reply via REST)", ours)
    _print("bare aiohttp handler (no signature, no database, one REST call per POST)", bare)
    mine, theirs = _best(ours), _best(bare)
    ratio = mine / theirs if theirs else float("nan")
    print(
        f"\nsustained (>=99% answered, p99 < 100 ms): hisaab {mine:.0f} msg/s, "
        f"bare {theirs:.0f} msg/s, ratio {ratio:.2f}"
    )


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rates", type=float, nargs="+", default=[50, 100, 200, 300, 400])
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--soak", type=int, metavar="N", help="instead: N messages, RSS each 1,000")
    ap.add_argument("--soak-rate", type=float, default=20)
    ap.add_argument(
        "--postgres",
        metavar="URL",
        help="instead: PostgreSQL scaling (the database in URL is dropped and made anew)",
    )
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--cost", type=int, metavar="N", help="instead: CPU per message, N a batch")
    ap.add_argument("--batches", type=int, default=8)
    ap.add_argument("--versus", type=Path, help="with --cost: a second checkout's server beside")
    args = ap.parse_args()
    if args.cost:
        asyncio.run(cost(args.cost, args.batches, args.versus))
    elif args.postgres:
        asyncio.run(scaling(args.postgres, args.processes, args.rates, args.seconds))
    elif args.soak:
        asyncio.run(soak(args.soak, args.soak_rate))
    else:
        asyncio.run(main(args.rates, args.seconds))
