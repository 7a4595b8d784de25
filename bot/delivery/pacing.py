"""How fast each platform may be called: an overall and a per-chat rate, and pauses.

The overall limiter is a leaky bucket (aiolimiter) with room for one call, so calls are spread
evenly instead of bursting at the start of each second. A chat's next call is due a period after
its last call went out (not after its last turn was granted: a call can wait long for the overall
turn). A platform's "retry after N seconds" pauses that platform only; the others keep going.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from aiolimiter import AsyncLimiter

from bot.delivery.results import Pace

JITTER = 1.05  # per-chat spacing a little wider than the limit: clocks and networks wobble
CHATS_KEPT = 20_000  # chats whose last call is remembered; the oldest are dropped


@dataclass(frozen=True, slots=True)
class Rate:
    per_s: float  # all chats together
    per_chat_per_s: float


class Pacing:
    def __init__(
        self,
        rates: Mapping[str, Rate],
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rates = dict(rates)
        self._overall = {name: AsyncLimiter(1, 1 / rate.per_s) for name, rate in rates.items()}
        self._chats: dict[str, OrderedDict[str, float]] = {n: OrderedDict() for n in rates}
        self._paused_until: dict[str, float] = {}
        self._sleep, self._clock = sleep, clock

    def pause(self, channel: str, seconds: float) -> None:
        until = self._clock() + max(seconds, 0.0)
        self._paused_until[channel] = max(self._paused_until.get(channel, 0.0), until)

    def paused_for(self, channel: str) -> float:
        return max(self._paused_until.get(channel, 0.0) - self._clock(), 0.0)

    def pace(self, channel: str, chat_id: str | None) -> Pace:
        """What to await before each call: a pause, the chat's next slot, the channel's turn.
        `chat_id` None: an answer to someone who just wrote, paced only overall."""

        async def wait() -> None:
            while True:
                while (left := self._due_in(channel, chat_id)) > 0:
                    await self._sleep(left)
                await self._overall[channel].acquire()
                # A pause begun, or another call to the chat made, while this one waited for its
                # turn is waited out too, and the turn taken again.
                if self._due_in(channel, chat_id) == 0:
                    self._chat_called(channel, chat_id)
                    return

        return wait

    def _due_in(self, channel: str, chat_id: str | None) -> float:
        """Seconds until the channel's pause ends and the chat's next call is due."""
        chat = self._chats[channel].get(chat_id, 0.0) if chat_id is not None else 0.0
        return max(self.paused_for(channel), chat - self._clock(), 0.0)

    def _chat_called(self, channel: str, chat_id: str | None) -> None:
        if chat_id is None:
            return
        chats = self._chats[channel]
        chats[chat_id] = self._clock() + JITTER / self._rates[channel].per_chat_per_s
        chats.move_to_end(chat_id)
        if len(chats) > CHATS_KEPT:
            chats.popitem(last=False)
