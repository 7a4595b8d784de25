"""Files served by link for a short while: platforms fetch images from a URL, not an upload."""

import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Media


async def put_media(
    db: AsyncSession,
    name: str,
    content_type: str,
    data: bytes,
    at: datetime,
    *,
    keep: timedelta | None = None,
) -> Media:
    """A file under an unguessable token; `keep` holds it longer than the usual week."""
    media = Media(
        token=secrets.token_urlsafe(24),
        name=name,
        content_type=content_type,
        data=data,
        created_at=at,
        keep_until=at + keep if keep is not None else None,
    )
    db.add(media)
    await db.flush()
    return media


async def find_media(db: AsyncSession, token: str) -> Media | None:
    return await db.scalar(select(Media).where(Media.token == token))


async def forget_media_before(db: AsyncSession, before: datetime, now: datetime) -> None:
    await db.execute(
        delete(Media).where(
            Media.created_at < before, or_(Media.keep_until.is_(None), Media.keep_until < now)
        )
    )


def is_kept(found: Media, fresh_after: datetime, now: datetime) -> bool:
    """Still served: made within the usual week, or held longer on purpose."""
    return found.created_at >= fresh_after or (
        found.keep_until is not None and found.keep_until >= now
    )
