"""Reading answers to the pledge form: each parser returns the value or a polite problem."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.campaign import FormField, Option
from handlers.pledge_talk import is_measured
from handlers.text import clean, fold, whole_number
from handlers.types import Context, Incoming

_GROUPED = re.compile(r"^\d{1,3}(?:[.,\s]\d{3})+$")
_DECIMAL = re.compile(r"^-?\d+[.,]\d{1,2}$")
_PHONE_NOISE = re.compile(r"[\s.\-()]")
_MOBILE = re.compile(r"^0(?:3|5|7|8|9)\d{8}$")
_LANDLINE = re.compile(r"^02\d{9}$")
_NUMBER_LIST = re.compile(r"^\d{1,2}(?:\s*[,;\s]\s*\d{1,2})*$")
ZERO_WORDS = {"khong", "none", "zero", "no"}
_COUNTED = re.compile(
    r"\s*(người|nguoi|cá nhân|ca nhan|đồng chí|dong chi|people|persons?)\.?$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Problem:
    message: str


def parse_count(text: str, field: FormField, ctx: Context) -> int | Problem:
    """'12', '1.000', '1 000' or 'không' -> a whole number from 0 to the field's maximum."""
    raw = _COUNTED.sub("", text.strip())  # "12 người", "12 cá nhân": the number
    if fold(raw) in ZERO_WORDS:
        return 0
    if raw.startswith("-") and raw[1:].strip().isdigit():
        return Problem(ctx._("The number cannot be negative. Please type 0 or more."))
    if _DECIMAL.match(raw) and not _GROUPED.match(raw):
        return Problem(ctx._("Please type a whole number, without decimals."))
    digits = re.sub(r"[.,\s]", "", raw) if _GROUPED.match(raw) else raw
    if not digits.isdigit() or not digits.isascii():
        return Problem(ctx._("Please type a whole number, for example 0, 5 or 12."))
    value = int(digits)
    if len(digits) > 15:  # more digits than any count, and than a number can be shown with
        return Problem(
            ctx._("That number is far more than the {maximum} this field allows.").format(
                maximum=ctx.number(field.maximum)
            )
        )
    if value > field.maximum:
        return Problem(
            ctx._("{value} is more than the {maximum} this field allows. Please check it.").format(
                value=ctx.number(value), maximum=ctx.number(field.maximum)
            )
        )
    return value


def parse_text(text: str, field: FormField, ctx: Context) -> str | Problem:
    value = clean(text)
    if not value:
        return Problem(ctx._("This answer is required. Please type it as a message."))
    if len(value) < field.min_length:
        return Problem(
            ctx._("That is too short: please write at least {count} characters.").format(
                count=field.min_length
            )
        )
    if len(value) > field.max_length:
        return Problem(
            ctx._(
                "That is too long ({length} characters; at most {maximum}). It was not saved. "
                "Here it is, to shorten and send again:\n\n{text}"
            ).format(
                length=ctx.number(len(value)), maximum=ctx.number(field.max_length), text=value
            )
        )
    return value


def parse_name(text: str, field: FormField, ctx: Context) -> str | Problem:
    """A person's full name: letters, not a phone number or a code."""
    value = parse_text(text, field, ctx)
    if isinstance(value, Problem):
        return value
    if sum(c.isdigit() for c in value) > 2 or sum(c.isalpha() for c in value) < 2:
        return Problem(
            ctx._(
                "That does not look like a person's name. Please type the full name, for "
                "example Nguyễn Văn An; the phone number comes in the next question."
            )
        )
    return value


_PHONE_LABEL = re.compile(
    r"^(?:s[oố]\s*(?:đ|d)i[eệ]n\s*tho[aạ]i|s(?:đ|d)t|(?:đ|d)t|(?:đ|d)t(?:đ|d)(?:đ|d)|phone|tel|mobile)"
    r"[\s:.-]*",
    re.IGNORECASE,
)


def parse_phone(text: str, ctx: Context) -> str | Problem:
    """A Vietnamese mobile or landline number, kept as '0905123456'; words before it
    ("sđt", "số điện thoại:") are left out."""
    digits = _PHONE_NOISE.sub("", _PHONE_LABEL.sub("", text.strip()))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if _MOBILE.match(digits) or _LANDLINE.match(digits):
        return digits
    return Problem(
        ctx._(
            "That does not look like a Vietnamese phone number. Please type a mobile number "
            "of 10 digits such as 0905 123 456, or a landline such as 0235 3812 345."
        )
    )


def parse_target(line: str, field: FormField, ctx: Context) -> str | Problem:
    value = parse_text(line, field, ctx)
    if isinstance(value, Problem):
        return value
    if field.needs_number and not is_measured(value):
        return Problem(
            ctx._(
                "A target must be measurable: a figure, a rate or a date with what it "
                "measures, for example “100% of files on time”."
            )
        )
    return value


def match_option(field: FormField, msg: Incoming, ctx: Context) -> Option | None:
    """The option a person picked: a pressed button, its number in the list, or its name typed."""
    if msg.payload is not None:
        prefix, _, key = msg.payload.partition(":")
        return field.option(key) if prefix == "opt" else None
    typed = fold(msg.text)
    if (n := whole_number(typed)) is not None and 1 <= n <= len(field.options):
        return field.options[n - 1]
    if not typed:
        return None
    exact = [o for o in field.options if fold(ctx.text_of(o.label)) == typed]
    if exact:
        return exact[0]
    partial = [o for o in field.options if typed in fold(ctx.text_of(o.label))]
    return partial[0] if len(partial) == 1 else None


def match_options(field: FormField, text: str) -> list[Option] | None:
    """'1, 3 5' -> those options by number; None when the text is not such a list."""
    if not _NUMBER_LIST.match(text.strip()):
        return None
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    if not all(1 <= n <= len(field.options) for n in numbers):
        return None
    return [field.options[n - 1] for n in dict.fromkeys(numbers)]
