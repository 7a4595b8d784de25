"""Sub-commands for operators: migrate, check a campaign file, make invite codes, grant roles,
sign web chat accounts out."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.app import App, running_from
from bot.channels.telegram.link import deep_link
from bot.settings import Settings, id_problem
from handlers.campaign import Campaign, load_campaign
from handlers.reminders import plan
from handlers.text import fold
from storage import accounts, audit, devices, invites
from storage.campaigns import find_unit
from storage.db import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)


async def db_upgrade(settings: Settings) -> str:
    db = Database(settings.database_url)
    try:
        await upgrade(db)
    finally:
        await db.dispose()
    return f"database at {db.url.render_as_string(hide_password=True)} is up to date"


def campaign_check(path: Path) -> str:
    """Raises CampaignError naming every problem; else what the file holds and, for each
    deadline, when its reminders go out."""
    campaign = load_campaign(path)
    lines = [
        f"{path}: valid — {len(campaign.units)} units, {len(campaign.form)} form fields, "
        f"{len(campaign.deadlines)} deadlines, {len(campaign.directive.passages)} passages",
        *(f"warning: {warning}" for warning in campaign.warnings()),
        f"Reminders ({campaign.timezone}):",
    ]
    for deadline in campaign.deadlines:
        due = campaign.due_at(deadline).astimezone(campaign.zone)
        done = {
            "pledge_submitted": "done when the pledge is submitted",
            "report_submitted": "done when the unit's review report is submitted",
            "nothing": "nothing completes it: every linked unit is reminded",
        }
        lines.append(f"  {deadline.key}: due {due:%Y-%m-%d %H:%M}, {done[deadline.completion]}")
        for step in plan.steps(campaign, deadline):
            when = step.at.astimezone(campaign.zone)
            what = (
                f"overdue, reminder {-step.number}"
                if step.overdue
                else "on the day"
                if step.number == 0
                else f"{step.number} day{'s' if step.number > 1 else ''} before"
            )
            lines.append(f"    {when:%a %Y-%m-%d %H:%M}  {what}")
    return "\n".join(lines)


@contextlib.asynccontextmanager
async def prepared(settings: Settings) -> AsyncIterator[App]:
    """The App as the bot would start it (schema checked, campaign loaded), for one command."""
    app = App(settings)
    try:
        await app.prepare()
        yield app
    finally:
        await app.stop()


async def make_invite(settings: Settings, unit_code: str, role: str, days: int) -> str:
    if not 1 <= days <= 365:
        raise ValueError("--days must be from 1 to 365")
    async with prepared(settings) as app:
        async with app.db.transaction() as session:
            unit = await find_unit(session, app.campaign.id, unit_code)
            if unit is None:
                raise ValueError(
                    f"no unit with code {unit_code!r} in {app.campaign.key}"
                    + closest_codes(app.campaign, unit_code)
                )
            now = app.now()
            code, invite = await invites.issue_invite(
                session, unit, role=role, at=now, lifetime=timedelta(days=days)
            )
            await audit.record(session, now, "cli", "invite", f"unit={unit.code} role={role}")
        shown = invites.display_code(code)
        expires = invite.expires_at.astimezone(settings.zone).strftime("%H:%M %d/%m/%Y")
        lines = [
            f"Invite code: {shown}",
            f"Unit: {unit.code} — {unit.name}",
            f"Role: {role}",
            f"Expires: {expires} ({settings.bot_timezone})",
            f"The person sends the code, or /start {shown}, to the bot.",
        ]
        if settings.telegram_bot_token is not None:
            lines.append(f"Telegram: {await deep_link(settings, shown)}")
        return "\n".join(lines)


def _who(who: str) -> tuple[str, str]:
    channel, _, user_id = who.strip().partition(":")
    if channel == "web":
        user_id = user_id.lower()  # a reference copied in capitals is the same account
    if (problem := id_problem(channel, user_id)) is not None:
        raise ValueError(f"{who!r} {problem}")
    return channel, user_id


def closest_codes(campaign: Campaign, typed: str) -> str:
    """'; did you mean TAMKY (UBND thành phố Tam Kỳ)? `main.py units` lists them'."""
    names = {u.code: u.name for u in campaign.units}
    by_name = {fold(name): code for code, name in names.items()}
    near_codes = process.extract(typed.upper(), list(names), scorer=fuzz.ratio, score_cutoff=75)
    near_names = process.extract(
        fold(typed), list(by_name), scorer=fuzz.token_set_ratio, score_cutoff=90
    )
    found = [code for code, _, _ in near_codes] + [by_name[n] for n, _, _ in near_names]
    codes = list(dict.fromkeys(found))[:3]
    shown = ", ".join(f"{code} ({names[code]})" for code in codes)
    return (f"; did you mean {shown}?" if codes else ";") + " `main.py units` lists them"


def units(settings: Settings) -> str:
    """The campaign's units and their codes, by group, from the campaign file."""
    campaign = load_campaign(settings.campaign_file)
    lines = [f"{campaign.name}: {len(campaign.units)} units"]
    for group in campaign.groups:
        lines.append(f"\n{group.name}")
        lines += [f"  {u.code:<12} {u.name}" for u in campaign.units if u.group == group.key]
    return "\n".join(lines)


