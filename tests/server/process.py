"""`hisaab serve` as a real process, wired to a fake Twilio on 127.0.0.1."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from tests.fakes.twilio_server import SANDBOX_FROM, FakeTwilio

REPO = Path(__file__).parents[2]


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class ServeProcess:
    """One `hisaab serve` process."""

    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}/twilio/whatsapp"

    async def wait_ready(self, seconds: float = 60) -> None:
        """Until /healthz answers."""
        deadline = time.monotonic() + seconds
        async with aiohttp.ClientSession() as http:
            while True:
                assert self.process.returncode is None, self.log.read_text()
                try:
                    async with http.get(f"http://127.0.0.1:{self.port}/healthz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                assert time.monotonic() < deadline, self.log.read_text()
                await asyncio.sleep(0.1)

    def signal(self, sig: int = signal.SIGTERM) -> None:
        """Send a signal without reaping the process.

        Not `Process.send_signal`: that calls `Popen.send_signal`, which polls with
        `waitpid(WNOHANG)` first and so may reap a process that has just exited, before
        asyncio's child watcher (a thread in `waitpid`) does; the watcher then finds no child
        and reports exit code 255 ("Unknown child process pid"). A test that signals a
        process as it exits (the repeated-SIGTERM test) hit that now and then. `os.kill` on a
        process that has exited but is not reaped yet is harmless.
        """
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, sig)

    async def terminate(self, seconds: float = 60) -> int:
        """SIGTERM, then wait for a clean exit; the exit code."""
        if self.process.returncode is None:
            self.signal(signal.SIGTERM)
        return await asyncio.wait_for(self.process.wait(), seconds)


async def start_serve(
    database_url: str,
    data_dir: Path,
    fake: FakeTwilio,
    *,
    port: int | None = None,
    jobs: bool = False,
    name: str = "serve",
    env: dict[str, str] | None = None,
    tree: Path = REPO,
) -> ServeProcess:
    """Start `hisaab serve` on a free port of 127.0.0.1 against `database_url`, from the
    checkout at `tree` (another tree's code: the benches compare two commits in one run)."""
    port = port or free_port()
    extra, env = env, dict(os.environ)
    env.update(
        HISAAB_DATA_DIR=str(data_dir),
        DATABASE_URL=database_url,
        INTENT_ENGINE="rules",
        TWILIO_ACCOUNT_SID=fake.account_sid,
        TWILIO_AUTH_TOKEN=fake.auth_token,
        TWILIO_WHATSAPP_FROM=SANDBOX_FROM,
        TWILIO_API_BASE_URL=fake.base_url,
        PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        TELEGRAM_BOT_TOKEN="",
        OPENAI_API_KEY="",
    )
    env.update(extra or {})
    log = data_dir / f"{name}-{port}.log"
    args = ["-c", "from bot.cli import main; main()", "serve", "--host", "127.0.0.1"]
    args += ["--port", str(port)] + ([] if jobs else ["--no-jobs"])
    with log.open("ab") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, *args, cwd=tree, env=env, stdout=out, stderr=out
        )
    serving = ServeProcess(process, port, log)
    await serving.wait_ready()
    return serving
