"""Benchmark: one announcement to many Telegram chats at a configured rate; prints JSON.

Every broadcast, however it is started (office command, admin page), ends as outbox rows that the
delivery engine (bot/delivery: OutboxWorker and Pacing) sends. This bench measures that engine:
it enqueues the rows directly (storage.outbox.enqueue_many, one transaction, kind "broadcast")
rather than going through any broadcast front end.

A fake Bot API (tests/fakes/telegram_api.py) runs in this process and enforces Telegram's
limits (30 sends a second overall, 1 a second per chat, 429 beyond); the bot runs as its own
process (`main.py run`, long polling), as in production, on a freshly migrated database. The
bench waits until the fake has received one message per recipient (or N/R*1.5+30 s pass), stops
the bot and counts what each chat got. The achieved rate is the deliveries' gaps over the time
from the first to the last delivery, as the fake saw them: (delivered - 1) / span.

    python bench/broadcast.py [--recipients 5000] [--rate 25] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# bench/telegram.py is named like the library: its folder must not come first on the path.
sys.path[:] = [str(ROOT), str(ROOT / "tests")] + [
    p for p in sys.path if Path(p or ".").resolve() != HERE
]

from fakes.telegram_api import FakeTelegram  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from bench.flow import free_port  # noqa: E402
from bot.app import system_now  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.types import Reply, pack  # noqa: E402
from storage.accounts import ensure_account  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Outbox  # noqa: E402
from storage.outbox import enqueue_many  # noqa: E402

FIRST_USER = 10_000_000
ANNOUNCEMENT = (
    "Thông báo: hạn đăng ký thi đua năm 2024 là 17:00 ngày 31/3. "
    "Các đơn vị chưa đăng ký vui lòng gửi /dangky để bắt đầu."
)


async def make_accounts(db: Database, count: int) -> list[int]:
    """One Telegram account per recipient (chat id = user id, wrote to the bot before)."""
    ids: list[int] = []
    for start in range(0, count, 1000):
        async with db.transaction() as session:
            for user in range(FIRST_USER + start, FIRST_USER + min(start + 1000, count)):
                now = system_now()
                account = await ensure_account(session, "telegram", str(user), locale="vi", at=now)
                account.chat_id, account.last_inbound_at = str(user), now
                ids.append(account.id)
    return ids


async def enqueue(db: Database, account_ids: list[int]) -> float:
    """All rows in one transaction; the monotonic time of its commit."""
    async with db.transaction() as session:
        await enqueue_many(
            session,
            [(account_id, None) for account_id in account_ids],
            "broadcast",
            pack([Reply(ANNOUNCEMENT)]),
            system_now(),
        )
    return time.monotonic()


async def outbox_statuses(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        rows = await session.execute(
            select(Outbox.status, func.count()).group_by(Outbox.status).order_by(Outbox.status)
        )
        return {str(status): int(n) for status, n in rows.all()}


async def wait_polling(fake: FakeTelegram, bot: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while not fake.calls_of("getUpdates"):
        if bot.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the bot did not start polling; see {log}")
        await asyncio.sleep(0.05)


def percentile_ms(values: list[float], q: int) -> float | None:
    if len(values) < 2:
        return round(values[0] * 1000, 1) if values else None
    return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1)


async def main(recipients: int, rate: float, database_url: str | None) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-broadcast-"))
    url = database_url or f"sqlite:///{folder}/bench.db"
    db = Database(url)
    started = time.monotonic()
    await upgrade(db)
    account_ids = await make_accounts(db, recipients)
    chats = [FIRST_USER + n for n in range(recipients)]

    fake = FakeTelegram()
    fake.enforce_limits(overall_per_s=30, per_chat_per_s=1)
    arrivals: list[float] = []
    fake.on_output = lambda chat_id: arrivals.append(time.monotonic())
    await fake.start()
    log = folder / "bot.log"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "HTTP_PORT": str(free_port()),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.api_url,
        "TELEGRAM_RATE_PER_S": str(rate),
    }
    settings = Settings(database_url=url, _env_file=None)
    timeout = recipients / rate * 1.5 + 30
    with log.open("wb") as log_file:
        bot = subprocess.Popen(
            [sys.executable, "main.py", "run"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
        try:
            await wait_polling(fake, bot, log)
            enqueued = await enqueue(db, account_ids)
            deadline = enqueued + timeout
            while len(arrivals) < recipients and time.monotonic() < deadline:
                if bot.poll() is not None:
                    raise RuntimeError(f"the bot exited during the broadcast; see {log}")
                await asyncio.sleep(0.1)
            timed_out = len(arrivals) < recipients
            await asyncio.sleep(1.0)  # a late duplicate still counts
        finally:
            bot.terminate()
            bot.wait(timeout=60)
            await fake.stop()
    statuses = await outbox_statuses(db)
    await db.dispose()

    copies = [len(fake.sent(chat)) for chat in chats]
    delivered = sum(min(n, 1) for n in copies)
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else 0.0
    achieved = (len(arrivals) - 1) / span if span > 0 else 0.0
    lags = [t - enqueued for t in arrivals]
    return {
        "benchmark": "broadcast through the outbox on Telegram (long polling, fake Bot API)",
        "database": db.backend,
        "recipients": recipients,
        "configured_rate_per_s": rate,
        "achieved_rate_per_s": round(achieved, 2),
        "rate_ratio": round(achieved / rate, 3),
        "http_429": fake.rejected_429,
        "duplicates": sum(n - 1 for n in copies if n > 1),
        "missing": recipients - delivered,
        "delivered": delivered,
        "timed_out": timed_out,
        "seconds_delivering": round(span, 2),
        "seconds_total": round(time.monotonic() - started, 2),
        "first_delivery_after_enqueue_ms": round(lags[0] * 1000, 1) if lags else None,
        "delivery_lag_ms": {"p50": percentile_ms(lags, 50), "p99": percentile_ms(lags, 99)},
        "outbox_rows": statuses,
        "outbox_concurrency": settings.outbox_concurrency,
        "send_calls": len(fake.calls_of("sendMessage")),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--recipients", type=int, default=5000)
    options.add_argument("--rate", type=float, default=25.0, help="TELEGRAM_RATE_PER_S")
    options.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = options.parse_args()
    result = asyncio.run(main(args.recipients, args.rate, args.database_url))
    print(json.dumps(result, indent=2, ensure_ascii=False))
