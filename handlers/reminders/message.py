"""What a reminder and the office's morning digest say, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from handlers.campaign import Campaign, DeadlineSpec
from handlers.office.reports.standing import Counts
from handlers.pledge_view import contact_of, is_answered
from handlers.reminders import plan
from handlers.review.questions import progress as review_progress
from handlers.types import Button, Reply, Speech
from storage.pledges import SUBMITTED
from storage.reminders import UnitState


def progress(campaign: Campaign, unit: UnitState) -> tuple[int, int]:
    """Questions answered and asked: of the pledge, or of the report a review state is of."""
    deadline = campaign.deadline(unit.review) if unit.review is not None else None
    if deadline is not None and deadline.report is not None:
        return review_progress(campaign, deadline.report, unit.pledged, unit.fields)
    return sum(is_answered(f, unit.fields.get(f.key)) for f in campaign.form), len(campaign.form)


def answered(campaign: Campaign, unit: UnitState) -> int:
    return progress(campaign, unit)[0]


def state_of(voice: Speech, campaign: Campaign, unit: UnitState) -> str:
    """'bản nháp, đã trả lời 5/9 câu', 'chưa bắt đầu', 'đã gửi'."""
    if unit.done:
        return voice._("submitted")
    if unit.review and unit.status is None and unit.pledge not in SUBMITTED:
        return voice._("no submitted pledge to report on")
    if unit.status is None or not unit.fields:
        return voice._("report not started") if unit.review else voice._("not started")
    done, total = progress(campaign, unit)
    return voice._("draft, {done}/{total} questions answered").format(done=done, total=total)


def reminder(
    voice: Speech,
    campaign: Campaign,
    deadline: DeadlineSpec,
    unit: UnitState,
    *,
    reminder_id: int,
    now: datetime,
    may_register: bool,
    typed: bool = False,
) -> Reply:
    """The reminder to one reader. `may_register`: the pledge can still be filled in (before
    the deadline, or reopened by the office). `typed`: the reader's chat shows no buttons, so
    the message says what to type instead."""
    due = campaign.due_at(deadline)
    label = voice.text_of(deadline.label)
    if due > now:
        lines = [
            voice._("⏰ Reminder: {deadline}").format(deadline=label),
            voice._("Due at {moment}: {left} left.").format(
                moment=voice.when(due), left=voice.span(due - now)
            ),
        ]
    else:
        lines = [
            voice._("⏰ Overdue: {deadline}").format(deadline=label),
            voice._("It was due at {moment}, {late} ago.").format(
                moment=voice.when(due), late=voice.span(now - due)
            ),
        ]
    buttons: list[Button] = []
    if deadline.completion == "pledge_submitted":
        lines.append(
            voice._("{unit}: {state}.").format(
                unit=unit.name, state=state_of(voice, campaign, unit)
            )
        )
        if may_register and due <= now and unit.unlocked_until is not None:
            lines.append(
                voice._("The office has reopened your unit's pledge until {moment}.").format(
                    moment=voice.when(unit.unlocked_until)
                )
            )
        if may_register:
            if unit.status is not None and bool(unit.fields):
                buttons.append(Button(voice._("▶️ Continue"), "cmd:register"))
                lines.append(
                    voice._("Press «Continue» to pick up at the question where you stopped.")
                )
            else:
                buttons.append(Button(voice._("📝 Register"), "cmd:register"))
                lines.append(
                    voice._(
                        "Press «Register» to start: {count} questions, each saved at once."
                    ).format(count=len(campaign.form))
                )
        else:
            lines.append(
                voice._(
                    "Registration is closed. Press «Ask to reopen» and the emulation office, "
                    "which can reopen your unit's pledge, will get your request."
                )
            )
            buttons.append(Button(voice._("✉️ Ask to reopen"), f"rem:reopen:{reminder_id}"))
    elif deadline.completion == "report_submitted":
        buttons += _report_lines(voice, campaign, unit, lines, reminder_id, may_register)
    if plan.snooze_until(now, due, campaign.plan_for(deadline), campaign.zone) is not None:
        buttons.append(Button(voice._("🔔 Remind me later"), f"rem:later:{reminder_id}"))
    if typed:  # the chat shows no buttons: a numbered list, as the dispatcher makes one
        lines.append("")
        lines += [f"{n}. {b.label}" for n, b in enumerate(buttons, start=1)]
        lines += ["", voice._("Reply with the number of your choice.")]
    return Reply("\n".join(lines), buttons=tuple(buttons))


def _report_lines(
    voice: Speech,
    campaign: Campaign,
    unit: UnitState,
    lines: list[str],
    reminder_id: int,
    may_report: bool,
) -> list[Button]:
    """A review's reminder: where the unit's report stands, and the way to it."""
    state = state_of(voice, campaign, unit)
    lines.append(voice._("{unit}, report: {state}.").format(unit=unit.name, state=state))
    if unit.status is None and unit.pledge not in SUBMITTED:
        lines.append(
            voice._(
                "Your unit did not submit a pledge, so there is nothing to report on. Please "
                "contact the emulation office."
            )
        )
        return []
    if not may_report:
        lines.append(
            voice._(
                "The review is closed. Press «Ask to reopen» and the emulation office, which "
                "can reopen your unit's report, will get your request."
            )
        )
        return [Button(voice._("✉️ Ask to reopen"), f"rem:reopen:{reminder_id}")]
    if unit.status is not None and bool(unit.fields):
        lines.append(voice._("Press «Continue» to pick up at the question where you stopped."))
        return [Button(voice._("▶️ Continue"), "cmd:report")]
    lines.append(
        voice._(
            "Press «Report» to start: the questions are built from your unit's own pledge, "
            "each saved at once."
        )
    )
    return [Button(voice._("📝 Report"), "cmd:report")]


@dataclass(slots=True)
class DeadlineFigures:
    """One deadline in the digest: where the units stand, who is pending, who is unreachable."""

    deadline: DeadlineSpec
    counts: Counts = field(default_factory=Counts)
    pending: dict[str, list[str]] = field(default_factory=dict)  # group name -> unit names
    unreachable: list[UnitState] = field(default_factory=list)
    unlinked: int = 0  # pending units with nobody linked: no reminder reaches them

    def add(self, unit: UnitState, group: str) -> None:
        if self.counts.add(unit) != "submitted":
            self.pending.setdefault(group, []).append(unit.name)


def digest(
    voice: Speech, campaign: Campaign, sections: list[DeadlineFigures], now: datetime
) -> Reply:
    lines = [
        voice._("📋 Morning digest, {day}").format(
            day=voice.day(now.astimezone(voice.timezone).date())
        )
    ]
    for section in sections:
        due = campaign.due_at(section.deadline)
        if due > now:
            when = voice._("due at {moment}, {left} left").format(
                moment=voice.when(due), left=voice.span(due - now)
            )
        else:
            when = voice._("was due at {moment}, {late} ago").format(
                moment=voice.when(due), late=voice.span(now - due)
            )
        lines += [
            "",
            f"{voice.text_of(section.deadline.label)} ({when})",
            voice._("Submitted: {submitted} · Draft: {draft} · Not started: {none}").format(
                submitted=voice.number(section.counts.submitted),
                draft=voice.number(section.counts.draft),
                none=voice.number(section.counts.not_started),
            ),
        ]
        for group, names in section.pending.items():
            lines.append(f"• {group} ({voice.number(len(names))}): {', '.join(names)}")
        if section.unlinked:
            lines.append(
                voice._(
                    "Of these, {count} have nobody linked to the bot, so no reminder reaches "
                    "them (/units lists their codes for invites)."
                ).format(count=voice.number(section.unlinked))
            )
        if section.unreachable:
            lines.append(voice._("Cannot be reached in chat (blocked, or outside Zalo's window):"))
            lines += [f"• {_contact(voice, campaign, unit)}" for unit in section.unreachable]
    return Reply("\n".join(lines))


def _contact(voice: Speech, campaign: Campaign, unit: UnitState) -> str:
    name, phone = contact_of(campaign, unit.pledge_fields)
    if name and phone:
        return voice._("{unit}: contact {name}, {phone}").format(
            unit=unit.name, name=name, phone=phone
        )
    if phone:
        return voice._("{unit}: phone {phone}").format(unit=unit.name, phone=phone)
    return voice._("{unit}: no contact in the pledge yet").format(unit=unit.name)
