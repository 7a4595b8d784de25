"""The dispatcher: de-duplicate, lock the person, run the handler in one transaction."""

from __future__ import annotations

import gettext
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from bot.locks import KeyedLocks
from handlers.campaign import Campaign
from handlers.library import Library
from handlers.router import Router, route
from handlers.text import fold, whole_number
from handlers.types import Button, Context, Identity, Incoming, Reply, unpack
from storage import conversations, events, outbox
from storage.db import Database

log = logging.getLogger(__name__)
INBOUND_GRAIN = 60  # seconds: when the last message in was is kept to the minute
ATTEMPTS = 3  # a concurrent writer (another instance) makes us retry, not overwrite
_LABEL_EDGES = re.compile(r"^[^\w]+|[^\w]+$")


AccountChanged = Callable[[Identity, str, str], Awaitable[None]]  # identity, role, locale


@dataclass(frozen=True, slots=True)
class Services:
    db: Database
    router: Router
    campaign: Campaign
    catalogs: Mapping[str, gettext.NullTranslations]
    timezone: tzinfo
    now: Callable[[], datetime]
    default_locale: str
    knowledge: Library


class Dispatcher:
    def __init__(self, services: Services) -> None:
        self._s = services
        self._locks = KeyedLocks()
        self.on_account_change: list[AccountChanged] = []  # channels that keep per-person menus

    @property
    def knowledge(self) -> Library:
        return self._s.knowledge

    def update(self, **changes: Any) -> None:
        """New services (a reloaded campaign) for the messages that come next."""
        self._s = replace(self._s, **changes)

    async def handle(self, msg: Incoming, *, max_buttons: int | None = None) -> list[Reply]:
        """Replies for one update; [] for a duplicate.

        `max_buttons`: how many buttons the channel can show on a message (None: no limit). A reply
        with more becomes a numbered list, and a typed number then stands for that option.
        """
        async with self._locks.hold(msg.identity):
            for attempt in range(1, ATTEMPTS + 1):
                try:
                    replies, changed = await self._once(msg, max_buttons)
                except StaleDataError:
                    log.info("update %s met a concurrent write (try %d)", msg.event_id, attempt)
                except Exception:
                    log.exception("update %s from %s failed", msg.event_id, msg.identity)
                    break
                else:
                    if changed is not None:
                        await self._account_changed(msg.identity, *changed)
                    return replies
        return [self._sorry(msg)]

    async def _account_changed(self, identity: Identity, role: str, locale: str) -> None:
        for listener in self.on_account_change:
            try:
                await listener(identity, role, locale)
            except Exception:
                log.exception("account change of %s not passed on", identity)

    async def _once(
        self, msg: Incoming, max_buttons: int | None
    ) -> tuple[list[Reply], tuple[str, str] | None]:
        """Replies, and the new (role, locale) when the update changed either."""
        s = self._s
        async with s.db.transaction() as session:
            channel, user_id = msg.identity.channel, msg.identity.user_id
            if not await events.claim_event(session, channel, msg.event_id, s.now()):
                log.info("update %s seen before; skipped", msg.event_id)
                return [], None
            account, conversation = await conversations.open_account(
                session, channel, user_id, locale=self._locale_for(msg), at=s.now()
            )
            last = account.last_inbound_at  # for reply windows (days): a minute's lag is safe
            if last is None or abs((msg.received_at - last).total_seconds()) >= INBOUND_GRAIN:
                account.last_inbound_at = msg.received_at  # not an UPDATE on every message
            account.blocked = False  # whoever writes to us can be written to
            if msg.chat_id == user_id or account.chat_id is None:
                account.chat_id = msg.chat_id  # a private chat wins over a group
            before = (account.role, account.locale)
            if msg.display_name:
                account.display_name = msg.display_name[:255]
            data = conversation.data
            offered, numbered = data.get("_offered", []), bool(data.get("_numbered"))
            pushed_since = account.pushed_at and account.pushed_at > conversation.updated_at
            if pushed_since and _may_be_a_choice(msg):  # buttons the bot sent on its own
                payload = await outbox.latest_pushed(session, account.id, conversation.updated_at)
                pushed = [b for r in unpack(payload or {"replies": []}) for b in r.buttons]
                if pushed:
                    offered = [[fold(_bare(b.label)), b.payload] for b in pushed]
                    # a bare number means an option only outside a flow, where it is no answer
                    numbered = max_buttons is not None and len(pushed) > max_buttons
                    numbered = numbered and conversation.step is None
            msg = _pressed(msg, offered, numbered)
            ctx = Context(
                db=session,
                account=account,
                conversation=conversation,
                campaign=s.campaign,
                catalogs=s.catalogs,
                timezone=s.timezone,
                now=s.now,
                knowledge=s.knowledge,
            )
            replies = await route(s.router, msg, ctx)
            replies, offered, numbered = _fit(replies, max_buttons, ctx)
            conversation.put(
                _offered=[[fold(_bare(b.label)), b.payload] for b in offered], _numbered=numbered
            )
            conversation.updated_at = s.now()
            await session.flush()
            after = (account.role, account.locale)
        return replies, (after if after != before else None)

    def _locale_for(self, msg: Incoming) -> str:
        hint = (msg.locale_hint or "").lower()[:2]
        return hint if hint in self._s.catalogs else self._s.default_locale

    def _sorry(self, msg: Incoming) -> Reply:
        catalog = self._s.catalogs.get(self._locale_for(msg)) or gettext.NullTranslations()
        return Reply(
            catalog.gettext(
                "Sorry, something went wrong on our side and your last message was not "
                "processed. Please send it again in a moment."
            )
        )


def _fit(
    replies: list[Reply], max_buttons: int | None, ctx: Context
) -> tuple[list[Reply], list[Button], bool]:
    """Replies as the channel can show them, the buttons offered, and whether they are numbered."""
    if max_buttons is None:
        return replies, [b for r in replies for b in r.buttons], False
    fitted: list[Reply] = []
    offered: list[Button] = []
    numbered = False
    for reply in replies:
        buttons = [b for b in reply.buttons if not b.shortcut]
        if len(buttons) > max_buttons:
            numbered = True
            first = len(offered) + 1
            lines = [f"{n}. {b.label}" for n, b in enumerate(buttons, start=first)]
            hint = ctx._("Reply with the number of your choice.")
            reply = replace(reply, text="\n".join([reply.text, "", *lines, "", hint]), buttons=())
        else:
            reply = replace(reply, buttons=tuple(buttons))
        offered.extend(buttons)
        fitted.append(reply)
    return fitted, offered, numbered


def _may_be_a_choice(msg: Incoming) -> bool:
    """Short text that is no command: it may be a button's words or its number."""
    return msg.payload is None and msg.command is None and 0 < len(msg.text) <= 60


def _bare(label: str) -> str:
    """A button label without its decoration: '✅ Xác nhận' -> 'Xác nhận'."""
    return _LABEL_EDGES.sub("", label)


def _pressed(msg: Incoming, offered: list[list[str]], numbered: bool) -> Incoming:
    """A typed button label (or, without buttons, its number) counts as pressing the button."""
    if msg.payload is not None or msg.command is not None or not offered:
        return msg
    typed = fold(msg.text)
    if numbered and (n := whole_number(typed)) is not None and 1 <= n <= len(offered):
        return replace(msg, payload=offered[n - 1][1])
    matches = [payload for label, payload in offered if label and label == fold(_bare(msg.text))]
    return replace(msg, payload=matches[0]) if len(matches) == 1 else msg
