"""Conversation state rows: one per account, saved with an optimistic version check."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Conversation


async def load_conversation(db: AsyncSession, account_id: int, at: datetime) -> Conversation:
    found = await db.scalar(select(Conversation).where(Conversation.account_id == account_id))
    if found is not None:
        return found
    conversation = Conversation(account_id=account_id, step=None, data={}, updated_at=at)
    db.add(conversation)
    await db.flush()
    return conversation
