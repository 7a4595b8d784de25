"""The campaign file's schema: directive, units, groups, pledge form and deadlines, validated."""

from __future__ import annotations

import difflib
import re
from datetime import datetime, time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from handlers.directive import Directive, FaqEntry, Passage, Scope
from handlers.schema import FormField, Key, Language, Localized, Name, Option, Strict, UnitCode

__all__ = [
    "Campaign",
    "CampaignError",
    "Directive",
    "FaqEntry",
    "FormField",
    "Language",
    "Option",
    "Passage",
]


class Group(Strict):
    key: Key
    name: Name
    english: Name | None = None  # said beside the name in an answer in English


class UnitSpec(Strict):
    code: UnitCode
    name: Name
    kind: Literal["department", "district", "central"]
    group: Key
    aliases: list[Name] = []


_CLOCK = r"([01][0-9]|2[0-3]):[0-5][0-9]"


def _time_of_day(value: object) -> object:
    """'08:00'; YAML reads an unquoted 14:00 as the number 840 (minutes): taken back."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    if not isinstance(value, str) or not re.fullmatch(_CLOCK, value.strip()):
        raise ValueError(f'{value!r} is not a time of day: write it as "HH:MM", e.g. "08:00"')
    return value.strip()


def _quiet_hours(value: object) -> object:
    if value is None or value == "":
        return ""
    text = value.strip() if isinstance(value, str) else ""
    if not re.fullmatch(rf"{_CLOCK}-{_CLOCK}", text):
        raise ValueError(
            f'{value!r} is not a span of hours: write "HH:MM-HH:MM", e.g. "21:00-07:00", '
            'or "" for none'
        )
    start, end = text.split("-")
    if start == end:
        raise ValueError(f'{value!r} starts and ends at the same time: write "" for none')
    return text


SendAt = Annotated[str, BeforeValidator(_time_of_day)]
QuietHours = Annotated[str, BeforeValidator(_quiet_hours)]
StepDays = Annotated[int, Field(ge=0, le=365)]


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


class PlanChanges(Strict):
    """A deadline's own reminder settings; what it leaves out comes from the campaign's plan."""

    steps_days: list[StepDays] | None = None
    send_at: SendAt | None = None
    quiet_hours: QuietHours | None = None
    weekends: bool | None = None
    overdue_every_days: int | None = Field(default=None, ge=1, le=90)
    overdue_times: int | None = Field(default=None, ge=0, le=30)

    @model_validator(mode="after")
    def _distinct_steps(self) -> PlanChanges:
        twice = sorted({d for d in self.steps_days or () if (self.steps_days or []).count(d) > 1})
        if twice:
            raise ValueError(f"steps_days: {', '.join(map(str, twice))} appears twice")
        return self


class ReminderPlan(PlanChanges):
    """When reminders go out: days before the deadline, then overdue every few days."""

    steps_days: list[StepDays] = [14, 7, 3, 1, 0]
    send_at: SendAt = "08:00"
    quiet_hours: QuietHours = "21:00-07:00"
    weekends: bool = True
    overdue_every_days: int = Field(default=3, ge=1, le=90)
    overdue_times: int = Field(default=3, ge=0, le=30)

    @property
    def send_time(self) -> time:
        return _clock(self.send_at)

    @property
    def quiet(self) -> tuple[time, time] | None:
        """Quiet hours as (start, end); the end may be on the next day. None: no quiet hours."""
        if not self.quiet_hours:
            return None
        start, end = self.quiet_hours.split("-")
        return (_clock(start), _clock(end)) if start != end else None

    def send_time_is_quiet(self) -> bool:
        if (quiet := self.quiet) is None:
            return False
        start, end = quiet
        at = self.send_time
        return start <= at < end if start < end else at >= start or at < end

    def with_changes(self, changes: PlanChanges | None) -> ReminderPlan:
        if changes is None:
            return self
        return self.model_copy(update=changes.model_dump(exclude_none=True))


class ReviewForm(Strict):
    """The report a review deadline asks for, built from each unit's own submitted pledge: the
    result reached and a self-assessment for each key target, the individuals proposed for each
    title against the number pledged, the report's own questions (a summary, difficulties,
    proposals), then the signed report as a PDF or photo, which may be skipped."""

    targets: Key  # the pledge form's list of key targets
    titles: list[Key] = []  # the pledge form's counts of individuals, one per title
    fields: list[FormField] = []
    signed_copy: bool = True

    @model_validator(mode="after")
    def _simple_fields(self) -> ReviewForm:
        _unique("report.fields", [f.key for f in self.fields])
        for index, field in enumerate(self.fields):
            if field.kind not in ("text", "count", "choice"):
                raise ValueError(f"fields[{index}].kind: a report asks text, count or choice")
        return self


class DeadlineSpec(Strict):
    key: Key
    label: Localized
    due: datetime
    words: list[Name] = []  # how people name it in a question ("sơ kết", "mid-year")
    audience: Literal["all", "department", "district", "central"] = "all"
    # What completes it for a unit; "nothing": its reminders go to every linked unit.
    # Unset: registration is done when the pledge is submitted, a review with a report when the
    # report is submitted, any other deadline by nothing.
    done_when: Literal["pledge_submitted", "report_submitted", "nothing"] | None = None
    report: ReviewForm | None = None
    reminders: PlanChanges | None = None

    @property
    def completion(self) -> str:
        if self.done_when is not None:
            return self.done_when
        if self.key == "registration":
            return "pledge_submitted"
        return "report_submitted" if self.report is not None else "nothing"


class OfficeContact(Strict):
    """Who to call at the emulation office: shown where a person needs them (a locked pledge,
    a question no one at the office can take, /help)."""

    name: Name
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9 .+()-]{6,20}$")] | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None


class Campaign(Strict):
    """A campaign as written in its file; `id` is its database row, set once it is loaded."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]{3,64}$")]
    name: Name
    timezone: str = "Asia/Ho_Chi_Minh"
    directive: Directive
    groups: list[Group] = Field(min_length=1)
    units: list[UnitSpec] = Field(min_length=1)
    form: list[FormField] = Field(min_length=1)
    deadlines: list[DeadlineSpec] = Field(min_length=1)
    faq: list[FaqEntry] = []
    scope: Scope = Scope()
    reminders: ReminderPlan = ReminderPlan()
    office: OfficeContact | None = None
    id: int = Field(default=0, exclude=True)

    @model_validator(mode="after")
    def _consistent(self) -> Campaign:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"timezone: unknown timezone {self.timezone!r}") from None
        _unique("units", [u.code for u in self.units])
        _unique("form", [f.key for f in self.form])
        _unique("groups", [g.key for g in self.groups])
        _unique("deadlines", [d.key for d in self.deadlines])
        counts = {f.key for f in self.form if f.kind == "count"}
        for index, field in enumerate(self.form):
            if field.at_most is not None and (
                field.kind != "count" or field.at_most not in counts
            ):
                raise ValueError(f"form[{index}].at_most: both fields must be counts of the form")
        groups = {g.key for g in self.groups}
        for index, unit in enumerate(self.units):
            if unit.group not in groups:
                raise ValueError(f"units[{index}].group: no group {unit.group!r} in groups")
        _unique("faq", [f.id for f in self.faq])
        passages = {p.id for p in self.directive.passages} | {"bot"}
        for index, entry in enumerate(self.faq):
            if entry.source not in passages:
                raise ValueError(f"faq[{index}].source: no passage {entry.source!r} (or 'bot')")
        for index, deadline in enumerate(self.deadlines):
            self._check_report(f"deadlines[{index}]", deadline)
        if "registration" not in {d.key for d in self.deadlines}:
            raise ValueError("deadlines: a 'registration' deadline is required")
        return self

    def _check_report(self, where: str, deadline: DeadlineSpec) -> None:
        report = deadline.report
        if report is None:
            if deadline.done_when == "report_submitted":
                raise ValueError(f"{where}.done_when: report_submitted needs a report form")
            return
        if deadline.key == "registration":
            raise ValueError(f"{where}.report: registration is the pledge, not a review")
        targets = self.field(report.targets)
        if targets is None or targets.kind != "list":
            raise ValueError(f"{where}.report.targets: no list field {report.targets!r} in form")
        for index, key in enumerate(report.titles):
            if (title := self.field(key)) is None or title.kind != "count":
                raise ValueError(f"{where}.report.titles[{index}]: no count field {key!r} in form")

    def reviews(self) -> list[DeadlineSpec]:
        """The deadlines with a report form, in the file's order."""
        return [d for d in self.deadlines if d.report is not None]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def due_at(self, deadline: DeadlineSpec) -> datetime:
        """The deadline as an aware moment; a time written without offset is campaign-local."""
        due = deadline.due
        return due if due.tzinfo is not None else due.replace(tzinfo=self.zone)

    def warnings(self) -> list[str]:
        """What is allowed but most likely a slip, for `campaign check` to point out."""
        found = []
        for where, plan in [("reminders", self.reminders)] + [
            (f"deadlines[{n}].reminders", self.plan_for(d))
            for n, d in enumerate(self.deadlines)
            if d.reminders is not None
        ]:
            if plan.send_time_is_quiet():
                found.append(
                    f"{where}: send_at {plan.send_at} falls in quiet_hours {plan.quiet_hours}, "
                    "so every reminder waits for their end"
                )
        if self.office is None or (self.office.phone is None and self.office.email is None):
            found.append(
                "office: no phone or e-mail for the emulation office, so people who are told "
                "to contact it are not told how"
            )
        return found

    def plan_for(self, deadline: DeadlineSpec) -> ReminderPlan:
        return self.reminders.with_changes(deadline.reminders)

    def group_name(self, key: str | None) -> str:
        """A group's name; its key (or "—") for a group the file no longer has."""
        return next((g.name for g in self.groups if g.key == key), key or "—")

    def group_rank(self, key: str | None) -> int:
        """Where a group comes in the file: units are listed group by group in that order."""
        return next((n for n, g in enumerate(self.groups) if g.key == key), len(self.groups))

    def field(self, key: str) -> FormField | None:
        return next((f for f in self.form if f.key == key), None)

    def deadline(self, key: str) -> DeadlineSpec | None:
        return next((d for d in self.deadlines if d.key == key), None)

    @property
    def registration_due(self) -> datetime:
        deadline = self.deadline("registration")
        assert deadline is not None  # checked when the file was read
        return self.due_at(deadline)


