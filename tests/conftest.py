"""Fixtures: real databases (SQLite always, PostgreSQL when a server answers), a bot, a clock,
the fake Telegram and Zalo APIs."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from fakes.telegram_api import FakeTelegram
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Clock, make_settings
from sqlalchemy.engine import make_url

from storage.db import Database
from storage.migrate import upgrade

POSTGRES = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


async def _migrate(url: str) -> None:
    db = Database(url)
    try:
        await upgrade(db)
    finally:
        await db.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrations run once per session)."""
    path = tmp_path_factory.mktemp("template") / "thidua.db"
    asyncio.run(_migrate(f"sqlite:///{path}"))
    return path


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this run, migrated once, dropped at the end."""
    name = f"thidua_test_{uuid.uuid4().hex[:10]}"
    admin = _dsn(POSTGRES)

    async def create() -> None:
        connection = await asyncpg.connect(admin, timeout=3)
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()

    try:
        asyncio.run(create())
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        pytest.skip(f"no PostgreSQL server answers at {POSTGRES} ({error!r})")
    url = make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_migrate(url))
    yield url

    async def drop() -> None:
        connection = await asyncpg.connect(admin, timeout=3)
        try:
            await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await connection.close()

    asyncio.run(drop())


async def _empty_postgres(url: str) -> None:
    connection = await asyncpg.connect(_dsn(url))
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version'"
        )
        names = ", ".join(f'"{row["tablename"]}"' for row in tables)
        await connection.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
    finally:
        await connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path) -> str:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        path = tmp_path / "thidua.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_database")
    asyncio.run(_empty_postgres(url))
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    path = tmp_path / "thidua.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
async def telegram_api() -> AsyncIterator[FakeTelegram]:
    """The fake Telegram Bot API on a free port of 127.0.0.1."""
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def zalo_bot_api() -> AsyncIterator[FakeZaloBot]:
    """The fake Zalo Bot Platform API."""
    server = FakeZaloBot()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def zalo_oa_api(clock: Clock) -> AsyncIterator[FakeZaloOA]:
    """The fake Zalo OA API and OAuth server, on the test's clock."""
    server = FakeZaloOA(clock.now)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@contextlib.asynccontextmanager
async def running_bot(url: str, clock: Clock) -> AsyncIterator[Bot]:
    running = Bot(make_settings(url), clock)
    await running.start()
    await running.admin().ready()  # the office has an admin from the start, on the web chat
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
async def bot(database_url: str, clock: Clock) -> AsyncIterator[Bot]:
    """The bot on each database, serving the web chat on a free port."""
    async with running_bot(database_url, clock) as running:
        yield running


@pytest.fixture
async def quick_bot(sqlite_url: str, clock: Clock) -> AsyncIterator[Bot]:
    """The bot on SQLite only, for the many small checks that do not depend on the backend."""
    async with running_bot(sqlite_url, clock) as running:
        yield running
