"""Linking a chat to a unit with a one-time invite code, and slowing down guessers."""

from __future__ import annotations

import re
from datetime import timedelta

from handlers.pledge_view import next_step
from handlers.router import N_, Router
from handlers.text import fold
from handlers.types import Button, Context, Incoming, Reply
from storage import accounts, audit, devices, invites, pledges
from storage.campaigns import get_unit
from storage.invites import ALPHABET, Redeemed, normalize_code, redeem_invite

router = Router()
FREE_TRIES = 3  # wrong codes allowed before each further try has to wait
LONGEST_WAIT = timedelta(hours=1)
# Beyond one account: wrong codes in the last 15 minutes from one client address, and from all.
# With 31^8 possible codes and ~100 live ones, 100 guesses a quarter-hour need millennia.
SHARED_WINDOW, PER_ORIGIN, OVERALL = timedelta(minutes=15), 10, 100
_IN_SENTENCE = re.compile(r"(?<![\w-])[A-Za-z0-9]{4}(?:\s*-\s*|\s)?[A-Za-z0-9]{4}(?![\w-])")
_SHOWN = re.compile(r"^[A-Za-z]{4}\s*-\s*[A-Za-z]{4}$")  # ABCD-EFGH, as codes are shown
ROLE_NAMES = {
    "leader": N_("unit leader"),
    "staff": N_("emulation office staff"),
    "admin": N_("administrator"),
}


def looks_like_code(text: str, *, linked: bool) -> bool:
    """A bare message that is clearly an invite code rather than words.

    Only what a code can be (its alphabet has no I, L, O, 0 or 1: "tai khoan", "cam on ban"
    are words), written as a code is shown: with the dash between its halves, or holding a
    digit. From someone not linked yet, whose likeliest message is their code, also eight
    such letters as one word. Eight letters in two words, even in capitals ("DANH SACH",
    "bang khen"), are words: they go on to the questions, and cost no one a try.
    """
    stripped = text.strip()
    if (candidate := normalize_code(stripped)) is None:
        return False
    if any(c not in ALPHABET for c in candidate):
        return False
    if any(c.isdigit() for c in stripped) or _SHOWN.match(stripped):
        return True
    return not linked and not any(c.isspace() for c in stripped)


async def link(ctx: Context, typed: str, origin: str | None = None) -> list[Reply]:
    account, now = ctx.account, ctx.now()
    if account.link_blocked_until is not None and now < account.link_blocked_until:
        return [
            Reply(
                ctx._("Too many wrong codes. Please try again after {moment}.").format(
                    moment=ctx.when(account.link_blocked_until)
                )
            )
        ]
    if (shared := await _shared_limit(ctx, origin)) is not None:
        return [shared]
    code = normalize_code(typed)
    outcome, invite = (Redeemed.UNKNOWN, None)
    found, opened = devices.CodeFound.NONE, None
    if code is not None and account.channel == "web":  # a /link code from another device
        found, opened = await devices.use_code(
            ctx.db, code, account.user_id, now, settled=account.settled
        )
    if found is not devices.CodeFound.NONE:
        return await _device_code(ctx, found, opened)
    if code is not None:
        outcome, invite = await redeem_invite(ctx.db, code, account, now)
    if outcome is Redeemed.LINKED and invite is not None:
        unit = await get_unit(ctx.db, invite.unit_id)
        ctx.conversation.goto(None)
        await audit.record(
            ctx.db,
            now,
            f"{account.channel}:{account.user_id}",
            "link",
            f"unit={unit.code} role={invite.role}",
        )
        text = ctx._("Linked! This chat now acts for {unit} as {role}.").format(
            unit=unit.name, role=ctx._(ROLE_NAMES[account.role])
        )
        if account.role != "leader":
            text += "\n" + office_next_step(ctx)
            return [Reply(text, buttons=office_shortcuts(ctx))]
        after = next_step(ctx, await pledges.find_pledge(ctx.db, unit.id, ctx.campaign.id))
        return [Reply(f"{text}\n{after.text}", buttons=after.buttons)]
    if outcome is Redeemed.EXPIRED and invite is not None:
        return [
            Reply(
                ctx._(
                    "That code expired at {moment}. Please ask the emulation office for a new one."
                ).format(moment=ctx.when(invite.expires_at))
            )
        ]
    if outcome is Redeemed.USED and invite is not None and invite.used_by == account.id:
        unit = await get_unit(ctx.db, invite.unit_id)
        return [
            Reply(
                ctx._("This chat is already linked to {unit} with that code.").format(
                    unit=unit.name
                )
            )
        ]
    if outcome is Redeemed.USED:
        return [
            Reply(
                ctx._(
                    "That code has already been used: each code links one chat. Please "
                    "ask the emulation office for a new one."
                )
            )
        ]
    account.link_failures += 1
    await invites.record_failure(ctx.db, account.id, origin, now)
    text = ctx._("That code is not right. Please check it and send it again.")
    if account.link_failures >= FREE_TRIES:
        wait = min(timedelta(minutes=2 ** (account.link_failures - FREE_TRIES)), LONGEST_WAIT)
        account.link_blocked_until = now + wait
        text += " " + ctx._("For safety, the next try is possible after {moment}.").format(
            moment=ctx.when(account.link_blocked_until)
        )
    return [Reply(text)]


