"""Benchmark: many leaders register their whole pledge at once over the web API; prints JSON.

The bot runs as its own process (`main.py run`) on a fresh SQLite file, as in production; this
process plays the leaders. Every message's round trip is timed; at the end every pledge must be
in the database as submitted, or the run fails.

    python bench/flow.py [--leaders 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import aiohttp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# bench/telegram.py is named like the library: this folder must not shadow it.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from bot.app import App, system_now  # noqa: E402
from bot.channels.web.identity import COOKIE  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage.campaigns import list_units  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.invites import display_code, issue_invite  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

SCRIPT: list[dict[str, str]] = [
    {"text": "/dangky"},
    {"payload": "opt:tt_xuat_sac"},
    {"text": "3"},
    {"text": "25"},
    {"text": "1.200"},
    {"payload": "opt:kien_toan"},
    {"payload": "opt:chuyen_doi_so"},
    {"payload": "done"},
    {"text": "Giải quyết 100% hồ sơ thủ tục hành chính đúng hạn"},
    {"text": "Trồng 5.000 cây xanh trong năm"},
    {"payload": "done"},
    {"text": "Đơn vị cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm 2024"},
    {"text": "Nguyễn Văn An"},
    {"text": "0905 123 456"},
    {"payload": "confirm"},
]


def open_campaign(folder: Path, units: int) -> Path:
    """The default campaign, open for a year (the bench never ages), with a unit per leader."""
    text = (ROOT / "campaigns" / "quang-nam-2024.yaml").read_text(encoding="utf-8")
    due = (system_now() + timedelta(days=365)).strftime("%Y-%m-%dT17:00:00")
    text = re.sub(r"(key: registration\n.*\n    due: )\S+", rf"\g<1>{due}", text)
    extra = "".join(
        f"  - {{code: BENCH{n:05d}, name: Đơn vị thử {n}, kind: district, group: cum_mien_nui}}\n"
        for n in range(units)
    )
    text = text.replace("\nform:\n", f"\n{extra}\nform:\n", 1)
    path = folder / "campaign.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def prepare(settings: Settings, leaders: int) -> list[str]:
    """Migrate, load the campaign and make one invite code per leader, spread over the units."""
    db = Database(settings.database_url)
    await upgrade(db)
    await db.dispose()
    app = App(settings)
    await app.prepare()
    codes = []
    async with app.db.transaction() as session:
        units = await list_units(session, app.campaign.id)
        for n in range(leaders):
            code, _ = await issue_invite(
                session,
                units[n % len(units)],
                role="leader",
                at=app.now(),
                lifetime=timedelta(days=1),
            )
            codes.append(display_code(code))
    await app.stop()
    return codes


async def leader(http: aiohttp.ClientSession, n: int, code: str, timings: list[float]) -> None:
    cookie: dict[str, str] = {}  # this leader's browser: the server's cookie, once given
    for step, body in enumerate([{"text": code}, *SCRIPT]):
        started = time.perf_counter()
        async with http.post("/api/chat", json={"id": f"{n}-{step}", **body}, headers=cookie) as r:
            answer = await r.json()
            if r.status != 200 or not answer["replies"]:
                raise RuntimeError(f"leader {n} step {step}: {r.status} {answer}")
            if (given := r.cookies.get(COOKIE)) is not None:
                cookie = {"Cookie": f"{COOKIE}={given.value}"}
        timings.append(time.perf_counter() - started)


async def wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    async with aiohttp.ClientSession() as http:
        for _ in range(200):
            if server.poll() is not None:
                raise RuntimeError("the bot exited during start-up")
            try:
                async with http.get(url + "/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.05)
    raise RuntimeError("the bot did not start")


async def submitted(settings: Settings) -> int:
    db = Database(settings.database_url)
    async with db.transaction() as session:
        from sqlalchemy import func, select

        from storage.models import Pledge

        count = await session.scalar(
            select(func.count()).select_from(Pledge).where(Pledge.status == "submitted")
        )
    await db.dispose()
    return int(count or 0)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def main(leaders: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    port = free_port()
    env = {
        "DATABASE_URL": f"sqlite:///{folder}/bench.db",
        "CAMPAIGN_FILE": str(open_campaign(folder, leaders)),
        "HTTP_PORT": str(port),
    }
    settings = Settings(
        database_url=env["DATABASE_URL"], campaign_file=Path(env["CAMPAIGN_FILE"]), _env_file=None
    )  # type: ignore[call-arg]
    codes = await prepare(settings, leaders)
    server = subprocess.Popen(
        [sys.executable, "main.py", "run"],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        await wait_until_up(url, server)
        timings: list[float] = []
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(url, connector=connector) as http:
            started = time.perf_counter()
            await asyncio.gather(*(leader(http, n, c, timings) for n, c in enumerate(codes)))
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    done = await submitted(settings)
    if done != leaders:
        raise RuntimeError(f"only {done} of {leaders} pledges were submitted")
    cuts = statistics.quantiles(timings, n=100)
    return {
        "benchmark": "pledge flow over the web API",
        "database": "sqlite",
        "leaders_at_once": leaders,
        "messages": len(timings),
        "messages_per_flow": len(SCRIPT) + 1,
        "seconds": round(elapsed, 3),
        "flows_per_second": round(leaders / elapsed, 2),
        "messages_per_second": round(len(timings) / elapsed, 1),
        "latency_ms": {
            "p50": round(cuts[49] * 1000, 1),
            "p99": round(cuts[98] * 1000, 1),
            "max": round(max(timings) * 1000, 1),
        },
        "pledges_submitted": done,
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--leaders", type=int, default=200)
    print(json.dumps(asyncio.run(main(options.parse_args().leaders)), indent=2))