async def grant(settings: Settings, role: str, who: str, *, force: bool = False) -> str:
    channel, user_id = _who(who)
    async with prepared(settings) as app:
        async with app.db.transaction() as session:
            if channel == "web" and not await devices.known_account(session, user_id):
                raise ValueError(
                    f"no web chat account {who!r}: the person opens the chat page and sends "
                    "/whoami, which shows the reference to give here"
                )
            known = await accounts.find_account(session, channel, user_id) is not None
            if channel != "web" and not known and not force:
                raise ValueError(
                    f"{who!r} has never written to the bot: check the id (the person's /whoami "
                    "shows it), or add --force to grant it anyway"
                )
            if channel == "web" and not await devices.devices_of(session, user_id, app.now()):
                raise ValueError(
                    f"{who!r} is signed out of every device: no one can use it. The person "
                    "opens the chat page again and sends /whoami for a new reference"
                )
            await accounts.grant_role(
                session, channel, user_id, role, locale=settings.bot_default_locale, at=app.now()
            )
            who = f"{channel}:{user_id}"
            await audit.record(session, app.now(), "cli", "grant", f"{who} role={role}")
        return f"{who} is now {role}"


async def revoke(settings: Settings, who: str) -> str:
    """Sign a web chat account out of every device (a lost phone); it is opened again with a
    new invite code or a /link code from a device still signed in."""
    channel, user_id = _who(who)
    if channel != "web":
        raise ValueError("only web chat accounts have devices to sign out")
    async with prepared(settings) as app:
        async with app.db.transaction() as session:
            if not await devices.known_account(session, user_id):
                raise ValueError(f"no web chat account {who!r}")
            ended = await devices.revoke(session, user_id, app.now())
            await audit.record(session, app.now(), "cli", "revoke", f"{who} devices={ended}")
        return (
            f"{who}: {ended} device{'s' if ended != 1 else ''} signed out; the account no "
            "longer acts for a unit or in a role (a new invite code or grant opens it again)"
        )


async def run(settings: Settings, *, migrate: bool = False) -> None:
    if migrate:  # `make run`: one start-up instead of two
        log.info(await db_upgrade(settings))
    if (start := settings.demo_start) is not None:
        log.warning("demo clock: the bot's time starts at %s", start.isoformat())
        app = App(settings, now=running_from(start))
    else:
        app = App(settings)
    await app.start()
    print(f"Thi đua bot is running: open http://{settings.http_host}:{app.port}/ (Ctrl+C stops)")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
        log.info("stopping: answers and sends under way finish first")
    finally:
        await app.stop()
    log.info("stopped")
