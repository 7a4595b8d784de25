"""The outbox on both databases: a claimed row is not handed to a second worker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from storage import accounts, outbox
from storage.db import Database

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
async def db(database_url: str) -> Database:
    database = Database(database_url)
    async with database.transaction() as session:
        person = await accounts.ensure_account(session, "telegram", "42", locale="vi", at=NOW)
        for n in range(3):
            await outbox.enqueue(session, person.id, "answer", {"text": f"#{n}"}, NOW)
    yield database  # type: ignore[misc]
    await database.dispose()


async def test_a_claimed_row_waits_out_its_lease(db: Database) -> None:
    async with db.transaction() as session:
        first = await outbox.claim_due(session, NOW, channels=("telegram",))
    async with db.transaction() as session:
        again = await outbox.claim_due(session, NOW, channels=("telegram",))
        assert await outbox.claim_due(session, NOW, channels=("zalo_bot",)) == []
    assert [row.payload["text"] for row, _ in first] == ["#0", "#1", "#2"] and again == []
    async with db.transaction() as session:
        await outbox.mark_sent(session, first[0][0].id, NOW)
        await outbox.mark_failed(session, first[1][0].id, "429", NOW, retry_in=timedelta(0))
        await outbox.mark_failed(session, first[2][0].id, "blocked", NOW, retry_in=None)
    async with db.transaction() as session:
        later = await outbox.claim_due(session, NOW + timedelta(minutes=3), channels=("telegram",))
    assert [row.payload["text"] for row, _ in later] == ["#1"]  # sent and given up are done


async def test_two_workers_at_once_never_get_the_same_row(db: Database) -> None:
    if db.backend != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the lease test covers it")
    first, second = db.sessions(), db.sessions()
    try:
        async with first.begin():
            taken = await outbox.claim_due(first, NOW, channels=("telegram",), limit=2)
            async with second.begin():  # while the first has not committed
                rest = await outbox.claim_due(second, NOW, channels=("telegram",))
    finally:
        await first.close()
        await second.close()
    assert {row.id for row, _ in taken}.isdisjoint({row.id for row, _ in rest})
    assert len(taken) == 2 and len(rest) == 1
