"""A review report's questions, built from the unit's own pledge: for each key target the result
reached and a self-assessment, for each title the individuals proposed against the number
pledged, then the report's own questions and the signed copy. Pure: no storage, no replies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from handlers.campaign import Campaign, DeadlineSpec, FormField, ReviewForm
from handlers.router import N_
from handlers.text import words
from handlers.types import Speech

Kind = Literal["result", "assess", "proposed", "field", "signed"]
SIGNED = "copy.signed"
RESULT_LENGTH = 300  # a figure and a short text: a line on a phone
ASSESSMENTS = {
    "done": N_("Achieved"),
    "on_track": N_("On track"),
    "at_risk": N_("At risk"),
    "not_done": N_("Not achieved"),
}
MARKS = {"done": "✅", "on_track": "🟢", "at_risk": "⚠️", "not_done": "❌"}


@dataclass(frozen=True, slots=True)
class Ask:
    """One question of a report, in the reader's language."""

    key: str  # "result.2", "assess.2", "proposed.cstd_tinh", "summary", "copy.signed"
    kind: Kind
    label: str  # short, for the summary and the list of answers to change
    text: str  # the question as asked
    field: FormField  # how the answer is read (its kind, lengths, maximum, options)
    target: int = 0  # the key target's number, from 1, for results and assessments


def pledged_of(form: ReviewForm, fields: dict[str, Any]) -> dict[str, Any]:
    """What a report is measured against, kept with it: the pledge's targets and counts."""
    targets = [str(t) for t in fields.get(form.targets) or []]
    titles = {key: int(fields.get(key) or 0) for key in form.titles}
    return {"targets": targets, "titles": titles}


def _field(key: str, kind: str, label: str, **more: Any) -> FormField:
    localized = {"vi": label, "en": label}  # already in the reader's language
    return FormField.model_validate(
        {"key": "x", "kind": kind, "label": localized, "ask": localized, **more}
    ).model_copy(update={"key": key})


def assessment_field(speech: Speech) -> FormField:
    options = [
        {"key": key, "label": {"vi": speech._(label), "en": speech._(label)}}
        for key, label in ASSESSMENTS.items()
    ]
    return _field("assess", "choice", speech._("Self-assessment"), options=options)


def asks(
    speech: Speech, campaign: Campaign, form: ReviewForm, pledged: dict[str, Any]
) -> list[Ask]:
    """Every question of the report, in order."""
    found: list[Ask] = []
    targets: list[str] = pledged.get("targets") or []
    assess = assessment_field(speech)

    def label(key: str) -> str:
        return answer_label(speech, campaign, form, key)

    for number, target in enumerate(targets, start=1):
        result = label(f"result.{number}")
        found.append(
            Ask(
                f"result.{number}",
                "result",
                result,
                speech._(
                    "Target {number}: «{target}»\nWhat has been reached so far? A figure "
                    "and/or a short text."
                ).format(number=number, target=target),
                _field(f"result.{number}", "text", result, max_length=RESULT_LENGTH),
                number,
            )
        )
        found.append(
            Ask(
                f"assess.{number}",
                "assess",
                label(f"assess.{number}"),
                speech._("How does target {number} stand?").format(number=number),
                assess,
                number,
            )
        )
    for key, count in (pledged.get("titles") or {}).items():
        title = campaign.field(key)
        if title is None:
            continue
        name = speech.text_of(title.label)
        proposed = label(f"proposed.{key}")
        found.append(
            Ask(
                f"proposed.{key}",
                "proposed",
                proposed,
                speech._(
                    "How many individuals does your unit propose for «{title}»? The pledge "
                    "registered {count}."
                ).format(title=name, count=speech.number(int(count))),
                _field(f"proposed.{key}", "count", proposed, maximum=title.maximum),
            )
        )
    for field in form.fields:
        text = speech.text_of(field.ask)
        if field.hint:
            text += "\n" + speech.text_of(field.hint)
        found.append(Ask(field.key, "field", label(field.key), text, field))
    if form.signed_copy:
        signed = label(SIGNED)
        found.append(
            Ask(
                SIGNED,
                "signed",
                signed,
                speech._(
                    "Last: send the signed report as a PDF file or a photo, or press «Skip» "
                    "if you send it otherwise."
                ),
                _field(SIGNED, "text", signed),
            )
        )
    return found


