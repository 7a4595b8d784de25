"""Kill -9 mid-broadcast, restart: every recipient has the announcement once, except at most the
rows that were in flight when the process died, and the test says how many that was.

The bot runs as its own process (`main.py run`, long polling on the fake Bot API in this
process), as in production. The admin composes the announcement over the web chat API; once
about a quarter of the leaders have it, the process gets SIGKILL (no shutdown, no lease handed
back). A new process then sends the rest. Rows the dead worker had claimed come back only when
their lease runs out (OUTBOX_LEASE_SECONDS, 30 s by default, 6 s here), so the restart waits up
to the lease and 20 s more.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import IO, Any

import aiohttp
from fakes.telegram_api import FakeTelegram
from sqlalchemy import func, select

from bot.app import App, system_now
from bot.settings import Settings
from storage.accounts import ensure_account
from storage.campaigns import list_units
from storage.db import Database
from storage.models import Account, Outbox

ROOT = Path(__file__).resolve().parents[2]
LEADERS = 60
FIRST_USER = 7_000_000
CONCURRENCY = 8  # OUTBOX_CONCURRENCY: the most rows the dead worker can have had in flight
LEASE_SECONDS = 6  # OUTBOX_LEASE_SECONDS: how long the dead worker's claims stay its own
KILL_AFTER = 15  # announcements delivered before the kill
TEXT = "Thông báo thử nghiệm khởi động lại"
LATENCY = 0.3  # s between the fake storing a message and the bot hearing it went through


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def link_leaders(url: str) -> list[int]:
    """Load the campaign as the bot would, then one Telegram leader per unit, round robin."""
    app = App(Settings(database_url=url, _env_file=None))
    await app.prepare()
    await app.stop()
    db = Database(url)
    try:
        async with db.transaction() as session:
            units = await list_units(session, app.campaign.id)
            chats = []
            for n in range(LEADERS):
                now, user = system_now(), FIRST_USER + n
                account = await ensure_account(session, "telegram", str(user), locale="vi", at=now)
                account.unit_id = units[n % len(units)].id
                account.chat_id, account.last_inbound_at = str(user), now
                chats.append(user)
        return chats
    finally:
        await db.dispose()


class BotProcess:
    """`main.py run` on its own port, logging to a file; `kill` is SIGKILL, `stop` SIGTERM."""

    def __init__(self, env: dict[str, str], log: IO[bytes]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "main.py", "run"],
            cwd=ROOT,
            env={**env, "HTTP_PORT": str(self.port)},
            stdout=subprocess.DEVNULL,
            stderr=log,
        )

    async def wait_up(self, fake: FakeTelegram) -> None:
        polls = len(fake.calls_of("getUpdates"))
        deadline = time.monotonic() + 30
        async with aiohttp.ClientSession() as http:
            while True:
                assert self.process.poll() is None, "the bot exited during start-up (see bot.log)"
                assert time.monotonic() < deadline, "the bot did not start in 30 s (see bot.log)"
                try:
                    async with http.get(self.url + "/healthz") as response:
                        if response.status == 200 and len(fake.calls_of("getUpdates")) > polls:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.05)

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


async def compose_and_send(url: str, env: dict[str, str]) -> None:
    """The admin's announcement over the web chat: text, no file, all units, no «Received».
    The admin is made so as an operator does: /whoami on the page, then main.py grant."""
    steps = [{"text": f"/thongbao {TEXT}"}]
    steps += [{"payload": p} for p in ("bc:skip", "bc:aud:all", "bc:ack:no", "bc:send")]
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        async with http.post(url + "/api/chat", json={"text": "/whoami"}) as response:
            shown = (await response.json())["replies"][0]["text"]
        who = re.search(r"web:[0-9a-f]+", shown)
        assert who is not None, shown
        granted = subprocess.run(
            [sys.executable, "main.py", "grant", "admin", who.group()],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert granted.returncode == 0, granted.stderr
        for n, step in enumerate(steps):
            body = {"id": f"crash-{n}", **step}
            async with http.post(url + "/api/chat", json=body) as response:
                answer = await response.json()
                assert response.status == 200, answer
    shown = " ".join(r.get("text") or "" for r in answer["replies"])
    assert f"{LEADERS}" in shown, f"the announcement was not sent to {LEADERS} people: {shown}"


def slow_answers(fake: FakeTelegram) -> None:
    """Store each message at once, answer LATENCY s later (instance attribute over the method)."""
    store = fake._m_sendMessage

    async def send_message(params: dict[str, Any]) -> dict[str, Any]:
        stored = await store(params)
        await asyncio.sleep(LATENCY)
        return stored

    fake._m_sendMessage = send_message  # type: ignore[method-assign]


def copies(fake: FakeTelegram, chats: list[int]) -> Counter[int]:
    return Counter({chat: sum(TEXT in t for t in fake.texts(chat)) for chat in chats})


async def until(check: object, timeout: float, what: str, bot: BotProcess) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        assert bot.process.poll() is None, f"the bot exited while waiting for {what} (see bot.log)"
        assert time.monotonic() < deadline, f"{what}: not within {timeout:g} s"
        await asyncio.sleep(0.05)


async def broadcast_rows(url: str) -> dict[str, int]:
    db = Database(url)
    try:
        async with db.transaction() as session:
            found = await session.execute(
                select(Outbox.status, func.count())
                .where(Outbox.kind == "broadcast")
                .group_by(Outbox.status)
            )
            return {str(status): int(n) for status, n in found.all()}
    finally:
        await db.dispose()


async def in_flight(url: str) -> set[int]:
    """The chats of announcement rows claimed by a worker and not settled (after the kill)."""
    db = Database(url)
    try:
        async with db.transaction() as session:
            chats = await session.scalars(
                select(Account.user_id)
                .join(Outbox, Outbox.account_id == Account.id)
                .where(
                    Outbox.kind == "broadcast",
                    Outbox.status == "pending",
                    Outbox.owner.is_not(None),
                )
            )
            return {int(chat) for chat in chats}
    finally:
        await db.dispose()


async def test_kill_9_mid_broadcast_then_restart_delivers_each_announcement_once_but_in_flight(
    database_url: str, telegram_api: FakeTelegram, tmp_path: Path
) -> None:
    chats = await link_leaders(database_url)
    slow_answers(telegram_api)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "TELEGRAM_BOT_TOKEN": telegram_api.token,
        "TELEGRAM_API_BASE_URL": telegram_api.api_url,
        "TELEGRAM_RATE_PER_S": "10",  # slow enough to kill mid-way
        "OUTBOX_CONCURRENCY": str(CONCURRENCY),
        "OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    log_path = tmp_path / "bot.log"
    with log_path.open("ab") as log:
        first = BotProcess(env, log)
        try:
            await first.wait_up(telegram_api)
            await compose_and_send(first.url, env)
            await until(
                lambda: sum(copies(telegram_api, chats).values()) >= KILL_AFTER,
                30,
                f"{KILL_AFTER} announcements before the kill",
                first,
            )
            first.kill()
        finally:
            first.stop()
        await asyncio.sleep(0.3)  # a request the fake had already taken in is recorded by now
        before = copies(telegram_api, chats)
        delivered_before = sum(before.values())
        held = await in_flight(database_url)  # the dead worker's claims, waiting out the lease

        second = BotProcess(env, log)
        try:
            await second.wait_up(telegram_api)
            restarted = time.monotonic()
            await until(
                lambda: all(copies(telegram_api, chats).values()),
                LEASE_SECONDS + 20,
                f"every one of the {LEADERS} leaders has the announcement after the restart",
                second,
            )
            waited = time.monotonic() - restarted
            await asyncio.sleep(1.0)  # a late duplicate still counts
            statuses = await broadcast_rows(database_url)
        finally:
            second.stop()

    got = copies(telegram_api, chats)
    repeats = sorted(chat for chat, n in got.items() if n == 2)
    print(
        f"in-flight repeats: {len(repeats)} of {len(held)} rows in flight at the kill "
        f"(delivered before the kill: {delivered_before}; all {LEADERS} had it "
        f"{waited:.1f} s after the restart)"
    )
    assert not [chat for chat in chats if got[chat] == 0], got
    assert max(got.values()) <= 2, {chat: n for chat, n in got.items() if n > 2}
    assert all(before[chat] <= 1 for chat in chats), "a duplicate before the kill"
    assert all(before[chat] == 1 for chat in repeats), "a repeat that was not sent before the kill"
    assert len(held) <= CONCURRENCY, f"{len(held)} rows claimed at once: {sorted(held)}"
    assert set(repeats) <= held, (
        f"in-flight repeats: {len(repeats)}; these were not in flight at the kill: "
        f"{sorted(set(repeats) - held)}"
    )
    assert len(repeats) <= CONCURRENCY, (
        f"in-flight repeats: {len(repeats)} chats got the announcement twice, more than the "
        f"{CONCURRENCY} rows a worker holds at once: {repeats}"
    )
    assert statuses == {"sent": LEADERS}, statuses
