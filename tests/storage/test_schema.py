"""Migrations and repositories on real SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect, select
from sqlalchemy.orm.exc import StaleDataError

from storage import accounts, conversations, events, invites
from storage.campaigns import UnitRecord, get_unit, sync_campaign
from storage.db import Database
from storage.migrate import downgrade, is_current, upgrade
from storage.models import Base, Conversation

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
async def db(database_url: str) -> Database:
    database = Database(database_url)
    yield database  # type: ignore[misc]
    await database.dispose()


async def test_the_migrated_schema_matches_the_models(db: Database) -> None:
    async with db.engine.connect() as connection:
        differences = await connection.run_sync(
            lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata)
        )
    assert differences == []
    assert await is_current(db)


async def test_migrations_go_down_to_nothing_and_up_again(db: Database) -> None:
    await downgrade(db, "base")
    async with db.engine.connect() as connection:
        tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
    assert set(tables) <= {"alembic_version"}
    assert not await is_current(db)
    await upgrade(db)
    assert await is_current(db)


async def test_an_event_is_claimed_once(db: Database) -> None:
    async with db.transaction() as session:
        assert await events.claim_event(session, "telegram", "42", NOW)
        assert not await events.claim_event(session, "telegram", "42", NOW)
        assert await events.claim_event(session, "zalo_oa", "42", NOW)


async def test_a_claim_rolled_back_with_its_update_can_be_claimed_again(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction() as session:
            assert await events.claim_event(session, "web", "e1", NOW)
            raise RuntimeError("the handler crashed")
    async with db.transaction() as session:
        assert await events.claim_event(session, "web", "e1", NOW)


async def test_a_stale_conversation_write_loses_instead_of_overwriting(db: Database) -> None:
    async with db.transaction() as session:
        account = await accounts.ensure_account(session, "web", "u1", locale="vi", at=NOW)
        mine = await conversations.load_conversation(session, account.id, NOW)
    async with db.transaction() as session:  # another instance moves the person on
        theirs = await session.scalar(select(Conversation))
        assert theirs is not None
        theirs.goto("pledge.review")
    with pytest.raises(StaleDataError):
        async with db.transaction() as session:  # our copy was read before their change
            session.add(mine)
            mine.goto("pledge.field", field="title")
    async with db.transaction() as session:
        kept = await session.scalar(select(Conversation))
        assert kept is not None and kept.step == "pledge.review"


async def test_two_people_racing_for_one_code_link_only_one(db: Database) -> None:
    async with db.transaction() as session:
        campaign = await sync_campaign(
            session, "c1", "Test", [UnitRecord("AAA", "Unit A", "district", None)], [], NOW
        )
        unit_id = (await session.scalars(select(Base.metadata.tables["unit"].c.id))).one()
        code = invites.new_code()
        await invites.create_invite(
            session,
            code,
            unit_id=unit_id,
            role="leader",
            at=NOW,
            expires_at=NOW.replace(year=2027),
        )
        for user in ("a", "b"):
            await accounts.ensure_account(session, "web", user, locale="vi", at=NOW)
    assert campaign.key == "c1"

    async def redeem(user: str) -> invites.Redeemed:
        async with db.transaction() as session:
            account = await accounts.find_account(session, "web", user)
            assert account is not None
            outcome, _ = await invites.redeem_invite(session, code, account, NOW)
            return outcome

    outcomes = await asyncio.gather(redeem("a"), redeem("b"))
    assert sorted(o.value for o in outcomes) == ["linked", "used"]


async def test_a_row_read_twice_in_one_transaction_is_fetched_once(db: Database) -> None:
    async with db.transaction() as session:
        await sync_campaign(
            session, "c1", "Test", [UnitRecord("AAA", "Unit A", "district", None)], [], NOW
        )
        unit_id = (await session.scalars(select(Base.metadata.tables["unit"].c.id))).one()
    selects: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        selects.extend([statement] if statement.lstrip().upper().startswith("SELECT") else [])

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    async with db.transaction() as session:
        first = (await get_unit(session, unit_id)).name  # nothing holds the row meanwhile
        again = await get_unit(session, unit_id)
    assert first == again.name == "Unit A"
    assert len(selects) == 1
    async with db.transaction() as session:  # a new transaction reads it afresh
        await get_unit(session, unit_id)
    assert len(selects) == 2
