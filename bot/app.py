"""The App: builds and owns the database, campaign, catalogs, dispatcher and web server."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

import aiohttp
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession

from bot.catalogs import load_catalogs
from bot.channels.telegram.link import TelegramLink
from bot.channels.web import channel as web_channel
from bot.channels.zalo_bot.link import ZaloBotLink
from bot.channels.zalo_oa.link import ZaloOALink
from bot.delivery.answers import Answers
from bot.delivery.pacing import Pacing, Rate
from bot.delivery.progress import BroadcastProgress
from bot.delivery.results import Channel, Target
from bot.delivery.worker import OutboxWorker
from bot.dispatcher import Dispatcher, Services
from bot.links import FIRST_WAIT, LinkHealth
from bot.media import MediaStore
from bot.scheduler.reminders import Reminders
from bot.scheduler.ticker import Ticker
from bot.settings import Settings, StartupError
from bot.tasks import cancel
from handlers import build_router
from handlers.campaign import Campaign, CampaignError, UnitSpec, load_campaign
from handlers.library import Library
from handlers.types import Reply, pack
from storage import accounts, campaigns, devices, events, invites, outbox
from storage.campaigns import DeadlineRecord, UnitRecord
from storage.db import Database
from storage.migrate import is_current

log = logging.getLogger(__name__)
EVENT_MEMORY = timedelta(days=30)  # platforms stop redelivering an update within hours


def system_now() -> datetime:
    return datetime.now(UTC)


def running_from(start: datetime) -> Callable[[], datetime]:
    """A clock that reads `start` now and runs on from there at the usual pace (demos)."""
    shift = start - system_now()
    return lambda: system_now() + shift


class App:
    def __init__(self, settings: Settings, *, now: Callable[[], datetime] = system_now) -> None:
        self.settings = settings
        self.now = now
        self.db = Database(settings.database_url)
        self.campaign = load_campaign(settings.campaign_file)
        self.catalogs = load_catalogs(settings.locales_dir)
        self.router = build_router()
        self.dispatcher: Dispatcher | None = None
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        self.telegram: TelegramLink | None = None
        self.zalo_bot: ZaloBotLink | None = None
        self.zalo_oa: ZaloOALink | None = None
        self._http: aiohttp.ClientSession | None = None
        self.media = MediaStore(self.db, lambda: self.public_url, now)
        self.outbox: OutboxWorker | None = None
        self._worker: asyncio.Task[None] | None = None
        self.progress: BroadcastProgress | None = None
        self.pacing = Pacing(rates(settings))
        self.answers = Answers(self.pacing, self._mark_unreachable, self._park)
        self._tasks: list[asyncio.Task[None]] = []
        self._bringing_up: list[asyncio.Task[None]] = []
        self.health = LinkHealth()
        self.retry_wait = FIRST_WAIT  # before a down platform's first retry
        self.reminders = Reminders(
            self.db,
            lambda: self.campaign,  # a reloaded campaign file counts from the next tick
            self.catalogs,
            settings.zone,
            now,
            queued=self._wake_worker,
        )
        self.ticker: Ticker | None = None

    def _wake_worker(self) -> None:
        if self.outbox is not None:
            self.outbox.wake()

    @property
    def public_url(self) -> str:
        """This server as platforms reach it: PUBLIC_URL, else the address it listens on."""
        return self.settings.public_url or f"http://{self.settings.http_host}:{self.port}"

    def _links(self) -> list[Link]:
        return [link for link in (self.telegram, self.zalo_bot, self.zalo_oa) if link is not None]

    async def prepare(self) -> None:
        """Check the schema, load the campaign, make BOT_ADMINS admins, forget old event ids."""
        if not await is_current(self.db):
            raise StartupError(
                "the database schema is not up to date: run `python main.py db upgrade`"
            )
        async with self.db.transaction() as session:
            self.campaign = await _sync(session, self.campaign, self.now())
            forgotten = await events.forget_events_before(session, self.now() - EVENT_MEMORY)
            await invites.forget_failures_before(session, self.now() - EVENT_MEMORY)
            await devices.forget_before(session, self.now() - EVENT_MEMORY)
            log.info("forgot %d event ids older than %d days", forgotten, EVENT_MEMORY.days)
            for admin in self.settings.bot_admins:
                channel, _, user_id = admin.partition(":")
                await accounts.grant_role(
                    session,
                    channel,
                    user_id,
                    "admin",
                    locale=self.settings.bot_default_locale,
                    at=self.now(),
                )
        self.dispatcher = Dispatcher(
            Services(
                db=self.db,
                router=self.router,
                campaign=self.campaign,
                catalogs=self.catalogs,
                timezone=self.settings.zone,
                now=self.now,
                default_locale=self.settings.bot_default_locale,
                knowledge=Library(self.campaign),
            )
        )

    async def reload_campaign(self) -> bool:
        """Read the campaign file again; a valid change replaces the campaign (units, form,
        deadlines, knowledge base) for the next message. A broken file keeps the old one."""
        try:
            fresh = load_campaign(self.settings.campaign_file)
        except CampaignError as error:
            log.error("campaign file not reloaded: %s", "; ".join(error.problems))
            return False
        if fresh == self.campaign.model_copy(update={"id": 0}) or self.dispatcher is None:
            return False
        async with self.db.transaction() as session:
            self.campaign = await _sync(session, fresh, self.now())
        library = Library(self.campaign)
        library.ready()  # a file the knowledge base cannot be built from fails here, not later
        self.dispatcher.update(campaign=self.campaign, knowledge=library)
        log.info("campaign %s reloaded from %s", self.campaign.key, self.settings.campaign_file)
        return True

    async def _watch_campaign(self, every: float = 10.0) -> None:
        path = self.settings.campaign_file
        seen = path.stat().st_mtime_ns
        while True:
            await asyncio.sleep(every)
            with contextlib.suppress(OSError):
                if (changed := path.stat().st_mtime_ns) != seen:
                    seen = changed
                    await self.reload_campaign()

    async def start(self) -> None:
        await self.prepare()
        assert self.dispatcher is not None
        self.dispatcher.knowledge.ready()  # built before the first question, not in it
        gc.freeze()  # what start-up built lives as long as the process: no collection scans it
        application = web_channel.build(
            self.dispatcher,
            self.db,
            self.now,
            self.campaign.key,
            self.media,
            self.health.states,
            self.settings.public_url,
        )
        application.router.add_routes([self.media.route()])
        self._make_links(self.dispatcher)
        down = []
        for link in self._links():  # a refused token stops start-up here, with one line
            if not await self.health.open(link.channel.name, link.open):
                down.append(link)  # unreachable: the others serve, this one is retried
            application.router.add_routes(link.routes())
        self._runner = web.AppRunner(application, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.http_host, self.settings.http_port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("web chat on http://%s:%s", self.settings.http_host, self.port)
        for link in self._links():
            if link not in down:
                await link.start()
        self._bringing_up = [
            asyncio.create_task(
                self.health.bring_up(
                    link.channel.name, link.open, link.start, first_wait=self.retry_wait
                )
            )
            for link in down
        ]
        self.outbox = OutboxWorker(
            self.db,
            self.channels(),
            self.pacing,
            self.now,
            concurrency=self.settings.outbox_concurrency,
            lease=timedelta(seconds=self.settings.outbox_lease_seconds),
            prepare=self._with_files,
        )
        self._worker = asyncio.create_task(self.outbox.run())
        self.progress = BroadcastProgress(
            self.db, self.channels(), self.answers, self.catalogs, self.now
        )
        self._tasks = [
            asyncio.create_task(self._watch_campaign()),
            asyncio.create_task(self.progress.run()),
        ]
        if self.settings.reminder_tick_seconds > 0:
            self.ticker = Ticker(self.reminders.tick, self.settings.reminder_tick_seconds)
            self.ticker.start()

    async def _with_files(self, replies: list[Reply]) -> list[Reply]:
        """Stored files (a broadcast's letter) with their bytes, read once for every recipient."""
        return [
            replace(r, attachments=await self.media.load(r.attachments)) if r.attachments else r
            for r in replies
        ]

    def channels(self) -> dict[str, Channel]:
        """Channels that push messages; the web chat fetches its own from /api/inbox."""
        return {link.channel.name: link.channel for link in self._links()}

    async def _mark_unreachable(self, target: Target, reason: str) -> None:
        log.warning("%s cannot reach %s: %s", target.channel, target.user_id, reason)
        async with self.db.transaction() as session:
            await accounts.mark_unreachable(
                session, target.channel, target.user_id, reason, self.now()
            )

    async def _park(self, target: Target, replies: Sequence[Reply], done: int) -> None:
        """An answer that could not go out before shutdown waits in the outbox instead."""
        async with self.db.transaction() as session:
            account = await accounts.find_account(session, target.channel, target.user_id)
            if account is None:
                return
            row = await outbox.enqueue(
                session, account.id, "answer", pack(replies), self.now(), chat_id=target.chat_id
            )
            row.progress = done
        log.info("answer to %s kept in the outbox for after the restart", target.chat_id)

    def _make_links(self, dispatcher: Dispatcher) -> None:
        settings = self.settings
        if settings.telegram_bot_token is not None:
            self.telegram = TelegramLink(
                settings,
                dispatcher,
                self.db,
                self.router,
                self.catalogs,
                self.now,
                self.answers.deliver,
            )
        if settings.zalo_bot_token is not None or settings.zalo_oa_enabled:
            self._http = aiohttp.ClientSession()
        if settings.zalo_bot_token is not None:
            assert self._http is not None
            self.zalo_bot = ZaloBotLink(
                settings, dispatcher, self.media, self.now, self._http, self.answers.deliver
            )
        if settings.zalo_oa_enabled:
            assert self._http is not None
            self.zalo_oa = ZaloOALink(
                settings,
                dispatcher,
                self.db,
                self.media,
                self.now,
                self._http,
                self.answers.deliver,
            )

    async def stop(self) -> None:
        """Stop taking updates, let answers and sends under way finish (bounded), then close."""
        grace = self.settings.shutdown_grace_seconds
        if self.ticker is not None:
            await self.ticker.stop(grace)
            self.ticker = None
        await cancel(self._tasks + self._bringing_up)
        self._tasks, self._bringing_up = [], []
        for link in self._links():
            await link.stop_receiving()
        parked = await self.answers.drain(grace)
        if parked:
            log.warning("%d answers not sent before shutdown; kept in the outbox", parked)
        if self.outbox is not None and self._worker is not None:
            await self.outbox.stop(grace)
            await cancel([self._worker])
            self._worker = None
        for link in reversed(self._links()):
            await link.close()
        self.telegram = self.zalo_bot = self.zalo_oa = None
        if self._http is not None:
            await self._http.close()
            self._http = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.db.dispose()


class Link(Protocol):
    """A platform connection: checked at open, routes on the web server, started once serving."""

    @property
    def channel(self) -> Channel: ...
    async def open(self) -> None: ...
    def routes(self) -> list[web.RouteDef]: ...
    async def start(self) -> None: ...
    async def stop_receiving(self) -> None: ...
    async def close(self) -> None: ...


def rates(settings: Settings) -> dict[str, Rate]:
    return {
        "telegram": Rate(settings.telegram_rate_per_s, settings.telegram_rate_per_chat_per_s),
        "zalo_bot": Rate(settings.zalo_bot_rate_per_s, settings.zalo_bot_rate_per_chat_per_s),
        "zalo_oa": Rate(settings.zalo_oa_rate_per_s, settings.zalo_oa_rate_per_chat_per_s),
    }


async def _sync(session: AsyncSession, campaign: Campaign, at: datetime) -> Campaign:
    """The campaign's units and deadlines into the database; the campaign with its row id."""
    row = await campaigns.sync_campaign(
        session,
        campaign.key,
        campaign.name,
        units=[to_unit_record(u) for u in campaign.units],
        deadlines=[
            DeadlineRecord(d.key, campaign.due_at(d), d.audience, d.completion)
            for d in campaign.deadlines
        ],
        at=at,
    )
    return campaign.model_copy(update={"id": row.id})


def to_unit_record(unit: UnitSpec) -> UnitRecord:
    return UnitRecord(unit.code, unit.name, unit.kind, unit.group, tuple(unit.aliases))
