"""A review's sheet of the workbook: one row per unit and target, pledged beside reached with the
unit's self-assessment, then the individuals proposed per title against the number pledged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from handlers.campaign import Campaign, DeadlineSpec
from handlers.office.reports.sheet import Sheet
from handlers.review.questions import ASSESSMENTS, SIGNED, at_risk
from handlers.review.view import signed_text
from handlers.types import Speech
from storage.models import Report, Unit

Rows = list[tuple[Unit, Report | None]]


@dataclass(frozen=True, slots=True)
class Styles:
    header: Any
    plain: Any
    wrap: Any
    when: Any


def columns(voice: Speech, deadline: DeadlineSpec) -> list[str]:
    assert deadline.report is not None
    return [
        voice._("Code"),
        voice._("Unit"),
        voice._("Group"),
        voice._("Report"),
        voice._("No."),
        voice._("Pledged"),
        voice._("Reached"),
        voice._("Self-assessment"),
        voice._("Submitted at"),
        *(voice.text_of(f.label) for f in deadline.report.fields),
        *[voice._("Signed report")] * deadline.report.signed_copy,
    ]


def own_answers(voice: Speech, deadline: DeadlineSpec, report: Report | None) -> list[Any]:
    """The report's answers of the unit as a whole (a summary, difficulties, the signed copy),
    on the unit's first row."""
    assert deadline.report is not None
    fields = report.fields if report is not None else {}
    found: list[Any] = [fields.get(f.key) for f in deadline.report.fields]
    if deadline.report.signed_copy:
        copy = fields.get(SIGNED)
        found.append(signed_text(voice, copy) if copy is not None else None)
    return found


def lines(voice: Speech, campaign: Campaign, report: Report | None) -> list[list[Any]]:
    """The report's rows after the unit's own columns: number, pledged, reached, assessment."""
    if report is None:
        return [[None, None, None, None]]
    found: list[list[Any]] = []
    fields, pledged = report.fields, report.pledged
    for number, target in enumerate(pledged.get("targets") or [], start=1):
        mark = ASSESSMENTS.get(str(fields.get(f"assess.{number}")))
        found.append(
            [number, target, fields.get(f"result.{number}"), voice._(mark) if mark else None]
        )
    for key, count in (pledged.get("titles") or {}).items():
        title = campaign.field(key)
        if title is not None:
            proposed = fields.get(f"proposed.{key}")
            promised = f"{voice.text_of(title.label)}: {voice.number(int(count))}"
            found.append([None, promised, proposed, None])
    return found or [[None, None, None, None]]


def write(
    book: Any,
    voice: Speech,
    campaign: Campaign,
    deadline: DeadlineSpec,
    rows: Rows,
    styles: Styles,
    moment: Callable[[datetime | None], datetime | None],
) -> None:
    heads = columns(voice, deadline)
    name = voice.text_of(deadline.label)[:31]
    sheet = Sheet(book.add_worksheet(name), [len(h) + 2 for h in heads])
    sheet.row(0, heads, [styles.header] * len(heads))
    formats = [styles.plain] * 5 + [styles.wrap] * 2 + [styles.plain, styles.when]
    formats += [styles.wrap] * (len(heads) - len(formats))
    states = {
        None: voice._("Not started"),
        "draft": voice._("Draft"),
        "submitted": voice._("Submitted"),
    }
    line = 1
    rows = sorted(rows, key=lambda r: (campaign.group_rank(r[0].group), r[0].code))
    for unit, report in rows:
        state = states.get(report.status if report else None, "")
        submitted_at = report.submitted_at if report is not None else None
        if submitted_at is not None and submitted_at >= campaign.due_at(deadline):
            state = voice._("Submitted after the deadline")
        if report is not None and at_risk(report.pledged, report.fields):
            state += " ⚠️"
        submitted = moment(report.submitted_at) if report is not None else None
        whole = own_answers(voice, deadline, report)
        for number, values in enumerate(lines(voice, campaign, report)):
            own = [unit.code, unit.name, campaign.group_name(unit.group), state]
            rest = whole if number == 0 else [None] * len(whole)
            sheet.row(line, [*own, *values, submitted, *rest], formats)
            line += 1
    sheet.fit(styles.wrap)
    sheet.sheet.freeze_panes(1, 2)
    sheet.sheet.autofilter(0, 0, max(line - 1, 1), len(heads) - 1)
