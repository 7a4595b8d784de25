"""The audit log: who changed roles, links, locks and invites, and when."""

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditLog


async def record(
    db: AsyncSession, at: datetime, actor: str, action: str, detail: str = ""
) -> None:
    db.add(AuditLog(at=at, actor=actor, action=action, detail=detail))
    await db.flush()
