"""Moving a bot's clock forward tick by tick and noting what each web chat received, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from harness import VN, Bot, Chat, Said


@dataclass(frozen=True)
class Got:
    at: datetime  # local time of the tick after which it was in the inbox
    text: str
    buttons: list[tuple[str, str]]


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VN)


async def run_until(
    bot: Bot, until: datetime, chats: dict[str, Chat], *, every: timedelta = timedelta(hours=1)
) -> dict[str, list[Got]]:
    """Tick at every `every` up to `until`; after each tick, read every chat's inbox."""
    got: dict[str, list[Got]] = {name: [] for name in chats}
    while bot.clock.now() < until:
        bot.clock.set(min(bot.clock.now() + every, until))
        await bot.app.reminders.tick()
        for name, chat in chats.items():
            for said in await chat.inbox():
                got[name].append(Got(bot.clock.now().astimezone(VN), said.text, said.buttons))
    return got


def as_said(got: Got) -> Said:
    """A received reminder as the chat's last message, so that its buttons can be pressed."""
    return Said(got.text, got.buttons)
