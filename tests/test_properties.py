"""Properties over the edges, for any input Hypothesis can think of: the web API's reading of a
body either gives a clean message or a 400 reason, and every parser of the pledge form gives a
value of its kind or a polite problem, never an exception."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.catalogs import load_catalogs
from bot.channels.web.channel import BadRequest, to_incoming
from handlers import form
from handlers import pledge_talk as talk
from handlers.campaign import load_campaign
from handlers.invites import looks_like_code
from handlers.text import whole_number
from handlers.types import Voice

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = load_campaign(ROOT / "campaigns" / "quang-nam-2024.yaml")
VOICE = Voice("vi", load_catalogs(ROOT / "locales"), ZoneInfo("Asia/Ho_Chi_Minh"))
FIELDS = {f.key: f for f in CAMPAIGN.form}
NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

# Text as people and fuzzers type it: any character, the odd digits, NULs and lone surrogates.
NASTY = st.sampled_from(["²", "①", "٣", "\x00", "\ud800", "\udfff", "-", ".", ",", " ", "\n"])
TEXT = st.text(st.one_of(st.characters(), NASTY), max_size=80) | st.from_regex(
    r"-?[0-9\u0660-\u0669]{1,30}([.,][0-9]{1,3})?", fullmatch=True
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
BODY = st.dictionaries(
    st.sampled_from(["session", "text", "payload", "id", "locale", "file"]),
    st.one_of(JSON, TEXT, st.just("a page's id of before")),
)
QUICK = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def clean(value: object) -> bool:
    return not isinstance(value, str) or not any(
        c == "\x00" or "\ud800" <= c <= "\udfff" for c in value
    )


@QUICK
@given(BODY | JSON)
def test_a_web_body_is_a_clean_message_or_a_reason(body: object) -> None:
    try:
        message = to_incoming(body, "3f9c2a7b1c4d", NOW, None)
    except BadRequest as problem:
        assert str(problem)
        return
    for value in (message.text, message.payload, message.event_id, message.locale_hint):
        assert clean(value)
    assert message.identity.user_id == message.chat_id


@QUICK
@given(TEXT)
def test_every_parser_gives_a_value_or_a_problem(text: str) -> None:
    for key in ("cstd_tinh", "cstd_co_so", "ld_tien_tien"):
        count = form.parse_count(text, FIELDS[key], VOICE)  # type: ignore[arg-type]
        assert isinstance(count, form.Problem) or 0 <= count <= FIELDS[key].maximum
    for key in ("commitment", "contact_name"):
        said = form.parse_text(text, FIELDS[key], VOICE)  # type: ignore[arg-type]
        assert isinstance(said, form.Problem | str)
    phone = form.parse_phone(text, VOICE)  # type: ignore[arg-type]
    assert isinstance(phone, form.Problem) or phone.isdigit()
    target = form.parse_target(text, FIELDS["targets"], VOICE)  # type: ignore[arg-type]
    assert isinstance(target, form.Problem | str)
    chosen = form.match_options(FIELDS["movements"], text)
    assert chosen is None or all(o in FIELDS["movements"].options for o in chosen)
    name = form.parse_name(text, FIELDS["contact_name"], VOICE)  # type: ignore[arg-type]
    assert isinstance(name, form.Problem) or sum(c.isdigit() for c in name) <= 2
    looks_like_code(text, linked=True)
    looks_like_code(text, linked=False)
    edit = talk.list_edit(text)
    assert edit is None or (edit.number >= 1 and (edit.new is None or edit.new.strip()))
    talk.reads_as_question(text), talk.is_back(text), talk.goto_question(text)
    talk.confirms(text), talk.is_measured(text)


@QUICK
@given(TEXT)
def test_a_whole_number_is_plain_digits_a_database_holds(text: str) -> None:
    number = whole_number(text)
    assert number is None or (str(number).zfill(len(text)) == text and number < 10**18)
