"""Chat accounts: one per (channel, user id), with locale, role and linked unit."""

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import dialect_insert
from storage.models import Account

ROLES = ("leader", "staff", "admin")


# Built once: SQLAlchemy's compiled-statement cache is then hit without building it again.
_FIND = select(Account).where(
    Account.channel == bindparam("channel"), Account.user_id == bindparam("user_id")
)


async def find_account(db: AsyncSession, channel: str, user_id: str) -> Account | None:
    return await db.scalar(_FIND, {"channel": channel, "user_id": user_id})


async def ensure_account(
    db: AsyncSession, channel: str, user_id: str, *, locale: str, at: datetime
) -> Account:
    """The account for this identity, created on first contact (safe against a racing twin)."""
    if (account := await find_account(db, channel, user_id)) is not None:
        return account
    await db.execute(
        dialect_insert(db, Account)
        .values(
            channel=channel,
            user_id=user_id,
            locale=locale,
            role="leader",
            created_at=at,
            blocked=False,
            link_failures=0,
        )
        .on_conflict_do_nothing(index_elements=["channel", "user_id"])
    )
    account = await find_account(db, channel, user_id)
    assert account is not None
    return account


async def grant_role(
    db: AsyncSession, channel: str, user_id: str, role: str, *, locale: str, at: datetime
) -> Account:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    account = await ensure_account(db, channel, user_id, locale=locale, at=at)
    account.role = role
    await db.flush()
    return account


async def mark_unreachable(
    db: AsyncSession, channel: str, user_id: str, reason: str, at: datetime
) -> None:
    """The platform will not deliver to this person (blocked the bot, left, window closed)."""
    account = await find_account(db, channel, user_id)
    if account is not None:
        account.blocked, account.blocked_reason, account.blocked_at = True, reason[:255], at
        await db.flush()


async def list_office_accounts(db: AsyncSession, channel: str | None) -> list[Account]:
    """Staff and admins, on one channel or (None) on all."""
    office = select(Account).where(Account.role.in_(("staff", "admin"))).order_by(Account.id)
    if channel is not None:
        office = office.where(Account.channel == channel)
    return list(await db.scalars(office))


async def get_account(db: AsyncSession, account_id: int) -> Account | None:
    return await db.get(Account, account_id)


async def unit_leaders(db: AsyncSession, unit_id: int) -> list[Account]:
    """The unit's linked leaders the platforms still deliver to."""
    leaders = select(Account).where(
        Account.unit_id == unit_id, Account.role == "leader", Account.blocked.is_(False)
    )
    return list(await db.scalars(leaders.order_by(Account.id)))