def given(value: Any) -> bool:
    """An answer is there (the signed copy's False: skipped on purpose)."""
    return value is not None and value != ""


def missing(found: list[Ask], fields: dict[str, Any]) -> list[Ask]:
    return [a for a in found if not given(fields.get(a.key))]


def progress(
    campaign: Campaign, form: ReviewForm, pledged: dict[str, Any], fields: dict[str, Any]
) -> tuple[int, int]:
    """Answers given and questions asked, without the words of the questions."""
    keys = [
        f"{kind}.{n}"
        for n in range(1, len(pledged.get("targets") or []) + 1)
        for kind in ("result", "assess")
    ]
    keys += [f"proposed.{k}" for k in pledged.get("titles") or {} if campaign.field(k)]
    keys += [f.key for f in form.fields] + [SIGNED] * form.signed_copy
    return sum(given(fields.get(k)) for k in keys), len(keys)


def at_risk(pledged: dict[str, Any], fields: dict[str, Any]) -> bool:
    """Most of the unit's targets assessed at risk or not done."""
    targets = len(pledged.get("targets") or [])
    behind = sum(
        fields.get(f"assess.{n}") in ("at_risk", "not_done") for n in range(1, targets + 1)
    )
    return targets > 0 and behind * 2 > targets


def is_closed(due: datetime, unlocked_until: datetime | None, now: datetime) -> bool:
    """Closed from the review's deadline on, unless the office reopened this unit's report."""
    return now >= due and not (unlocked_until is not None and now < unlocked_until)


def opens_at(campaign: Campaign, deadline: DeadlineSpec) -> datetime | None:
    """A review opens when the deadline before it has passed (the mid-year review when
    registration closes); None: no deadline comes before it."""
    due = campaign.due_at(deadline)
    earlier = [campaign.due_at(d) for d in campaign.deadlines if campaign.due_at(d) < due]
    return max(earlier) if earlier else None


def open_review(
    campaign: Campaign, reopened: dict[str, datetime | None], now: datetime
) -> DeadlineSpec | None:
    """The review a unit reports on now: one the office reopened for it, else the one whose
    time it is (after the deadline before it, by its own); None between or after them."""
    reviews = campaign.reviews()
    for deadline in reviews:
        until = reopened.get(deadline.key)
        if until is not None and now < until and now >= campaign.due_at(deadline):
            return deadline
    for deadline in reviews:
        start = opens_at(campaign, deadline)
        if (start is None or start <= now) and now < campaign.due_at(deadline):
            return deadline
    return None


def named_review(campaign: Campaign, typed: str) -> DeadlineSpec | None:
    """The review a few typed words name ("sơ kết", "tong ket", "mid-year"), if any."""
    return split_review(campaign, typed)[0]


def answer_label(speech: Speech, campaign: Campaign, form: ReviewForm, key: str) -> str:
    """What an answer of a report is called, from its key alone (for its history)."""
    kind, _, rest = key.partition(".")
    if key == "status":
        return speech._("submitted the report")
    if key == "unlocked_until":
        return speech._("reopened the report")
    if kind == "result" and rest.isdigit():
        return speech._("Result of target {number}").format(number=rest)
    if kind == "assess" and rest.isdigit():
        return speech._("Self-assessment of target {number}").format(number=rest)
    if kind == "proposed" and (title := campaign.field(rest)) is not None:
        return speech._("Proposed: {title}").format(title=speech.text_of(title.label))
    if key == SIGNED:
        return speech._("Signed report")
    found = next((f for f in form.fields if f.key == key), None)
    return speech.text_of(found.label) if found is not None else key


def split_review(campaign: Campaign, typed: str) -> tuple[DeadlineSpec | None, str]:
    """ "TAMKY sơ kết 7" -> the mid-year review and "TAMKY 7"; (None, typed) if none named."""
    tokens = typed.split()
    for deadline in campaign.reviews():
        if deadline.key in tokens:  # a button's "cmd:pending mid_year"
            return deadline, " ".join(t for t in tokens if t != deadline.key)
    folded = [" ".join(words(t)) for t in tokens]
    for deadline in campaign.reviews():
        for name in deadline.words:
            said = words(name)
            for start in range(len(tokens) - len(said) + 1):
                if folded[start : start + len(said)] == said:
                    rest = tokens[:start] + tokens[start + len(said) :]
                    return deadline, " ".join(rest)
    return None, typed
