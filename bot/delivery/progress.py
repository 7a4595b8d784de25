"""A broadcast's sender sees it move: a message edited in place on Telegram (every few seconds
at most), a line now and then elsewhere, and one report at the end, sent by one instance."""

from __future__ import annotations

import asyncio
import gettext
import logging
import time
from collections.abc import Callable, Mapping
from datetime import datetime

from bot.delivery.answers import Answers
from bot.delivery.results import Channel, Sent, Target
from handlers.office.broadcast_views import progress_text, report_text
from handlers.types import Button, Reply, pack
from storage import broadcasts, outbox
from storage.db import Database
from storage.models import Account, Broadcast

log = logging.getLogger(__name__)
EDITS_EVERY = 3.0  # seconds between edits of the progress message
LINES_EVERY = 30.0  # seconds between progress lines where messages cannot be edited


class BroadcastProgress:
    def __init__(
        self,
        db: Database,
        channels: Mapping[str, Channel],
        answers: Answers,
        catalogs: Mapping[str, gettext.NullTranslations],
        now: Callable[[], datetime],
        *,
        every: float = EDITS_EVERY,
    ) -> None:
        self._db, self._channels, self._answers = db, dict(channels), answers
        self._catalogs, self._now, self._every = catalogs, now, every
        self._shown: dict[int, tuple[int, float]] = {}  # broadcast -> (handled, when shown)

    async def run(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:
                log.exception("broadcast progress round failed")
            await asyncio.sleep(self._every)

    async def tick(self) -> None:
        updates: list[tuple[Broadcast, Account, str]] = []
        async with self._db.transaction() as session:
            for sent in await broadcasts.list_sending(session):
                sender = await session.get(Account, sent.sender_id)
                if sender is None:
                    continue
                catalog = self._catalog(sender.locale)
                figures = await broadcasts.figures(session, sent)
                if await broadcasts.claim_report(session, sent, self._now()):
                    missed = await broadcasts.unit_codes(
                        session, set(sent.units) - figures.units_reached - figures.units_waiting
                    )
                    report = report_text(catalog, sent, figures, missed)
                    await outbox.enqueue(
                        session, sender.id, "report", pack([Reply(report)]), self._now()
                    )
                    self._shown.pop(sent.id, None)
                    continue
                handled = figures.total - figures.pending
                if self._due(sent, sender, handled):
                    updates.append((sent, sender, progress_text(catalog, sent, figures)))
        for sent, sender, text in updates:
            await self._show(sent, sender, text)

    def _due(self, sent: Broadcast, sender: Account, handled: int) -> bool:
        shown, when = self._shown.get(sent.id, (-1, 0.0))
        wait = self._every if sender.channel == "telegram" else LINES_EVERY
        if handled == shown or time.monotonic() - when < wait:
            return False
        self._shown[sent.id] = (handled, time.monotonic())
        return True

    async def _show(self, sent: Broadcast, sender: Account, text: str) -> None:
        stop = Button(self._catalog(sender.locale).gettext("Stop sending"), f"bcx:stop:{sent.id}")
        channel = self._channels.get(sender.channel)
        if channel is None:  # the web page (or a platform another instance serves)
            async with self._db.transaction() as session:
                await outbox.enqueue(
                    session, sender.id, "progress", pack([Reply(text, (stop,))]), self._now()
                )
            return
        chat = sender.chat_id or sender.user_id
        editable = sender.channel == "telegram" and sent.progress_message is not None
        target = Target(
            channel.name,
            chat,
            sender.user_id,
            pressed=sent.progress_message if editable else None,
            last_inbound_at=sender.last_inbound_at,
        )
        result = await self._answers.deliver(
            channel, target, [Reply(text, (stop,), edit=editable)]
        )
        first = sender.channel == "telegram" and not editable
        if first and isinstance(result, Sent) and result.message_ids:
            async with self._db.transaction() as session:
                await broadcasts.set_progress_message(
                    session, sent.id, chat, result.message_ids[-1]
                )

    def _catalog(self, locale: str) -> gettext.NullTranslations:
        return self._catalogs.get(locale) or self._catalogs.get("vi") or gettext.NullTranslations()
