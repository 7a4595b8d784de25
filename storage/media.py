"""Files served by link for a short while: platforms fetch images from a URL, not an upload."""

import secrets
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Media


async def put_media(
    db: AsyncSession, name: str, content_type: str, data: bytes, at: datetime
) -> Media:
    media = Media(
        token=secrets.token_urlsafe(24),
        name=name,
        content_type=content_type,
        data=data,
        created_at=at,
    )
    db.add(media)
    await db.flush()
    return media


async def find_media(db: AsyncSession, token: str) -> Media | None:
    return await db.scalar(select(Media).where(Media.token == token))


async def forget_media_before(db: AsyncSession, before: datetime) -> None:
    await db.execute(delete(Media).where(Media.created_at < before))
