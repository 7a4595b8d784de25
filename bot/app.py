"""The App: builds and owns the database, campaign, catalogs, dispatcher and web server."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from aiohttp import web

from bot.catalogs import load_catalogs
from bot.channels import web as web_channel
from bot.dispatcher import Dispatcher, Services
from bot.settings import Settings, StartupError
from bot.telegram_link import TelegramLink
from handlers import build_router
from handlers.campaign import UnitSpec, load_campaign
from storage import accounts, campaigns, events
from storage.campaigns import DeadlineRecord, UnitRecord
from storage.db import Database
from storage.migrate import is_current

log = logging.getLogger(__name__)
EVENT_MEMORY = timedelta(days=30)  # platforms stop redelivering an update within hours


def system_now() -> datetime:
    return datetime.now(UTC)


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

    async def prepare(self) -> None:
        """Check the schema, load the campaign, make BOT_ADMINS admins, forget old event ids."""
        if not await is_current(self.db):
            raise StartupError(
                "the database schema is not up to date: run `python main.py db upgrade`"
            )
        async with self.db.transaction() as session:
            row = await campaigns.sync_campaign(
                session,
                self.campaign.key,
                self.campaign.name,
                units=[to_unit_record(u) for u in self.campaign.units],
                deadlines=[
                    DeadlineRecord(d.key, self.campaign.due_at(d), d.audience)
                    for d in self.campaign.deadlines
                ],
                at=self.now(),
            )
            forgotten = await events.forget_events_before(session, self.now() - EVENT_MEMORY)
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
        self.campaign = self.campaign.model_copy(update={"id": row.id})
        self.dispatcher = Dispatcher(
            Services(
                db=self.db,
                router=self.router,
                campaign=self.campaign,
                catalogs=self.catalogs,
                timezone=self.settings.zone,
                now=self.now,
                default_locale=self.settings.bot_default_locale,
            )
        )

    async def start(self) -> None:
        await self.prepare()
        assert self.dispatcher is not None
        application = web_channel.build(self.dispatcher, self.db, self.now, self.campaign.key)
        if self.settings.telegram_bot_token is not None:
            self.telegram = TelegramLink(
                self.settings, self.dispatcher, self.db, self.router, self.catalogs, self.now
            )
            await self.telegram.open()
            application.router.add_routes(self.telegram.routes())
        self._runner = web.AppRunner(application, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.http_host, self.settings.http_port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        log.info("web chat on http://%s:%s", self.settings.http_host, self.port)
        if self.telegram is not None:
            await self.telegram.start()

    async def stop(self) -> None:
        if self.telegram is not None:
            await self.telegram.close()
            self.telegram = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await self.db.dispose()


def to_unit_record(unit: UnitSpec) -> UnitRecord:
    return UnitRecord(unit.code, unit.name, unit.kind, unit.group, tuple(unit.aliases))
