"""Benchmark: the office's views of a big campaign; prints JSON per database.

A campaign of N units (the default form and groups, N generated units), every unit with a
pledge (three in five submitted, the rest drafts), and R revisions in all. An admin asks, through
the dispatcher as a chat message would go (database, handler, rendering; no network):

- `status_ms`: /status, every deadline overall and per group;
- `pending_ms`: /pending, the first page with who to call;
- `unit_ms`: /xem UNIT, one unit's pledge with its history;
- `chart_ms`: /bieudo, the PNG drawn (`chart_first_ms`: the first one, matplotlib imported);
- `export_ms`: /xuatexcel, the workbook built; `export_bytes`: its size;
- `peak_rss_mb`: this process's peak resident memory.

Each figure is the median of 5 runs after one warm-up run.

    python bench/reports.py [--units 2000] [--revisions 10000] [--database-url URL ...]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import resource
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from bench.scale import campaign_file, each_database  # noqa: E402
from bot.app import App  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.types import Identity, Incoming, Reply  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Account, Pledge, PledgeRevision, Unit  # noqa: E402

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 20, 9, 0, tzinfo=VN)
RUNS = 5


def fields(n: int) -> dict[str, Any]:
    return {
        "title": ("co_ubnd", "bang_khen", "tt_xuat_sac", "tt_tien_tien")[n % 4],
        "cstd_tinh": n % 7,
        "cstd_co_so": 10 + n % 40,
        "ld_tien_tien": 100 + n % 900,
        "movements": ["kien_toan", "chuyen_doi_so"][: 1 + n % 2],
        "targets": [
            f"Giải quyết 100% hồ sơ thủ tục hành chính đúng hạn, đợt {n}",
            f"Trồng {1000 + n} cây xanh trong năm 2024",
            "Tổ chức 12 buổi sinh hoạt chuyên đề về văn hóa công sở",
        ],
        "commitment": "Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024, "
        "phấn đấu đạt và vượt các chỉ tiêu đã đăng ký.",
        "contact_name": f"Nguyễn Văn {n}",
        "contact_phone": f"09{n:08d}",
    }


def value(key: str, n: int) -> Any:
    if key == "targets":
        return [f"Giải quyết 100% hồ sơ đúng hạn, lần sửa {n}", "Trồng 5.000 cây xanh"]
    if key in ("commitment", "contact_phone"):
        return f"09{n:08d}" if key == "contact_phone" else f"Cam kết hoàn thành, lần sửa {n}"
    return n


async def fill(db: Database, campaign_id: int, revisions: int) -> None:
    """A pledge per unit and `revisions` revisions, in bulk (setting up, not measured)."""
    start = NOW - timedelta(days=30)
    async with db.transaction() as session:
        units = list(await session.scalars(select(Unit.id).where(Unit.campaign_id == campaign_id)))
        admin = Account(
            channel="web",
            user_id="bench-admin",
            locale="vi",
            role="admin",
            created_at=start,
            display_name="Văn phòng",
        )
        session.add(admin)
        await session.flush()
        rows = []
        for n, unit in enumerate(units):
            submitted = n % 5 < 3
            rows.append(
                {
                    "unit_id": unit,
                    "campaign_id": campaign_id,
                    "status": "submitted" if submitted else "draft",
                    "fields": fields(n) if submitted else {"title": "bang_khen", "cstd_tinh": 2},
                    "created_at": start,
                    "updated_at": start + timedelta(hours=n % 500),
                    "submitted_at": start + timedelta(hours=n % 400) if submitted else None,
                    "version": 1,
                }
            )
        for first in range(0, len(rows), 1000):
            await session.execute(insert(Pledge), rows[first : first + 1000])
        pledges = list(await session.scalars(select(Pledge.id).order_by(Pledge.id)))
        keys = ["cstd_co_so", "ld_tien_tien", "targets", "commitment", "contact_phone"]
        changes = [
            {
                "pledge_id": pledges[n % len(pledges)],
                "field": keys[n % len(keys)],
                "old": None if n < len(pledges) else value(keys[n % len(keys)], n),
                "new": value(keys[n % len(keys)], n + 1),
                "by_account_id": admin.id,
                "at": start + timedelta(minutes=n),
            }
            for n in range(revisions)
        ]
        for first in range(0, len(changes), 2000):
            await session.execute(insert(PledgeRevision), changes[first : first + 2000])


async def timed(app: App, text: str) -> tuple[float, list[Reply]]:
    assert app.dispatcher is not None
    started = time.perf_counter()
    replies = await app.dispatcher.handle(
        Incoming(
            identity=Identity("web", "bench-admin"),
            chat_id="bench-admin",
            event_id=f"{text}-{time.perf_counter_ns()}",
            received_at=NOW,
            text=text,
        )
    )
    return (time.perf_counter() - started) * 1000, replies


async def median(app: App, text: str) -> tuple[float, list[Reply]]:
    await timed(app, text)
    runs = [await timed(app, text) for _ in range(RUNS)]
    return statistics.median(ms for ms, _ in runs), runs[-1][1]


async def run(url: str, units: int, revisions: int, folder: Path) -> dict[str, object]:
    db = Database(url)
    await upgrade(db)
    settings = Settings(
        database_url=url, campaign_file=campaign_file(folder, units), _env_file=None
    )
    app = App(settings, now=lambda: NOW)
    await app.prepare()
    await fill(db, app.campaign.id, revisions)
    chart_first, _ = await timed(app, "/bieudo")
    status, replies = await median(app, "/tinhhinh")
    assert "đơn vị: ✅" in replies[0].text, replies
    pending, _ = await median(app, "/chuadangky")
    unit, _ = await median(app, "/xem U00007")
    chart, replies = await median(app, "/bieudo")
    export, replies = await median(app, "/xuatexcel")
    [workbook] = replies[0].attachments
    await app.db.dispose()
    await db.dispose()
    return {
        "database": db.backend,
        "units": units,
        "revisions": revisions,
        "status_ms": round(status, 1),
        "pending_ms": round(pending, 1),
        "unit_ms": round(unit, 1),
        "chart_first_ms": round(chart_first, 1),
        "chart_ms": round(chart, 1),
        "export_ms": round(export, 1),
        "export_bytes": len(workbook.data),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": platform.python_version(),
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--units", type=int, default=2_000)
    options.add_argument("--revisions", type=int, default=10_000)
    options.add_argument("--database-url", action="append", default=None)
    args = options.parse_args()
    for url, folder in each_database(args.database_url, "thidua-bench-reports-"):
        print(json.dumps(asyncio.run(run(url, args.units, args.revisions, folder))), flush=True)


if __name__ == "__main__":
    main()
