"""The database engine and the one way to open a unit of work: `async with db.transaction()`."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session

from storage import sqlite

T = TypeVar("T")
_ASYNC_DRIVERS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg"}


def async_url(url: str) -> URL:
    """The URL with its async driver: `postgresql://…` becomes `postgresql+asyncpg://…`."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in _ASYNC_DRIVERS:
        raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")
    return parsed.set(drivername=_ASYNC_DRIVERS[backend])


class HoldingSession(Session):
    """A session that keeps every row it loaded or wrote until it is dropped: a unit looked up
    twice while one message is handled is read from the database once. (The identity map alone
    holds rows weakly, so a row nobody holds is forgotten and read again.)"""


def _hold(session: Session, instance: object) -> None:
    session.info.setdefault("held", []).append(instance)


for _moment in ("loaded_as_persistent", "pending_to_persistent", "detached_to_persistent"):
    event.listen(HoldingSession, _moment, _hold)


def held(session: AsyncSession, kind: type[T], **columns: object) -> T | None:
    """A row of `kind` with these column values that the session already holds: a query for
    it would hand back this same object (the ORM keeps what it loaded), after a trip to the
    database."""
    for instance in session.sync_session.info.get("held", ()):
        if type(instance) is not kind or not inspect(instance).persistent:
            continue
        if all(getattr(instance, name) == value for name, value in columns.items()):
            return instance
    return None


class Database:
    """Owns the engine; SQLite writers are queued in process so they never spin on a busy file."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = async_url(url)
        self.backend = self.url.get_backend_name()
        options: dict[str, Any] = {}
        if self.backend == "sqlite":
            if self.url.database and self.url.database != ":memory:":
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
                # one trip to the connection's thread per statement, not four (storage/sqlite.py)
                options.update(async_creator=partial(sqlite.connect, self.url.database))
        else:  # a server may drop idle connections; a local file cannot
            options.update(pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
        self.engine: AsyncEngine = create_async_engine(self.url, **options)
        self.sessions = async_sessionmaker(
            self.engine, expire_on_commit=False, sync_session_class=HoldingSession
        )
        self._write_lock: asyncio.Lock | None = None
        if self.backend == "sqlite":
            _tune_sqlite(self.engine)
            self._write_lock = asyncio.Lock()

    @contextlib.asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One session and one transaction: committed on success, rolled back on any error.

        The commit or rollback runs to its end even when the task is cancelled meanwhile (a
        shutdown): cut short, it would leave SQLite's write lock held by a pooled connection.
        """
        if self._write_lock is not None:
            await self._write_lock.acquire()
        try:
            session = self.sessions()
        except BaseException:
            self._release()
            raise
        try:
            yield session
        except BaseException:
            await asyncio.shield(self._end(session, commit=False))
            raise
        await asyncio.shield(self._end(session, commit=True))

    async def _end(self, session: AsyncSession, *, commit: bool) -> None:
        released = False
        try:
            if commit:
                await session.commit()
                # Committed: the next writer need not wait for this connection's return to the
                # pool (a reset of a connection with no transaction left).
                self._release()
                released = True
        finally:
            try:
                await session.close()  # rolls back what was not committed
            finally:
                if not released:
                    self._release()

    def _release(self) -> None:
        if self._write_lock is not None:
            self._write_lock.release()

    async def ping(self) -> None:
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.engine.dispose()


def _tune_sqlite(engine: AsyncEngine) -> None:
    """WAL, foreign keys, and BEGIN IMMEDIATE so a reader never has to upgrade to a writer."""

    @event.listens_for(engine.sync_engine, "connect")
    def on_connect(dbapi_connection: Any, _: Any) -> None:
        # The driver's own transaction handling would defer BEGIN; we emit it ourselves below.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in (
            "journal_mode=WAL",
            "synchronous=NORMAL",
            "foreign_keys=ON",
            "busy_timeout=15000",
        ):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def on_begin(connection: Any) -> None:
        driver = connection.connection.driver_connection
        if isinstance(driver, sqlite.Connection):
            driver.begin = "BEGIN IMMEDIATE"  # run with the first statement, in its trip
        else:  # an in-memory database, on aiosqlite's own connection
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def dialect_insert(session: AsyncSession, table: Any) -> Any:
    """INSERT … ON CONFLICT for the session's backend (both dialects share the API)."""
    from sqlalchemy.dialects import postgresql, sqlite

    insert = (
        postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    )
    return insert(table)
