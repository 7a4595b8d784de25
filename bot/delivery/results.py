"""What a channel is asked to do (a Target, some Replies) and what it says happened."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.types import Channel as ChannelName
from handlers.types import Reply

Pace = Callable[[], Awaitable[None]]  # awaited before each platform call: the engine's rate


async def no_pace() -> None:
    return None


@dataclass(frozen=True, slots=True)
class Target:
    """Where replies go: a person's chat or a group chat."""

    channel: ChannelName
    chat_id: str
    user_id: str  # the person behind it, marked when the platform says they cannot be reached
    pressed: str | None = None  # the message whose button was pressed: an edit replaces it
    last_inbound_at: datetime | None = None  # for reply windows (Zalo OA: 7 days)


@dataclass(frozen=True, slots=True)
class Sent:
    message_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RetryAfter:
    """The platform asks for a pause; `done` platform messages of the batch went out before."""

    seconds: float
    done: int = 0


@dataclass(frozen=True, slots=True)
class Unreachable:
    """Blocked, left, unfollowed, outside the reply window: trying again will not help."""

    reason: str


@dataclass(frozen=True, slots=True)
class Failed:
    reason: str
    permanent: bool
    done: int = 0


Result = Sent | RetryAfter | Unreachable | Failed


class Channel(Protocol):
    """A platform that pushes messages. It translates and reports; it never retries or sleeps:
    the engine paces each platform call through `pace` and decides what happens next.
    `skip` leaves out the first platform messages of the batch (sent on an earlier try)."""

    @property
    def name(self) -> ChannelName: ...

    async def send(
        self, target: Target, replies: Sequence[Reply], *, pace: Pace = no_pace, skip: int = 0
    ) -> Result: ...
