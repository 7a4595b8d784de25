"""Who this chat is: /whoami shows the account's reference (for `main.py grant`), /link opens
the web chat on another device, and the office's /invite makes a unit's invite code in chat."""

from __future__ import annotations

from datetime import timedelta

from handlers.invites import ROLE_NAMES
from handlers.office.reports.places import find_place
from handlers.office.reports.status import not_found
from handlers.router import N_, Router
from handlers.text import fold
from handlers.types import Context, Incoming, Reply
from storage import audit, devices
from storage.accounts import ROLES
from storage.campaigns import find_unit, get_unit
from storage.invites import display_code, issue_invite

router = Router()
INVITE_LIFETIME = timedelta(days=14)
ROLE_WORDS = {
    **{role: role for role in ROLES},
    "lanh dao": "leader",
    "lanhdao": "leader",
    "can bo": "staff",
    "canbo": "staff",
    "quan tri": "admin",
    "quantri": "admin",
    "lanh dao don vi": "leader",
    "can bo thuong truc": "staff",
    "quan tri vien": "admin",
}
CHANNEL_NAMES = {
    "web": N_("web chat"),
    "telegram": "Telegram",
    "zalo_oa": "Zalo OA",
    "zalo_bot": "Zalo Bot",
}


def reference(ctx: Context) -> str:
    return f"{ctx.account.channel}:{ctx.account.user_id}"


@router.command("whoami", "taikhoan", description=N_("show this chat's account, role and unit"))
async def whoami(msg: Incoming, ctx: Context) -> list[Reply]:
    account = ctx.account
    lines = [
        ctx._("Account: {reference} ({channel})").format(
            reference=reference(ctx), channel=ctx._(CHANNEL_NAMES[account.channel])
        )
    ]
    office = account.role != "leader"
    if account.unit_id is not None:
        unit = await get_unit(ctx.db, account.unit_id)
        lines.append(ctx._("Role: {role}").format(role=ctx._(ROLE_NAMES[account.role])))
        lines.append(ctx._("Unit: {unit}").format(unit=unit.name))
    elif office:
        lines.append(ctx._("Role: {role}").format(role=ctx._(ROLE_NAMES[account.role])))
    else:
        lines.append(ctx._("Not linked to a unit yet: send the invite code from the office."))
    if account.channel == "web":
        count = await devices.devices_of(ctx.db, account.user_id, ctx.now())
        lines.append(
            ctx.ngettext(
                "Signed in on {count} device. /link opens this account on another one.",
                "Signed in on {count} devices. /link opens this account on another one.",
                count,
            ).format(count=count)
        )
    if office or account.unit_id is None:  # the reference an operator grants a role to
        lines.append(
            ctx._(
                "To give this account a role, the server's administrator runs: "
                "python main.py grant admin {reference} (or staff)"
            ).format(reference=reference(ctx))
        )
    return [Reply("\n".join(lines))]


@router.command("link", "thietbi", description=N_("open this web chat on another device"))
async def device_code(msg: Incoming, ctx: Context) -> list[Reply]:
    if ctx.account.channel != "web":
        return [
            Reply(
                ctx._(
                    "/link opens the web chat on another device. Here, open this chat with "
                    "the same account on any device: it is already the same conversation."
                )
            )
        ]
    code, until = await devices.new_code_for(ctx.db, ctx.account.user_id, ctx.now())
    await audit.record(ctx.db, ctx.now(), reference(ctx), "device-code", "")
    return [
        Reply(
            ctx._(
                "Your code for another device: {code}\n"
                "On the other phone or computer, open the chat page and send this code before "
                "{moment}. It works once. Anyone with the code can act for you: do not share it."
            ).format(code=display_code(code), moment=ctx.when(until))
        )
    ]


@router.command(
    "invite",
    "mamoi",
    description=N_("make an invite code that links a chat to a unit"),
    role="staff",
    usage=N_("UNIT [leader|staff|admin]"),
)
async def invite(msg: Incoming, ctx: Context) -> list[Reply]:
    words, role = msg.args.split(), "leader"
    for size in (3, 2, 1):  # a role at the end, in English or Vietnamese: "staff", "can bo"
        said = fold(" ".join(words[-size:]))
        if len(words) > size and said in ROLE_WORDS:
            role, words = ROLE_WORDS[said], words[:-size]
            break
    if not words:
        return [Reply(ctx._("Please write it as /invite UNIT, for example /invite TAMKY."))]
    if role != "leader" and ctx.account.role != "admin":
        return [Reply(ctx._("Only an administrator can invite staff or administrators."))]
    typed = " ".join(words)
    place = await find_place(ctx, typed)
    if not place.units and place.group is None and len(words) > 1:
        coded = await find_unit(ctx.db, ctx.campaign.id, words[0])
        if coded is not None:  # "/invite TAMKY boss": a unit's code, then a role it does not know
            return [
                Reply(
                    ctx._(
                        "“{word}” is not a role. Write leader, staff or admin (lãnh đạo, "
                        "cán bộ, quản trị), for example /invite {unit} staff."
                    ).format(word=" ".join(words[1:])[:40], unit=coded.code)
                )
            ]
    if place.group is not None:
        return [
            Reply(
                ctx._("{group} is a group of units: an invite code is for one unit.").format(
                    group=place.group.name
                )
                + " "
                + ctx._("/units lists the codes of the units.")
            )
        ]
    if len(place.units) != 1:  # none, or several to choose from
        then = role if role != "leader" else ""  # the role asked for goes with each button
        return [not_found(ctx, typed, place, "invite", then)]
    unit = place.units[0]
    now = ctx.now()
    code, created = await issue_invite(ctx.db, unit, role=role, at=now, lifetime=INVITE_LIFETIME)
    await audit.record(ctx.db, now, reference(ctx), "invite", f"unit={unit.code} role={role}")
    text = ctx._(
        "Invite code for {unit} ({role}): {code}\n"
        "It links one chat, on Telegram, Zalo or the web page, and works until {moment}. "
        "The person sends the code to the bot."
    ).format(
        unit=unit.name,
        role=ctx._(ROLE_NAMES[role]),
        code=display_code(code),
        moment=ctx.when(created.expires_at),
    )
    return [Reply(text)]
