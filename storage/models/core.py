"""The tables of the movement: campaigns, units, people, pledges, conversations, questions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime on every backend (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(AsyncAttrs, DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {datetime: UtcDateTime, dict[str, Any]: JSON}


class Campaign(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    loaded_at: Mapped[datetime]
    ticked_at: Mapped[datetime | None]  # the reminder clock's last tick: later moments are due


class Unit(Base):
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("campaign_id", "code"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    group: Mapped[str | None] = mapped_column(String(64))
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    active: Mapped[bool] = mapped_column(default=True)


class Deadline(Base):
    __tablename__ = "deadline"
    __table_args__ = (UniqueConstraint("campaign_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    key: Mapped[str] = mapped_column(String(32))
    due_at: Mapped[datetime]
    audience: Mapped[str] = mapped_column(String(32), default="all")
    done_when: Mapped[str] = mapped_column(String(32), default="nothing")
    # reminder steps up to this moment have been looked at (a quiet night leaves it behind)
    checked_at: Mapped[datetime | None]


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("channel", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(128))
    display_name: Mapped[str | None] = mapped_column(String(255))
    locale: Mapped[str] = mapped_column(String(8))
    role: Mapped[str] = mapped_column(String(16), default="leader")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    created_at: Mapped[datetime]
    last_inbound_at: Mapped[datetime | None]
    blocked: Mapped[bool] = mapped_column(default=False)  # the platform refuses to deliver
    blocked_reason: Mapped[str | None] = mapped_column(String(255))
    blocked_at: Mapped[datetime | None]
    link_failures: Mapped[int] = mapped_column(default=0)
    link_blocked_until: Mapped[datetime | None]
    # where the bot writes first: the private chat, or the group the person wrote from
    chat_id: Mapped[str | None] = mapped_column(String(128))
    digest: Mapped[bool] = mapped_column(default=True)  # staff: the morning digest
    # the last message with buttons queued for this person by the bot on its own (a reminder)
    pushed_at: Mapped[datetime | None]

    @property
    def settled(self) -> bool:
        """Acts for a unit, or for the office (granted without an invite)."""
        return self.unit_id is not None or self.role != "leader"


class Invite(Base):
    __tablename__ = "invite"
    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    used_at: Mapped[datetime | None]


class LinkFailure(Base):
    """A wrong invite code: counted per client address and overall, beside each account's own
    count, so that fresh sessions give no fresh guesses."""

    __tablename__ = "link_failure"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"))
    origin: Mapped[str | None] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(index=True)


class WebDevice(Base):
    """A browser that opens the web chat: its cookie's token is kept only as a hash. Several
    devices can open one account (`user_id`); revoking ends them."""

    __tablename__ = "web_device"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(String(128), index=True)
    created_at: Mapped[datetime]
    seen_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    revoked_at: Mapped[datetime | None]
    inbox_after: Mapped[int] = mapped_column(default=0)  # the last outbox row this device took


class DeviceCode(Base):
    """A short-lived code shown on one device (/link) that opens the same account on another."""

    __tablename__ = "device_code"
    id: Mapped[int] = mapped_column(primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None]


class Pledge(Base):
    __tablename__ = "pledge"
    __table_args__ = (UniqueConstraint("unit_id", "campaign_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    unlocked_until: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class PledgeRevision(Base):
    __tablename__ = "pledge_revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledge.id"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    by_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    at: Mapped[datetime]


class ProcessedEvent(Base):
    __tablename__ = "processed_event"
    __table_args__ = (UniqueConstraint("channel", "event_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str] = mapped_column(String(128))
    seen_at: Mapped[datetime] = mapped_column(index=True)
    # what a web request was answered (files as stored links): its retry gets the same
    replies: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class Conversation(Base):
    """Where an account is in a flow; the version makes a concurrent writer fail, not overwrite."""

    __tablename__ = "conversation"
    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), unique=True)
    step: Mapped[str | None] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def goto(self, step: str | None, **data: Any) -> None:
        """Move to a step with fresh step data (JSON columns only notice reassignment)."""
        self.step = step
        self.data = dict(data)

    def put(self, **data: Any) -> None:
        self.data = {**self.data, **data}


class AuditLog(Base):
    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(160))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text, default="")


class OAuthToken(Base):
    """A platform's rotating token pair (Zalo OA): written before it is used, by one writer."""

    __tablename__ = "oauth_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)
    access_token: Mapped[str] = mapped_column(Text)
    refresh_token: Mapped[str] = mapped_column(Text)
    access_expires_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Media(Base):
    """A file the bot sends by link (platforms that fetch images from a URL)."""

    __tablename__ = "media"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(index=True)
    keep_until: Mapped[datetime | None]  # a broadcast's file outlives the usual week


class FaqAdded(Base):
    """An answer staff gave that now answers the same question for everyone."""

    __tablename__ = "faq_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    added_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    added_at: Mapped[datetime]


class Question(Base):
    """A question the bot could not answer, forwarded to the emulation office."""

    __tablename__ = "question"
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    asker_id: Mapped[int] = mapped_column(ForeignKey("account.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | answered
    answer: Mapped[str | None] = mapped_column(Text)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    asked_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    faq_id: Mapped[int | None] = mapped_column(ForeignKey("faq_entry.id"))
