"""The values that cross layers: what came in, what goes out, what a handler may touch."""

from __future__ import annotations

import base64
import dataclasses
import gettext
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Literal, Protocol

from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.campaign import Campaign, Language
from handlers.library import Library
from storage.models import Account, Conversation

Channel = Literal["telegram", "zalo_oa", "zalo_bot", "web"]
PAYLOAD_LIMIT = 64  # Telegram's callback_data limit, in bytes
# A platform that lets the bot write first only for a while after the person's last message:
# a Zalo OA sends consultation messages within 7 days of it.
REPLY_WINDOWS: Mapping[str, timedelta] = {"zalo_oa": timedelta(days=7)}


class Reachable(Protocol):
    @property
    def channel(self) -> str: ...
    @property
    def blocked(self) -> bool: ...
    @property
    def last_inbound_at(self) -> datetime | None: ...


def why_unreachable(account: Reachable, now: datetime) -> str | None:
    """ "blocked" (the platform refuses), "window" (Zalo OA, no message for 7 days), or None."""
    if account.blocked:
        return "blocked"
    window = REPLY_WINDOWS.get(account.channel)
    last = account.last_inbound_at
    if window is not None and (last is None or now - last > window):
        return "window"
    return None


@dataclass(frozen=True, slots=True)
class Identity:
    channel: Channel
    user_id: str


@dataclass(frozen=True, slots=True)
class Incoming:
    identity: Identity
    chat_id: str
    event_id: str  # the platform's id, for de-duplication
    received_at: datetime
    text: str = ""
    payload: str | None = None  # what a pressed button stands for
    locale_hint: str | None = None
    display_name: str | None = None
    attachments: tuple[Attachment, ...] = ()  # a photo or file the person sent
    origin: str | None = None  # the client's address (web), for limits that sessions share

    @property
    def command(self) -> str | None:
        """'register' for "/register", "/Register 2024" and "/register@ThiDuaBot"."""
        if not self.text.startswith("/"):
            return None
        head = self.text.split(maxsplit=1)[0]
        return head[1:].partition("@")[0].lower() or None

    @property
    def args(self) -> str:
        """What follows the command: "ABCD-EFGH" for "/start ABCD-EFGH"."""
        if self.command is None:
            return ""
        parts = self.text.split(maxsplit=1)
        return parts[1].strip() if len(parts) > 1 else ""


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    payload: str
    shortcut: bool = False  # only saves typing the label; left out where buttons become a list

    def __post_init__(self) -> None:
        if len(self.payload.encode()) > PAYLOAD_LIMIT:
            raise ValueError(f"button payload over {PAYLOAD_LIMIT} bytes: {self.payload!r}")


