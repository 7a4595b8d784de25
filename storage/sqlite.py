"""SQLite through aiosqlite with one trip to the connection's thread per statement.

aiosqlite runs each sqlite3 call on the connection's own thread. Through SQLAlchemy's adapter a
statement makes four trips there (open a cursor, execute, fetch the rows, close), and each trip
waits for the event loop to come round again. SQLite takes one writer at a time, so a message's
transaction holds the write lock across all of its trips: at 200 people writing at once, the
lock was held 98% of the time and the trips, not the work, set the pace.

Here the cursor SQLAlchemy opens is only a record: `execute` opens a sqlite3 cursor, runs the
statement, reads every row and closes it in one trip, which is what the adapter does next
anyway (it reads all rows at once). Rows, description, rowcount and lastrowid are kept for the
adapter to read. Everything else is aiosqlite's own connection, but for two more trips saved
on every transaction: its BEGIN rides with its first statement, and a commit or rollback with
no transaction open (the pool's rollback of a connection given back after a commit) stays on
this side.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import aiosqlite

Outcome = tuple[Any, int, int | None, list[Any]]  # description, rowcount, lastrowid, rows


def _run(db: sqlite3.Connection, sql: str, parameters: Any, *, many: bool, begin: str) -> Outcome:
    """On the connection's thread: the transaction begun if it waits to be, the statement run,
    its rows read, its cursor closed."""
    cursor = db.cursor()
    try:
        if begin:
            cursor.execute(begin)
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class Cursor:
    """The cursor SQLAlchemy's aiosqlite adapter uses: its trips are one per statement."""

    arraysize = 1

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._rows: deque[Any] = deque()
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Any = None) -> Cursor:
        await self._trip(partial(_run, sql=sql, parameters=parameters or (), many=False))
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> Cursor:
        await self._trip(partial(_run, sql=sql, parameters=parameters, many=True))
        return self

    async def _trip(self, run: Callable[..., Outcome]) -> None:
        db = self._connection._conn  # raises when the connection is closed, as aiosqlite does
        begin, self._connection.begin = self._connection.begin, ""
        outcome: Outcome = await self._connection._execute(run, db, begin=begin)  # type: ignore[no-untyped-call]
        self.description, self.rowcount, self.lastrowid, rows = outcome
        self._rows = deque(rows)

    async def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> Sequence[Any]:
        count = min(self.arraysize if size is None else size, len(self._rows))
        return [self._rows.popleft() for _ in range(count)]

    async def fetchall(self) -> Sequence[Any]:
        rows = list(self._rows)
        self._rows.clear()
        return rows

    async def close(self) -> None:
        self._rows.clear()  # the sqlite3 cursor closed with its statement

    async def setinputsizes(self, *_: Any) -> None:
        return None


class Connection(aiosqlite.Connection):
    """aiosqlite's connection, whose cursors make one trip per statement."""

    def __init__(self, database: str) -> None:
        super().__init__(partial(sqlite3.connect, database), iter_chunk_size=64)
        self._thread.daemon = True  # as SQLAlchemy sets it: an unclosed one never blocks exit
        self.begin = ""  # the BEGIN that runs on the next trip, before its statement

    def cursor(self) -> Cursor:  # type: ignore[override]
        return Cursor(self)

    async def commit(self) -> None:
        self.begin = ""  # begun and ended with no statement between: nothing to do
        if self.in_transaction:  # read here, as aiosqlite reads it: the thread is idle
            await super().commit()

    async def rollback(self) -> None:
        self.begin = ""
        if self.in_transaction:
            await super().rollback()


async def connect(database: str) -> Connection:
    """An open connection to the file, for `create_async_engine(async_creator=…)`."""
    connection = Connection(database)
    await connection  # starts its thread and opens the file there
    return connection
