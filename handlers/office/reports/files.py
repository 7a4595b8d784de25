"""/chart and /export: the movement as a picture and as the workbook for the Council. Both are
drawn in a worker thread, so the bot keeps answering others meanwhile."""

from __future__ import annotations

import asyncio

from handlers.office.reports import chart, workbook
from handlers.office.reports.standing import standing, tracked
from handlers.office.reports.status import due_line
from handlers.review.questions import named_review
from handlers.router import N_, Router
from handlers.types import Attachment, Context, Incoming, Reply
from storage import reviews
from storage.reminders import unit_states
from storage.reports import changes, pledge_rows, report_changes

router = Router()


@router.command(
    "chart",
    "bieudo",
    description=N_("a chart of who has registered, per group (or of a review's reports)"),
    role="staff",
    usage=N_("[REVIEW]"),
)
async def show_chart(msg: Incoming, ctx: Context) -> list[Reply]:
    deadlines = tracked(ctx.campaign)
    if not deadlines:
        return [Reply(ctx._("No deadline of this campaign is tracked by the bot."))]
    deadline = named_review(ctx.campaign, msg.args) if msg.args else None
    deadline = deadline or deadlines[0]
    found = standing(ctx.campaign, deadline, await unit_states(ctx.db, ctx.campaign.id))
    now = ctx.now()
    words = chart.ChartWords(
        title=ctx._("{deadline}: {done} of {total} units submitted ({share})").format(
            deadline=ctx.text_of(deadline.label),
            done=ctx.number(found.overall.submitted),
            total=ctx.number(found.overall.total),
            share=ctx.percent(found.overall.share("submitted")),
        ),
        subtitle=ctx._("{campaign} · figures at {moment}").format(
            campaign=ctx.campaign.name, moment=ctx.when(now)
        ),
        due=due_line(ctx, deadline),
        stages={
            "submitted": ctx._("Submitted"),
            "draft": ctx._("Draft"),
            "not_started": ctx._("Not started"),
        },
        axis=ctx._("Units"),
        groups=[
            (
                f"{ctx.campaign.group_name(key)}\n"
                + ctx._("{done}/{total} submitted ({share})").format(
                    done=ctx.number(counts.submitted),
                    total=ctx.number(counts.total),
                    share=ctx.percent(counts.share("submitted")),
                ),
                counts,
            )
            for key, counts in found.groups.items()
        ],
    )
    png = await asyncio.to_thread(chart.render, words)
    day = now.astimezone(ctx.timezone).date().isoformat()
    caption = ctx._(
        "📈 {deadline} at {moment}: {done} of {total} units submitted ({share})."
    ).format(
        deadline=ctx.text_of(deadline.label),
        moment=ctx.when(now),
        done=ctx.number(found.overall.submitted),
        total=ctx.number(found.overall.total),
        share=ctx.percent(found.overall.share("submitted")),
    )
    kind = ctx._("chart")  # the file name's first word, in plain ASCII
    name = f"{kind}-{ctx.campaign.key}-{day}.png"
    return [Reply(caption, attachments=(Attachment("image", name, png),))]


@router.command(
    "export",
    "xuatexcel",
    description=N_("an Excel file of every unit's pledge and its history"),
    role="staff",
)
async def export(msg: Incoming, ctx: Context) -> list[Reply]:
    rows = await pledge_rows(ctx.db, ctx.campaign.id)
    history = await changes(ctx.db, ctx.campaign.id)
    history += await report_changes(ctx.db, ctx.campaign.id)
    history.sort(key=lambda change: change.at)  # the pledges' and the reports', as they came
    deadlines = tracked(ctx.campaign)
    units = [row.state for row in rows]
    found = standing(ctx.campaign, deadlines[0], units) if deadlines else None
    now = ctx.now()
    reports = [
        (deadline, await reviews.report_rows(ctx.db, ctx.campaign.id, deadline.key))
        for deadline in ctx.campaign.reviews()
    ]
    data = await asyncio.to_thread(
        workbook.build, ctx.voice(ctx.locale), ctx.campaign, found, rows, history, now, reports
    )
    day = now.astimezone(ctx.timezone).date().isoformat()
    kind = ctx._("pledges")  # the file name's first word, in plain ASCII
    name = f"{kind}-{ctx.campaign.key}-{day}.xlsx"
    text = ctx._(
        "📥 {name}: {units} units, {changes} changes, made at {moment}. Sheets: summary per "
        "group, one row per unit, one per review report, and the history of changes."
    ).format(
        name=name,
        units=ctx.number(len(rows)),
        changes=ctx.number(len(history)),
        moment=ctx.when(now),
    )
    return [Reply(text, attachments=(Attachment("document", name, data),))]
