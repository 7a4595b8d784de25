"""The workbook the office hands to the Council: a summary per group, one row per unit with every
answer in its own column, and every change. Written with XlsxWriter (made for writing, fast, and
exact about formats); dates are real Excel dates in the campaign's timezone."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from handlers.campaign import Campaign, DeadlineSpec
from handlers.office.reports import review_sheet
from handlers.office.reports.pledges import value_text, what_changed, who
from handlers.office.reports.sheet import Sheet
from handlers.office.reports.standing import STAGES, Standing, stage
from handlers.types import Speech
from storage.reports import Change, PledgeRow

DATE_FORMAT = "dd/mm/yyyy hh:mm"


def build(
    voice: Speech,
    campaign: Campaign,
    found: Standing | None,
    rows: list[PledgeRow],
    history: list[Change],
    made_at: datetime,
    reviews: Sequence[tuple[DeadlineSpec, review_sheet.Rows]] = (),
) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    book.set_properties({"title": campaign.name, "created": made_at.replace(tzinfo=None)})
    bold = book.add_format({"bold": True})
    header = book.add_format(
        {"bold": True, "bg_color": "#E8F0E8", "border": 1, "text_wrap": True, "valign": "top"}
    )
    title = book.add_format({"bold": True, "font_size": 14})
    plain = book.add_format({"valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    when = book.add_format({"num_format": DATE_FORMAT, "valign": "top", "align": "left"})
    share = book.add_format({"num_format": "0%"})
    local = campaign.zone

    def moment(value: datetime | None) -> datetime | None:
        return value.astimezone(local).replace(tzinfo=None) if value is not None else None

    stages = {
        "submitted": voice._("Submitted"),
        "draft": voice._("Draft"),
        "not_started": voice._("Not started"),
    }

    # Summary: the counts per group
    summary = Sheet(book.add_worksheet(voice._("Summary")[:31]), [0] * 6)
    summary.sheet.write_string(0, 0, campaign.name, title)
    made = voice._("Made at {moment}").format(moment=voice.when(made_at))
    if found is not None:
        made += (
            " · "
            + voice.text_of(found.deadline.label)
            + ": "
            + voice._("due at {moment}").format(moment=voice.when(campaign.due_at(found.deadline)))
        )
    summary.sheet.write_string(1, 0, made)
    heads = [voice._("Group"), voice._("Units"), *stages.values(), voice._("Share submitted")]
    summary.row(3, heads, [header] * 6)
    line = 4
    if found is not None:
        for key, counts in [*found.groups.items(), ("", found.overall)]:
            name = campaign.group_name(key) if key else voice._("Total")
            values = [
                name,
                counts.total,
                *(getattr(counts, s) for s in STAGES),
                counts.submitted / counts.total if counts.total else 0.0,
            ]
            style = bold if not key else plain
            summary.row(line, values, [style, style, style, style, style, share])
            line += 1
    summary.widths[0] = max(summary.widths[0], 30)
    summary.fit(wrap)

    # Pledges: one row per unit, every answer in its own column
    columns = [voice._("Code"), voice._("Unit"), voice._("Group"), voice._("Status")]
    columns += [voice.text_of(f.label) for f in campaign.form]
    columns += [voice._("Submitted at"), voice._("Last changed")]
    sheet = Sheet(book.add_worksheet(voice._("Pledges")[:31]), [len(c) + 2 for c in columns])
    sheet.row(0, columns, [header] * len(columns))
    styles = [plain] * 4 + [wrap] * len(campaign.form) + [when, when]
    rows = sorted(rows, key=lambda r: (campaign.group_rank(r.unit.group), r.unit.code))  # by group
    for number, row in enumerate(rows, start=1):
        pledge = row.pledge
        fields = pledge.fields if pledge is not None else {}
        answers: list[Any] = []
        for field in campaign.form:
            value = fields.get(field.key)
            if field.kind == "count" and isinstance(value, int):
                answers.append(value)
            else:
                answers.append(
                    value_text(voice, campaign, field.key, value, joiner="\n")
                    if value not in (None, "", [])
                    else None
                )
        sheet.row(
            number,
            [
                row.unit.code,
                row.unit.name,
                campaign.group_name(row.unit.group),
                stages[stage(row.state)],
                *answers,
                moment(pledge.submitted_at) if pledge else None,
                moment(pledge.updated_at) if pledge and fields else None,
            ],
            styles,
        )
    sheet.fit(wrap)
    sheet.sheet.freeze_panes(1, 2)
    sheet.sheet.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)

    # Reviews: a sheet per review, one row per unit and target
    styles_of_reviews = review_sheet.Styles(header, plain, wrap, when)
    for deadline, reports in reviews:
        review_sheet.write(book, voice, campaign, deadline, reports, styles_of_reviews, moment)

    # History: every change, oldest first
    heads = [
        voice._("When"),
        voice._("Code"),
        voice._("Unit"),
        voice._("What changed"),
        voice._("Before"),
        voice._("After"),
        voice._("By"),
    ]
    log = Sheet(book.add_worksheet(voice._("History")[:31]), [len(h) + 2 for h in heads])
    log.row(0, heads, [header] * len(heads))
    styles = [when, plain, plain, plain, wrap, wrap, plain]
    for number, change in enumerate(history, start=1):
        values = [
            moment(change.at),
            change.unit_code,
            change.unit_name,
            what_changed(voice, campaign, change.field),
            _value(voice, campaign, change, change.old),
            _value(voice, campaign, change, change.new),
            who(voice, change),
        ]
        log.row(number, values, styles)
    log.fit(wrap)
    log.sheet.freeze_panes(1, 0)
    log.sheet.autofilter(0, 0, max(len(history), 1), len(heads) - 1)
    book.close()
    return out.getvalue()


def _value(voice: Speech, campaign: Campaign, change: Change, value: Any) -> str:
    if change.field == "unlocked_until" and isinstance(value, str):
        try:
            return voice.when(datetime.fromisoformat(value))
        except ValueError:
            return value
    if change.field == "status":
        return {"draft": voice._("Draft"), "submitted": voice._("Submitted")}.get(str(value), "")
    return value_text(voice, campaign, change.field, value, joiner="\n")