async def _device_code(ctx: Context, found: devices.CodeFound, opened: str | None) -> list[Reply]:
    """A /link code from another device: this browser now opens that account, or why not."""
    if found is devices.CodeFound.HERE:
        return [
            Reply(
                ctx._(
                    "This device already opens this account: the code is for a phone or "
                    "computer that does not yet."
                )
            )
        ]
    if found is devices.CodeFound.SPENT:
        return [
            Reply(
                ctx._(
                    "That code for another device has expired or was used already. Make a "
                    "new one with /link on the device that is signed in."
                )
            )
        ]
    if found is devices.CodeFound.BUSY:
        return [
            Reply(
                ctx._(
                    "This device already has an account of its own (see /whoami), so the code "
                    "was not used. To open the other account here, this one has to be signed "
                    "out first: please ask the emulation office."
                )
            )
        ]
    account = await accounts.find_account(ctx.db, "web", opened or "")
    await audit.record(ctx.db, ctx.now(), f"web:{opened}", "device", "another device joined")
    text = ctx._("This device now opens your account, as on your other device.")
    if account is not None and account.unit_id is not None:
        unit = await get_unit(ctx.db, account.unit_id)
        text += " " + ctx._("It acts for {unit} as {role}.").format(
            unit=unit.name, role=ctx._(ROLE_NAMES.get(account.role, ROLE_NAMES["leader"]))
        )
    text += " " + ctx._("Earlier messages stay on the other device.")
    if account is not None and account.unit_id is not None and account.role == "leader":
        text += " " + ctx._("Send /register to go on with the pledge where it stopped.")
        return [Reply(text, buttons=(Button(ctx._("Register now"), "cmd:register"),))]
    return [Reply(text, buttons=(Button(ctx._("Help"), "cmd:help"),))]


@router.fallback
async def bare_code(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.payload is not None:
        return []
    # the office (granted, say) writes words, not codes, even before it is linked to a unit
    if looks_like_code(msg.text, linked=ctx.account.settled):
        return await link(ctx, msg.text, msg.origin)
    if (inside := code_in_sentence(msg.text)) is not None:
        return await link(ctx, inside, msg.origin)
    return []


def code_in_sentence(text: str) -> str | None:
    """ "mã của tôi là 9838 XMSM", "my code is ABCD-EFGH": the code a sentence about it holds."""
    said = fold(text)
    if not re.search(r"\b(ma|code|ma moi|ma lien ket)\b", said) or len(text) > 200:
        return None
    for found in _IN_SENTENCE.finditer(text):
        if _example(found.group()):  # "mã kiểu ABCD-EFGH là mã gì?": the form, not a code
            continue
        if looks_like_code(found.group(), linked=True):  # with a digit, or as shown
            return found.group()
    return None


def _example(typed: str) -> bool:
    """The form of a code as the guide shows it ("ABCD-EFGH") or as people write it
    ("XXXX-XXXX"): no code is ever issued so."""
    letters = "".join(c for c in typed.upper() if c.isalnum())
    return letters == "ABCDEFGH" or len(set(letters)) == 1


async def _shared_limit(ctx: Context, origin: str | None) -> Reply | None:
    """Wrong codes counted beyond one account: from one client address (fresh web sessions
    give no fresh guesses) and from everyone (a spread-out attack). None: a code may be tried."""
    now = ctx.now()
    since = now - SHARED_WINDOW
    if origin is not None:
        recent = await invites.failures_since(ctx.db, since, origin=origin, limit=PER_ORIGIN)
        if len(recent) >= PER_ORIGIN:
            return Reply(
                ctx._(
                    "Too many wrong codes were sent from this network. Please try again "
                    "after {moment}."
                ).format(moment=ctx.when(recent[-1] + SHARED_WINDOW))
            )
    everyone = await invites.failures_since(ctx.db, since, limit=OVERALL)
    if len(everyone) >= OVERALL:
        return Reply(
            ctx._(
                "Linking is paused for a few minutes because many wrong codes were tried. "
                "Please try again after {moment}."
            ).format(moment=ctx.when(everyone[-1] + SHARED_WINDOW))
        )
    return None


def office_next_step(ctx: Context) -> str:
    return ctx._(
        "/status shows who has registered, /pending who has not, /broadcast sends an "
        "announcement; /help lists everything."
    )


def office_shortcuts(ctx: Context) -> tuple[Button, ...]:
    return (
        Button(ctx._("📊 Status"), "cmd:status"),
        Button(ctx._("📋 Not submitted"), "cmd:pending"),
        Button(ctx._("Help"), "cmd:help"),
    )
