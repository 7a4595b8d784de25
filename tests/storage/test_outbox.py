"""The outbox on both databases: a claimed row is not handed to a second worker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from handlers.types import Reply, pack, unpack
from storage import accounts, outbox
from storage.db import Database
from storage.outbox import Claim

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    async with database.transaction() as session:
        person = await accounts.ensure_account(session, "telegram", "42", locale="vi", at=NOW)
        for n in range(3):
            await outbox.enqueue(session, person.id, "answer", pack([Reply(f"#{n}")]), NOW)
    yield database
    await database.dispose()


def texts(claims: list[Claim]) -> list[str]:
    return [unpack(claim.payload)[0].text for claim in claims]


async def test_a_claimed_row_waits_out_its_lease(db: Database) -> None:
    async with db.transaction() as session:
        first = await outbox.claim_due(session, NOW, channels=("telegram",), owner="a")
    async with db.transaction() as session:
        again = await outbox.claim_due(session, NOW, channels=("telegram",), owner="b")
        assert await outbox.claim_due(session, NOW, channels=("zalo_bot",), owner="b") == []
    assert texts(first) == ["#0", "#1", "#2"] and again == []
    assert {claim.chat_id for claim in first} == {"42"}  # no chat of its own: the person's
    async with db.transaction() as session:
        assert await outbox.settle(session, first[0], status="sent", at=NOW, message_ids=["9"])
        assert await outbox.settle(
            session, first[1], status="pending", at=NOW, error="429", retry_at=NOW, progress=1
        )
        assert await outbox.settle(session, first[2], status="unreachable", at=NOW)
    async with db.transaction() as session:
        later = await outbox.claim_due(
            session, NOW + timedelta(minutes=3), channels=("telegram",), owner="b"
        )
    assert texts(later) == ["#1"]  # sent and unreachable are done
    assert later[0].attempts == 2 and later[0].progress == 1  # and #1 resumes where it stopped


async def test_a_lease_that_runs_out_hands_the_row_on_and_fences_the_first_owner(
    db: Database,
) -> None:
    async with db.transaction() as session:
        (first,) = await outbox.claim_due(session, NOW, channels=("telegram",), owner="a", limit=1)
    lease_over = NOW + timedelta(seconds=31)
    async with db.transaction() as session:
        (second,) = await outbox.claim_due(
            session, lease_over, channels=("telegram",), owner="b", limit=1
        )
    assert second.row_id == first.row_id and second.token == first.token + 1
    async with db.transaction() as session:
        assert not await outbox.settle(session, first, status="failed", at=lease_over)
        assert await outbox.settle(session, second, status="sent", at=lease_over)
        assert not await outbox.settle(session, first, status="sent", at=lease_over)


async def test_renewing_a_lease_keeps_the_row_and_release_hands_it_back(db: Database) -> None:
    async with db.transaction() as session:
        (claim,) = await outbox.claim_due(session, NOW, channels=("telegram",), owner="a", limit=1)
        await outbox.renew(session, "a", [(claim.row_id, claim.token)], NOW + timedelta(minutes=5))
        await outbox.renew(session, "b", [(claim.row_id, claim.token)], NOW)  # not b's to renew
    later = NOW + timedelta(minutes=1)
    async with db.transaction() as session:
        taken = await outbox.claim_due(session, later, channels=("telegram",), owner="b")
    assert claim.row_id not in {c.row_id for c in taken}
    async with db.transaction() as session:
        await outbox.release(session, "a", later)
        (back,) = await outbox.claim_due(session, later, channels=("telegram",), owner="b")
    assert back.row_id == claim.row_id


async def test_two_workers_at_once_never_get_the_same_row(db: Database) -> None:
    if db.backend != "postgresql":
        pytest.skip("SQLite runs one writer at a time; the lease test covers it")
    first, second = db.sessions(), db.sessions()
    try:
        async with first.begin():
            taken = await outbox.claim_due(first, NOW, channels=("telegram",), owner="a", limit=2)
            async with second.begin():  # while the first has not committed
                rest = await outbox.claim_due(second, NOW, channels=("telegram",), owner="b")
    finally:
        await first.close()
        await second.close()
    assert {c.row_id for c in taken}.isdisjoint({c.row_id for c in rest})
    assert len(taken) == 2 and len(rest) == 1
