"""Benchmark: one reminder tick that finds 10,000 units with 5 steps due; prints JSON per database.

A campaign of N units (the default campaign's form and plan, N generated units), each with one
linked leader, none registered. The previous tick was 15 days before the deadline and the clock
is now just after the 0-day step, so the tick sees 5 steps due (14, 7, 3, 1 and 0 days before)
and, for each unit, claims the latest only. Two instances (two Apps, each with its own
connection pool) tick at the same moment on the same database, as they would in production.

- `claim_seconds`: from the start of the ticks to both having committed their claims and queued
  messages (the wall time of the two concurrent ticks);
- `claims`, `queued`: reminder rows and outbox rows written; `duplicates`: units that got more
  than one reminder row or more than one message (must be 0);
- `peak_rss_mb`: this process's peak resident memory, both instances included.

    python bench/reminders.py [--units 10000] [--database-url URL ...]

By default it runs on a new SQLite file and, when a server answers, a new PostgreSQL database
(TEST_DATABASE_URL or postgresql://postgres@127.0.0.1:5432/postgres), dropped afterwards.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import resource
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select, update

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# bench/telegram.py is named like the library: its folder must not come first on the path.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from bench.scale import campaign_file, each_database  # noqa: E402
from bot.app import App  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Account, Campaign, Outbox, Reminder, Unit  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = datetime(2026, 12, 31, 17, 0, tzinfo=VN)
NOW = datetime(2026, 12, 31, 8, 1, tzinfo=VN)  # just after the 0-day step
BEFORE = DUE - timedelta(days=15)  # the previous tick


async def link_leaders(db: Database, campaign_id: int) -> None:
    """One web leader per unit, in bulk (setting up, not measured)."""
    async with db.transaction() as session:
        units = list(await session.scalars(select(Unit.id).where(Unit.campaign_id == campaign_id)))
        rows = [
            {
                "channel": "web",
                "user_id": f"leader-{unit}",
                "locale": "vi" if unit % 4 else "en",
                "role": "leader",
                "unit_id": unit,
                "created_at": BEFORE,
                "last_inbound_at": BEFORE,
                "blocked": False,
                "link_failures": 0,
                "digest": True,
            }
            for unit in units
        ]
        for start in range(0, len(rows), 1000):
            await session.execute(insert(Account), rows[start : start + 1000])
        await session.execute(
            update(Campaign).where(Campaign.id == campaign_id).values(ticked_at=BEFORE)
        )


async def run(url: str, units: int, folder: Path) -> dict[str, object]:
    db = Database(url)
    await upgrade(db)
    settings = Settings(
        database_url=url, campaign_file=campaign_file(folder, units), _env_file=None
    )
    apps = [App(settings, now=lambda: NOW) for _ in range(2)]
    for app in apps:
        await app.prepare()
    await link_leaders(db, apps[0].campaign.id)

    started = time.perf_counter()
    ticks = await asyncio.gather(*(app.reminders.tick() for app in apps))
    claim_seconds = time.perf_counter() - started

    async with db.transaction() as session:
        claims = await session.scalar(select(func.count(Reminder.id)))
        queued = await session.scalar(select(func.count(Outbox.id)))
        twice = select(Reminder.unit_id).group_by(Reminder.unit_id).having(func.count() > 1)
        doubled_claims = await session.scalar(select(func.count()).select_from(twice.subquery()))
        per_person = select(Outbox.account_id).group_by(Outbox.account_id).having(func.count() > 1)
        doubled_sends = await session.scalar(
            select(func.count()).select_from(per_person.subquery())
        )
    for app in apps:
        await app.db.dispose()
    await db.dispose()
    return {
        "database": db.backend,
        "units": units,
        "steps_due": 5,
        "claims": claims,
        "queued": queued,
        "won_by_instance": [sum(t.claimed.values()) for t in ticks],
        "claim_seconds": round(claim_seconds, 3),
        "duplicates": (doubled_claims or 0) + (doubled_sends or 0),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": platform.python_version(),
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--units", type=int, default=10_000)
    options.add_argument("--database-url", action="append", default=None)
    args = options.parse_args()
    for url, folder in each_database(args.database_url, "thidua-bench-reminders-"):
        print(json.dumps(asyncio.run(run(url, args.units, folder))), flush=True)


if __name__ == "__main__":
    main()
