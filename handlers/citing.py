"""An answer from the knowledge base with its honest source line: the FAQ's answer or the
passage's sentence, in the language asked, and the source it comes from."""

from __future__ import annotations

import functools
import re

from handlers.entries import Entry
from handlers.types import Context, Reply

COMMAND = re.compile(r"(?<![\w/])/([a-z]{2,})\b")  # "/mypledge"


def cite(ctx: Context, entry: Entry, quote: str) -> Reply:
    """The answer with its source. An English reader gets the entry's English where it has
    one (a passage's translation says it is one), else the Vietnamese with a lead-in."""
    english = ctx.locale == "en"
    if english and entry.english and not entry.passage:
        text = entry.english
    elif english and entry.passage and entry.english and _within(quote, entry.english):
        text = ctx._("From the directive, in translation:") + f"\n{quote}"
    elif english:
        text = ctx._("From the source, in Vietnamese:") + f"\n«{quote}»"
    else:
        text = f"«{quote}»" if entry.passage else quote
    aliases = [_aliases().get(c, "") for c in COMMAND.findall(text)]
    if english and ctx.account.locale != "en" and any(aliases):  # as its chat's menu shows
        named = ", ".join(f"/{a}" for a in dict.fromkeys(aliases) if a)
        text += "\n" + ctx._("The same in Vietnamese: {commands}.").format(commands=named)
    if "{office}" in text:  # the office's name, as the campaign gives it
        office = ctx.campaign.office
        text = text.replace("{office}", office.name if office else ctx._("the emulation office"))
    return Reply(text + "\n\n" + ctx._("Source: {source}").format(source=source_of(ctx, entry)))


@functools.cache
def _aliases() -> dict[str, str]:
    """Each command's Vietnamese name ("mypledge": "xem"), which a Vietnamese chat's menu
    shows: an English answer in one names them too."""
    from handlers import build_router  # the whole router, assembled once the features are

    return {c.name: c.aliases[0] for c in build_router().commands.values() if c.aliases}


def _within(quote: str, text: str) -> bool:
    """Whether a quote, cut where it is marked "…", is of the text."""
    return all(piece.strip() in text for piece in quote.split("…") if piece.strip())


def source_of(ctx: Context, entry: Entry) -> str:
    """What the answer really comes from: the directive as the campaign's text reports it (a
    section only where the directive itself has one), this bot's guide, or the office."""
    if entry.source == "bot":
        return ctx._("the Thi đua bot guide")
    if entry.source == "staff":
        return ctx._("an answer from the emulation office")
    directive = ctx.campaign.directive
    source = ctx._("Directive {number} of {date} ({issuer})").format(
        number=directive.number, date=ctx.day(directive.date), issuer=directive.issuer
    )
    passage = next((p for p in directive.passages if p.id == entry.source), None)
    if passage is not None and passage.section:
        source += ", " + ctx._("section {section}").format(section=passage.section)
    if directive.report:
        source += ", " + ctx._("as reported in {report}").format(
            report=ctx.text_of(directive.report)
        )
    return source