@dataclass(frozen=True, slots=True)
class Attachment:
    kind: Literal["image", "document"]
    name: str  # the file name people see, e.g. "dang-ky-thi-dua.xlsx"
    data: bytes = b""
    ref: str | None = None  # a stored file (media token): queued once, not once per recipient


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    edit: bool = False  # replace the message whose button was pressed, where the channel can
    # Line openings shown bold where the channel can ("Danh hiệu tập thể:" in a summary); a
    # line that begins with one, after an optional "• ", has it in bold. Plain elsewhere.
    strong: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The form a Reply has in the outbox and in the web chat's API."""
        return {
            "text": self.text,
            "buttons": [{"label": b.label, "payload": b.payload} for b in self.buttons],
            "attachments": [_attachment_json(a) for a in self.attachments],
            **({"edit": True} if self.edit else {}),
            **({"strong": list(self.strong)} if self.strong else {}),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Reply:
        buttons = tuple(
            Button(str(b["label"]), str(b["payload"])) for b in data.get("buttons") or ()
        )
        attachments = tuple(
            Attachment(
                kind="image" if a.get("kind") == "image" else "document",
                name=str(a.get("name") or "file"),
                data=base64.b64decode(a["data"]) if a.get("data") else b"",
                ref=a.get("ref"),
            )
            for a in data.get("attachments") or ()
        )
        return cls(
            str(data.get("text", "")),
            buttons,
            attachments,
            edit=bool(data.get("edit", False)),
            strong=tuple(str(s) for s in data.get("strong") or ()),
        )


def pack(replies: Sequence[Reply]) -> dict[str, Any]:
    """Replies as one outbox payload."""
    return {"replies": [reply.to_json() for reply in replies]}


def unpack(payload: Mapping[str, Any]) -> list[Reply]:
    """An outbox payload's replies (a lone reply, the older form, is read too)."""
    if "replies" in payload:
        return [Reply.from_json(reply) for reply in payload["replies"]]
    return [Reply.from_json(payload)]


def _attachment_json(attachment: Attachment) -> dict[str, Any]:
    stored: dict[str, Any] = {"kind": attachment.kind, "name": attachment.name}
    if attachment.ref is not None:
        stored["ref"] = attachment.ref
    else:
        stored["data"] = base64.b64encode(attachment.data).decode()
    return stored


class Speech:
    """Words, moments and numbers in one person's language (`locale`, `catalogs`, `timezone`)."""

    catalogs: Mapping[str, gettext.NullTranslations]
    timezone: tzinfo

    @property
    def locale(self) -> str:
        raise NotImplementedError

    @property
    def translations(self) -> gettext.NullTranslations:
        return self.catalog_for(self.locale)

    def catalog_for(self, locale: str) -> gettext.NullTranslations:
        """Someone's messages (this person's, or another's being told); Vietnamese otherwise."""
        return self.catalogs.get(locale) or self.catalogs["vi"]

    def _(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def when(self, moment: datetime) -> str:
        """A moment in the campaign's timezone, the person's way: '17:00 ngày 31/12/2026'."""
        local = moment.astimezone(self.timezone)
        return self._("{time}, {date}").format(
            time=format_time(local, "short", locale=self.locale),
            # The date pattern is translated: Vietnamese documents write 05/01/2027.
            date=format_date(local, self._("d MMM yyyy"), locale=self.locale),
        )

    def day(self, value: date) -> str:
        return format_date(value, self._("d MMM yyyy"), locale=self.locale)

    def span(self, delta: timedelta) -> str:
        """'3 ngày', '1 ngày 9 giờ', '5 giờ 20 phút', '40 phút': as exact as is useful."""
        minutes = max(1, round(delta.total_seconds() / 60))  # 1:03:59 is "1 hour 4 minutes"
        days, rest = divmod(minutes, 24 * 60)
        hours, minutes = divmod(rest, 60)
        parts = []
        if days:
            parts.append(self.ngettext("{n} day", "{n} days", days).format(n=days))
        if hours and days < 3:
            parts.append(self.ngettext("{n} hour", "{n} hours", hours).format(n=hours))
        if minutes and not days:
            parts.append(self.ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes))
        return " ".join(parts)

    def number(self, value: int) -> str:
        return format_decimal(value, locale=self.locale)

    def percent(self, share: float) -> str:
        """0.375 -> '38%' (whole percent: a phone screen, not a statistics table)."""
        return format_percent(share, "#,##0%", locale=self.locale)

    def text_of(self, localized: Mapping[Language, str]) -> str:
        """Campaign data in the person's language, Vietnamese when there is no other."""
        return localized.get("en" if self.locale == "en" else "vi") or localized["vi"]


@dataclass(frozen=True)
class Voice(Speech):
    """Speech for someone who is not the one writing: a reminder's or a digest's reader."""

    language: str
    catalogs: Mapping[str, gettext.NullTranslations]
    timezone: tzinfo

    moments: dict[datetime, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def locale(self) -> str:
        return self.language

    def when(self, moment: datetime) -> str:
        """As Speech.when, remembered: a tick says the same deadline to thousands of readers."""
        if (said := self.moments.get(moment)) is None:
            said = self.moments[moment] = super().when(moment)
        return said


@dataclass
class Context(Speech):
    """Everything a handler may touch, built by the dispatcher for one update."""

    db: AsyncSession
    account: Account
    conversation: Conversation
    campaign: Campaign
    catalogs: Mapping[str, gettext.NullTranslations]  # by locale; the person's may change
    timezone: tzinfo
    now: Callable[[], datetime]
    knowledge: Library
    language: str | None = None  # this answer's language, where it is not the person's own

    @property
    def locale(self) -> str:
        chosen = self.language or self.account.locale
        return chosen if chosen in self.catalogs else "vi"

    def speaking(self, language: str) -> Context:
        """The same context answering in another language (a question asked in English)."""
        return dataclasses.replace(self, language=language)

    def voice(self, locale: str) -> Voice:
        """How to speak to another person, in their language."""
        return Voice(locale if locale in self.catalogs else "vi", self.catalogs, self.timezone)
