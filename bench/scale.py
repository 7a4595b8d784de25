"""What the benchmarks share: a campaign of N generated units, and a fresh PostgreSQL database."""

from __future__ import annotations

import asyncio
import json
import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import yaml
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def campaign_file(folder: Path, units: int) -> Path:
    """The default campaign (form, groups, deadlines, plan) with `units` generated units."""
    data = yaml.safe_load((ROOT / "campaigns" / "quang-nam-2024.yaml").read_text("utf-8"))
    groups = [g["key"] for g in data["groups"]]
    data["units"] = [
        {
            "code": f"U{n:05d}",
            "name": f"Đơn vị số {n}",
            "kind": "district" if n % 3 else "department",
            "group": groups[n % len(groups)],
        }
        for n in range(units)
    ]
    path = folder / "campaign.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def postgres_database() -> tuple[str, str] | None:
    """A new database on the local server: (its URL, its name); None when none answers."""
    name = f"thidua_bench_{uuid.uuid4().hex[:8]}"
    try:
        connection = await asyncpg.connect(_dsn(POSTGRES), timeout=3)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return None
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False), name


async def drop(name: str) -> None:
    connection = await asyncpg.connect(_dsn(POSTGRES))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()


def each_database(urls: list[str] | None, prefix: str) -> Iterator[tuple[str, Path]]:
    """The given URLs, or a new SQLite file and a new PostgreSQL database (dropped after its
    run) when a server answers; each with a fresh folder for the campaign file."""
    if urls:
        for url in urls:
            yield url, Path(tempfile.mkdtemp(prefix=prefix))
        return
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    yield f"sqlite:///{folder}/bench.db", folder
    made = asyncio.run(postgres_database())
    if made is None:
        print(json.dumps({"postgresql": "skipped: no server answers"}), flush=True)
        return
    url, name = made
    try:
        yield url, Path(tempfile.mkdtemp(prefix=prefix))
    finally:
        asyncio.run(drop(name))


def cpu_seconds(pid: int) -> float:
    """The CPU time a running process has used, user and system (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """A running process's peak resident memory (VmHWM in Linux's /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def server_cpu_seconds(name: str = "postgres") -> float:
    """The CPU time all processes of a server (by name) have used, user and system."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        if text.split("(", 1)[1].rsplit(")", 1)[0] == name:
            fields = text.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total