def _unique(where: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for index, key in enumerate(keys):
        if key in seen:
            raise ValueError(f"{where}[{index}]: {key!r} appears twice")
        seen.add(key)


class CampaignError(Exception):
    """A campaign file that cannot be used; `problems` are lines naming the key path."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: " + "; ".join(problems))
        self.path, self.problems = path, problems


def load_campaign(path: Path) -> Campaign:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CampaignError(path, [f"cannot read the file: {error.strerror}"]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise CampaignError(path, [f"{where}not valid YAML ({error})"]) from None
    try:
        return Campaign.model_validate(raw)
    except ValidationError as error:
        raise CampaignError(path, [_describe(e) for e in error.errors()]) from None


def _describe(error: object) -> str:
    assert isinstance(error, dict)
    path = ""
    for part in error["loc"]:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    message = str(error["msg"]).removeprefix("Value error, ")
    message = re.sub(r" or instance of \w+", "", message)
    if error.get("type") == "extra_forbidden" and error["loc"]:
        message = "unknown key"
        close = difflib.get_close_matches(str(error["loc"][-1]), _known_keys(), n=1, cutoff=0.6)
        if close:
            message += f"; did you mean {close[0]!r}?"
    return f"{path}: {message}" if path else message


def _known_keys() -> set[str]:
    """Every key a campaign file may use, for suggestions."""
    keys: set[str] = set()
    models: list[type[BaseModel]] = [Strict]
    while models:
        model = models.pop()
        keys |= set(model.model_fields)
        models += model.__subclasses__()
    return keys
