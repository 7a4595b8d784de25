"""The tables of delivery: the outbox, broadcasts, reminders and the morning digest."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.core import Base


class Outbox(Base):
    """A message nobody is waiting on an answer for: office answers, broadcasts, reminders.

    A worker claims a due row by taking `owner`, a fresh `claim_token` and a lease
    (`next_attempt_at` pushed ahead, renewed while the send waits); it records the result
    only if the token is still its own, so a row is delivered once even across instances.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    chat_id: Mapped[str | None] = mapped_column(String(128))  # None: the account's own chat
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # pending | sent | failed | unreachable | cancelled
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    owner: Mapped[str | None] = mapped_column(String(64))
    claim_token: Mapped[int] = mapped_column(default=0)
    progress: Mapped[int] = mapped_column(default=0)  # platform messages of it already sent
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcast.id"), index=True)
    reminder_id: Mapped[int | None] = mapped_column(ForeignKey("reminder.id"), index=True)
    message_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class Broadcast(Base):
    """An announcement from the office to an audience, sent through the outbox."""

    __tablename__ = "broadcast"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    sender_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    text: Mapped[str] = mapped_column(Text)
    attachment: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {kind, name, ref}
    audience: Mapped[dict[str, Any]] = mapped_column(default=dict)  # {kind, groups, units}
    ask_ack: Mapped[bool] = mapped_column(default=False)
    # sending | done | cancelled
    status: Mapped[str] = mapped_column(String(16), default="sending")
    units: Mapped[list[int]] = mapped_column(JSON, default=list)  # the units it was meant for
    progress_chat: Mapped[str | None] = mapped_column(String(128))
    progress_message: Mapped[str | None] = mapped_column(String(64))
    reported: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class BroadcastAck(Base):
    """A recipient pressed "Đã nhận" on an announcement."""

    __tablename__ = "broadcast_ack"
    __table_args__ = (UniqueConstraint("broadcast_id", "account_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcast.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    at: Mapped[datetime]


class Reminder(Base):
    """A reminder step claimed for a unit: the unique key makes the claim happen once."""

    __tablename__ = "reminder"
    __table_args__ = (UniqueConstraint("deadline_id", "unit_id", "due_at", "step"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    deadline_id: Mapped[int] = mapped_column(ForeignKey("deadline.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    due_at: Mapped[datetime]  # the deadline it reminds of: a moved deadline starts afresh
    step: Mapped[int]  # days before the deadline; -1, -2 …: the first, second … overdue one
    claimed_at: Mapped[datetime] = mapped_column(index=True)
    reached: Mapped[int] = mapped_column(default=0)  # messages queued for the unit's people


class ReminderSnooze(Base):
    """«Remind me later»: the reminder again for this person at `until`, once."""

    __tablename__ = "reminder_snooze"
    __table_args__ = (
        UniqueConstraint("reminder_id", "account_id"),
        Index("ix_reminder_snooze_due", "sent_at", "until"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminder.id"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    until: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class Digest(Base):
    """The office's morning digest of one day, claimed once."""

    __tablename__ = "digest"
    __table_args__ = (UniqueConstraint("campaign_id", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    day: Mapped[date]
    claimed_at: Mapped[datetime]
    reached: Mapped[int] = mapped_column(default=0)
