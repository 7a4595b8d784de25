"""SQLite's one-trip cursor (storage/sqlite.py) under SQLAlchemy, on a real file."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from storage import events
from storage.db import Database
from storage.models import ProcessedEvent
from storage.sqlite import Connection

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


@pytest.fixture
async def db(sqlite_url: str) -> AsyncIterator[Database]:
    database = Database(sqlite_url)
    yield database
    await database.dispose()


async def test_connections_are_the_one_trip_kind(db: Database) -> None:
    async with db.engine.connect() as connection:
        raw = await connection.get_raw_connection()
        assert isinstance(raw.driver_connection, Connection)


async def test_rows_counts_and_new_ids_come_back_as_sqlite_gives_them(db: Database) -> None:
    async with db.transaction() as session:
        first = ProcessedEvent(channel="web", event_id="a", seen_at=NOW)
        session.add(first)
        await session.flush()  # the id comes from the cursor's lastrowid
        assert first.id is not None
        await session.execute(  # several rows in one statement
            insert(ProcessedEvent),
            [{"channel": "web", "event_id": f"m{n}", "seen_at": NOW} for n in range(5)],
        )
        changed = await session.execute(
            update(ProcessedEvent)
            .where(ProcessedEvent.event_id.like("m%"))
            .values(replies={"seen": True})
        )
        assert changed.rowcount == 5  # type: ignore[attr-defined]
        none = await session.execute(
            update(ProcessedEvent).where(ProcessedEvent.event_id == "nobody").values(replies={})
        )
        assert none.rowcount == 0  # type: ignore[attr-defined]
        ids = (await session.scalars(select(ProcessedEvent.id).order_by(ProcessedEvent.id))).all()
        assert len(ids) == 6 and ids[0] == first.id
        assert await session.scalar(select(func.count()).select_from(ProcessedEvent)) == 6
        streamed = [row async for row in await session.stream_scalars(select(ProcessedEvent.id))]
        assert sorted(streamed) == sorted(ids)


async def test_a_refused_statement_raises_and_the_next_transaction_works(db: Database) -> None:
    async with db.transaction() as session:
        assert await events.claim_event(session, "web", "x", NOW)
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            session.add(ProcessedEvent(channel="web", event_id="x", seen_at=NOW))
            await session.flush()
    async with db.transaction() as session:
        assert await events.claim_event(session, "web", "y", NOW)
        assert await session.scalar(text("SELECT count(*) FROM processed_event")) == 2


async def test_writers_at_once_are_all_kept(db: Database) -> None:
    async def claim(n: int) -> bool:
        async with db.transaction() as session:
            return await events.claim_event(session, "telegram", str(n % 50), NOW)

    claimed = await asyncio.gather(*(claim(n) for n in range(200)))
    assert sum(claimed) == 50  # each id once, whatever the order
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(ProcessedEvent)) == 50


async def traced(db: Database) -> list[str]:
    """The statements SQLite runs from now on, on the pool's one connection (the tests use it
    one transaction at a time, so the pool never opens a second)."""
    ran: list[str] = []
    async with db.engine.connect() as connection:
        raw = await connection.get_raw_connection()
        await raw.driver_connection.set_trace_callback(ran.append)
        await connection.rollback()
    ran.clear()
    return ran


async def test_a_transaction_begins_with_its_first_statement_and_ends_once(db: Database) -> None:
    ran = await traced(db)
    async with db.transaction() as session:
        assert await events.claim_event(session, "web", "a", NOW)
        assert await session.scalar(select(func.count()).select_from(ProcessedEvent)) == 1
    assert ran[0] == "BEGIN IMMEDIATE" and ran[-1] == "COMMIT", ran
    assert len(ran) == 4, ran  # no ROLLBACK when the connection goes back to the pool
    ran.clear()
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            session.add(ProcessedEvent(channel="web", event_id="a", seen_at=NOW))
            await session.flush()
    assert ran[0] == "BEGIN IMMEDIATE" and ran[-1] == "ROLLBACK", ran
    assert sum(s in {"COMMIT", "ROLLBACK"} for s in ran) == 1, ran


async def test_a_transaction_holds_the_write_lock_from_its_first_read(
    db: Database, sqlite_url: str
) -> None:
    async with db.transaction() as session:
        await events.claim_event(session, "web", "a", NOW)
    other = sqlite3.connect(make_url(sqlite_url).database, timeout=0, isolation_level=None)
    try:
        async with db.transaction() as session:
            assert await session.scalar(select(func.count()).select_from(ProcessedEvent)) == 1
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute(
                    "INSERT INTO processed_event (channel, event_id, seen_at) "
                    "VALUES ('web', 'b', '2026-11-30')"
                )
        other.execute(
            "INSERT INTO processed_event (channel, event_id, seen_at) "
            "VALUES ('web', 'b', '2026-11-30')"
        )  # free once it ends
    finally:
        other.close()
