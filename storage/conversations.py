"""Conversation state rows: one per account, saved with an optimistic version check."""

from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.accounts import ensure_account
from storage.models import Account, Conversation, Unit

_OF_ACCOUNT = select(Conversation).where(Conversation.account_id == bindparam("account"))
_WITH_ACCOUNT = (  # the account, its conversation and its unit in one round trip: the unit
    select(Account, Conversation, Unit)  # is then read from the session, not asked for again
    .outerjoin(Conversation, Conversation.account_id == Account.id)
    .outerjoin(Unit, Unit.id == Account.unit_id)
    .where(Account.channel == bindparam("channel"), Account.user_id == bindparam("user_id"))
)


async def load_conversation(db: AsyncSession, account_id: int, at: datetime) -> Conversation:
    found = await db.scalar(_OF_ACCOUNT, {"account": account_id})
    if found is not None:
        return found
    conversation = Conversation(account_id=account_id, step=None, data={}, updated_at=at)
    db.add(conversation)
    await db.flush()
    return conversation


async def open_account(
    db: AsyncSession, channel: str, user_id: str, *, locale: str, at: datetime
) -> tuple[Account, Conversation]:
    """The account for this identity and its conversation, either made on first contact."""
    row = (await db.execute(_WITH_ACCOUNT, {"channel": channel, "user_id": user_id})).first()
    if row is not None and row[1] is not None:
        return row[0], row[1]
    account = row[0] if row is not None else None
    if account is None:
        account = await ensure_account(db, channel, user_id, locale=locale, at=at)
    return account, await load_conversation(db, account.id, at)
