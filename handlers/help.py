"""Greeting, help and language: what the bot does and what to do next, in the person's words."""

from __future__ import annotations

from handlers.invites import ROLE_NAMES, link, office_next_step, office_shortcuts
from handlers.pledge_view import office_contact
from handlers.reading import greets
from handlers.router import N_, Router
from handlers.types import Button, Context, Incoming, Reply
from storage.campaigns import get_unit

router = Router()
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
IN_A_SENTENCE = {"vi": "tiếng Việt", "en": "English"}  # "trả lời bằng tiếng Việt"


@router.command(
    "start", "batdau", description=N_("link this chat with an invite code"), usage=N_("CODE")
)
async def start(msg: Incoming, ctx: Context) -> list[Reply]:
    if msg.args:
        return await link(ctx, msg.args, msg.origin)
    text = ctx._(
        "Hello! I am the emulation bot of {campaign}. I help units register their emulation "
        "pledge, answer questions about directive {directive} and remind you before deadlines."
    ).format(campaign=ctx.campaign.name, directive=ctx.campaign.directive.number)
    return [Reply(text + "\n\n" + await _next_step(ctx), buttons=await _shortcuts(ctx))]


async def _next_step(ctx: Context) -> str:
    if ctx.account.unit_id is None and ctx.account.role != "leader":  # granted, not invited
        return office_next_step(ctx)
    if ctx.account.unit_id is None:
        return ctx._(
            "To begin, send the invite code that the emulation office gave you "
            "(it looks like ABCD-EFGH)."
        )
    unit = await get_unit(ctx.db, ctx.account.unit_id)
    if ctx.account.role != "leader":
        return (
            ctx._("This chat acts for {unit} as {role}.").format(
                unit=unit.name, role=ctx._(ROLE_NAMES[ctx.account.role])
            )
            + " "
            + office_next_step(ctx)
        )
    role = ctx._(ROLE_NAMES.get(ctx.account.role, ROLE_NAMES["leader"]))
    if _reviewing(ctx):
        return ctx._(
            "This chat acts for {unit} as {role}. Send /report for the mid-year or year-end "
            "report on the pledge, /mypledge to see the pledge."
        ).format(unit=unit.name, role=role)
    return ctx._(
        "This chat acts for {unit} as {role}. Send /register to register or "
        "continue the pledge, /mypledge to see it."
    ).format(unit=unit.name, role=role)


def _reviewing(ctx: Context) -> bool:
    """Registration is over and the campaign has reviews: what leaders do now is report."""
    return bool(ctx.campaign.reviews()) and ctx.now() >= ctx.campaign.registration_due


async def _shortcuts(ctx: Context) -> tuple[Button, ...]:
    if ctx.account.role != "leader":
        return office_shortcuts(ctx)
    if ctx.account.unit_id is None:
        return (Button(ctx._("Help"), "cmd:help"),)
    first = (
        Button(ctx._("📝 Report"), "cmd:report")
        if _reviewing(ctx)
        else Button(ctx._("Register the pledge"), "cmd:register")
    )
    return (
        first,
        Button(ctx._("See the pledge"), "cmd:mypledge"),
        Button(ctx._("Help"), "cmd:help"),
    )


def help_router_text(ctx: Context, router: Router) -> str:
    lines = [ctx._("What I can do:")]
    for entry in router.visible_commands(ctx.account.role):
        ordered = (
            (*entry.aliases, entry.name) if ctx.locale == "vi" else (entry.name, *entry.aliases)
        )
        names = " ".join(f"/{n}" for n in ordered)
        usage = f" {ctx._(entry.usage)}" if entry.usage else ""
        lines.append(f"{names}{usage} — {ctx._(entry.description)}")
    return "\n".join(lines)


def add_help(router: Router) -> None:
    """/help lists the commands of the finished router, so it is registered on it last."""

    @router.command("help", "trogiup", description=N_("show this help"))
    async def show_help(msg: Incoming, ctx: Context) -> list[Reply]:
        text = help_router_text(ctx, router) + "\n\n" + await _next_step(ctx)
        if contact := office_contact(ctx):
            text += "\n\n" + contact
        return [Reply(text, buttons=await _shortcuts(ctx))]

    @router.fallback
    async def not_understood(msg: Incoming, ctx: Context) -> list[Reply]:
        if greets(msg.text or ""):  # "xin chào"
            text = ctx._(
                "Hello! I help with the emulation movement: the directive, the deadlines and "
                "your unit's pledge."
            )
            return [Reply(f"{text}\n\n{await _next_step(ctx)}", buttons=await _shortcuts(ctx))]
        text = ctx._("Sorry, I did not understand that. Choose below, or send /help.")
        return [Reply(text, buttons=await _shortcuts(ctx))]


@router.command(
    "language", "ngonngu", description=N_("choose Vietnamese or English"), usage="vi|en"
)
async def language(msg: Incoming, ctx: Context) -> list[Reply]:
    if (wanted := msg.args.lower()) in LANGUAGES:
        return _switch(ctx, wanted)
    buttons = tuple(Button(name, f"lang:{code}") for code, name in LANGUAGES.items())
    return [Reply(ctx._("Choose your language:"), buttons=buttons)]


@router.action("lang", anywhere=True)
async def on_language(msg: Incoming, ctx: Context) -> list[Reply]:
    wanted = (msg.payload or "").partition(":")[2]
    if wanted not in LANGUAGES:
        return await language(msg, ctx)
    return _switch(ctx, wanted)


def _switch(ctx: Context, locale: str) -> list[Reply]:
    ctx.account.locale = locale
    return [
        Reply(
            ctx._("From now on I will write in {language}.").format(language=IN_A_SENTENCE[locale])
        )
    ]
