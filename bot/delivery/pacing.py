"""How fast each platform may be called: an overall and a per-chat rate, and pauses.

The limiters are leaky buckets (aiolimiter) with room for one call, so calls are spread
evenly instead of bursting at the start of each second. A platform's "retry after N seconds"
pauses that platform only; the others keep going.
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
CHATS_KEPT = 20_000  # per-chat limiters remembered; the oldest idle ones are dropped


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
        self._chats: dict[str, OrderedDict[str, AsyncLimiter]] = {n: OrderedDict() for n in rates}
        self._paused_until: dict[str, float] = {}
        self._sleep, self._clock = sleep, clock

    def rate(self, channel: str) -> Rate:
        return self._rates[channel]

    def pause(self, channel: str, seconds: float) -> None:
        until = self._clock() + max(seconds, 0.0)
        self._paused_until[channel] = max(self._paused_until.get(channel, 0.0), until)

    def paused_for(self, channel: str) -> float:
        return max(self._paused_until.get(channel, 0.0) - self._clock(), 0.0)

    def pace(self, channel: str, chat_id: str | None) -> Pace:
        """What to await before each call: a pause, the channel's turn, then the chat's turn.
        `chat_id` None: an answer to someone who just wrote, paced only overall."""

        async def wait() -> None:
            while True:
                while (left := self.paused_for(channel)) > 0:
                    await self._sleep(left)
                if chat_id is not None:
                    await self._chat(channel, chat_id).acquire()
                await self._overall[channel].acquire()
                if self.paused_for(channel) == 0:  # a pause begun while waiting for the turn
                    return  # is waited out too, then the turn is taken again

        return wait

    def _chat(self, channel: str, chat_id: str) -> AsyncLimiter:
        chats = self._chats[channel]
        limiter = chats.get(chat_id)
        if limiter is None:
            period = JITTER / self._rates[channel].per_chat_per_s
            limiter = chats[chat_id] = AsyncLimiter(1, period)
            if len(chats) > CHATS_KEPT:
                chats.popitem(last=False)
        else:
            chats.move_to_end(chat_id)
        return limiter
