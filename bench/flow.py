"""Benchmark: many leaders register their whole pledge at once over the web API; prints JSON.

The bot runs as its own processes (`main.py run`), as in production: one on a fresh SQLite
file, or N on one fresh PostgreSQL database with the leaders split between them round-robin.
This process plays the leaders. Every message's round trip is timed. Each leader also sends one
message again, to the other instance where there are two (a client's retry): it must get the
same answer and change nothing. At the end every pledge must be in the database as submitted.

    python bench/flow.py [--leaders 200] [--database sqlite|postgresql] [--instances 1,2]

Prints, for each N: messages/s, p50/p99 latency, `pledges_submitted`, `duplicates` (a retried
message answered differently, or a message handled twice: must be 0), each instance's CPU
seconds per 1,000 messages and peak RSS.
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
from typing import Any

import aiohttp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# bench/telegram.py is named like the library: this folder must not shadow it.
sys.path[:] = [str(ROOT)] + [p for p in sys.path if Path(p or ".").resolve() != HERE]

from bench.scale import (  # noqa: E402
    cpu_seconds,
    drop,
    peak_rss_mb,
    postgres_database,
    server_cpu_seconds,
)
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
RETRIED = 3  # the step each leader sends again at the end (a number: "25")


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


async def leader(
    https: list[aiohttp.ClientSession], n: int, code: str, timings: list[float]
) -> int:
    """One leader's whole flow on its instance, then one message again on the other one (a
    client's retry): 1 when that retry was answered otherwise than the first time, else 0."""
    http = https[n % len(https)]
    cookie: dict[str, str] = {}  # this leader's browser: the server's cookie, once given
    first: dict[str, object] = {}
    body: dict[str, str] = {}
    for step, body in enumerate([{"text": code}, *SCRIPT]):
        started = time.perf_counter()
        async with http.post("/api/chat", json={"id": f"{n}-{step}", **body}, headers=cookie) as r:
            answer = await r.json()
            if r.status != 200 or not answer["replies"]:
                raise RuntimeError(f"leader {n} step {step}: {r.status} {answer}")
            if (given := r.cookies.get(COOKIE)) is not None:
                cookie = {"Cookie": f"{COOKIE}={given.value}"}
        timings.append(time.perf_counter() - started)
        if step == RETRIED:
            first = answer
    again = https[(n + 1) % len(https)]
    retried = {"id": f"{n}-{RETRIED}", **([{"text": code}, *SCRIPT][RETRIED])}
    async with again.post("/api/chat", json=retried, headers=cookie) as r:
        answer = await r.json()
    return int(answer.get("replies") != first.get("replies"))


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
    from storage.models import Pledge

    return await _count(settings, Pledge, Pledge.status == "submitted")


async def handled(settings: Settings) -> int:
    """The web messages the bot took in: one each, however often a client sent it."""
    from storage.models import ProcessedEvent

    return await _count(settings, ProcessedEvent, ProcessedEvent.channel == "web")


async def _count(settings: Settings, table: Any, where: Any) -> int:
    from sqlalchemy import func, select

    db = Database(settings.database_url)
    async with db.transaction() as session:
        count = await session.scalar(select(func.count()).select_from(table).where(where))
    await db.dispose()
    return int(count or 0)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def run(url: str, folder: Path, leaders: int, instances: int) -> dict[str, object]:
    """The flow of `leaders` on `instances` bot processes sharing the database at `url`."""
    ports = [free_port() for _ in range(instances)]
    env = {"DATABASE_URL": url, "CAMPAIGN_FILE": str(open_campaign(folder, leaders))}
    settings = Settings(database_url=url, campaign_file=Path(env["CAMPAIGN_FILE"]), _env_file=None)  # type: ignore[call-arg]
    codes = await prepare(settings, leaders)
    servers = [
        subprocess.Popen(
            [sys.executable, "main.py", "run"],
            cwd=ROOT,
            env={**os.environ, **env, "HTTP_PORT": str(port)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url_, server in zip(urls, servers, strict=True):
            await wait_until_up(url_, server)
        idle = [cpu_seconds(server.pid) for server in servers]
        database_idle, client_idle = server_cpu_seconds(), time.process_time()
        timings: list[float] = []
        https = [aiohttp.ClientSession(u, connector=aiohttp.TCPConnector(limit=0)) for u in urls]
        try:
            started = time.perf_counter()
            differed = await asyncio.gather(
                *(leader(https, n, c, timings) for n, c in enumerate(codes))
            )
            elapsed = time.perf_counter() - started
        finally:
            for http in https:
                await http.close()
        busy = [cpu_seconds(s.pid) - before for s, before in zip(servers, idle, strict=True)]
        database = server_cpu_seconds() - database_idle  # PostgreSQL's, when it is the store
        client = time.process_time() - client_idle  # the leaders' side: this process
        peaks = [peak_rss_mb(server.pid) for server in servers]
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    done, taken = await submitted(settings), await handled(settings)
    if done != leaders:
        raise RuntimeError(f"only {done} of {leaders} pledges were submitted")
    sent = leaders * (len(SCRIPT) + 1)
    if taken < sent:
        raise RuntimeError(f"only {taken} of {sent} messages were handled")
    cuts = statistics.quantiles(timings, n=100)
    return {
        "instances": instances,
        "messages": len(timings),
        "seconds": round(elapsed, 3),
        "flows_per_second": round(leaders / elapsed, 2),
        "messages_per_second": round(len(timings) / elapsed, 1),
        "latency_ms": {
            "p50": round(cuts[49] * 1000, 1),
            "p99": round(cuts[98] * 1000, 1),
            "max": round(max(timings) * 1000, 1),
        },
        "pledges_submitted": done,
        "duplicates": sum(differed) + (taken - sent),
        "cpu_seconds_per_1000_messages": [round(b / len(timings) * 1000, 2) for b in busy],
        "cores_busy": {  # what the run kept busy, in cores: where a 2-core machine runs out
            "bots": round(sum(busy) / elapsed, 2),
            "postgresql": round(database / elapsed, 2),
            "leaders_client": round(client / elapsed, 2),
        },
        "peak_rss_mb": peaks,
    }


async def main(leaders: int, database: str, instances: list[int]) -> dict[str, object]:
    results: dict[str, object] = {
        "benchmark": "pledge flow over the web API",
        "database": database,
        "leaders_at_once": leaders,
        "messages_per_flow": len(SCRIPT) + 1,
    }
    if database == "sqlite" and instances != [1]:
        raise SystemExit("several instances share a PostgreSQL database: --database postgresql")
    for count in instances:
        if database == "sqlite":
            folder = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
            results[f"n{count}"] = await run(
                f"sqlite:///{folder}/bench.db", folder, leaders, count
            )
            continue
        made = await postgres_database()
        if made is None:
            return {**results, "postgresql": "skipped: no server answers"}
        url, name = made
        try:
            folder = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
            results[f"n{count}"] = await run(url, folder, leaders, count)
        finally:
            await drop(name)
    return {**results, "python": platform.python_version(), "cpus": os.cpu_count()}


if __name__ == "__main__":
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--leaders", type=int, default=200)
    options.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    options.add_argument("--instances", default="1", help="bot processes, e.g. 1,2")
    args = options.parse_args()
    counts = [int(n) for n in args.instances.split(",")]
    print(json.dumps(asyncio.run(main(args.leaders, args.database, counts)), indent=2))
