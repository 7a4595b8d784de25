"""Stored OAuth tokens; `lock_token` makes a refresher the only writer until it commits."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import OAuthToken


async def find_token(db: AsyncSession, key: str) -> OAuthToken | None:
    return await db.scalar(select(OAuthToken).where(OAuthToken.key == key))


async def lock_token(db: AsyncSession, key: str) -> OAuthToken | None:
    """The row, locked until the transaction ends (PostgreSQL: FOR UPDATE; SQLite: the
    transaction already holds the database's write lock)."""
    return await db.scalar(select(OAuthToken).where(OAuthToken.key == key).with_for_update())


async def save_token(
    db: AsyncSession, key: str, *, access: str, refresh: str, expires_at: datetime, at: datetime
) -> OAuthToken:
    token = await find_token(db, key)
    if token is None:
        token = OAuthToken(key=key)
        db.add(token)
    token.access_token, token.refresh_token = access, refresh
    token.access_expires_at, token.updated_at = expires_at, at
    await db.flush()
    return token
