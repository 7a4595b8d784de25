"""The whole bot on a Zalo Official Account: buttons, signatures, tokens, the 7-day window."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from fakes.zalo_oa_api import FakeZaloOA
from harness import Bot, Clock
from sqlalchemy import select
from zalo_people import zalo_bot

from bot.delivery.results import Sent, Target, Unreachable
from handlers.types import Reply, pack
from storage import outbox
from storage.models import Account, OAuthToken, Outbox, ProcessedEvent

USER = "2468458835296117922"


@pytest.fixture
async def fake(clock: Clock) -> AsyncIterator[FakeZaloOA]:
    server = FakeZaloOA(clock.now)
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def oa(fake: FakeZaloOA, sqlite_url: str, clock: Clock) -> AsyncIterator[Bot]:
    async with zalo_bot(sqlite_url, clock, oa=fake) as bot:
        yield bot


async def account(bot: Bot, user_id: str) -> Account | None:
    async with bot.app.db.transaction() as session:
        return await session.scalar(select(Account).where(Account.user_id == user_id))


async def test_a_leader_links_and_registers_by_tapping_buttons(oa: Bot, fake: FakeZaloOA) -> None:
    await fake.user_says(USER, await oa.invite("NUITHANH"))
    await fake.tap(USER, "Đăng ký ngay")
    assert "(1/9)" in fake.texts(USER)[-1]
    buttons = fake.sent[USER][-1]["attachment"]["payload"]["buttons"]
    assert buttons[0] == {
        "title": "Cờ thi đua của UBND tỉnh",
        "type": "oa.query.show",
        "payload": "Cờ thi đua của UBND tỉnh",
    }
    await fake.tap(USER, "Tập thể lao động tiên tiến")
    for count in ("2", "15", "120"):
        await fake.user_says(USER, count)
    assert "7. Xong" in fake.texts(USER)[-1]  # seven choices are more than five buttons
    await fake.user_says(USER, "5")
    await fake.user_says(USER, "7")
    await fake.user_says(USER, "Tiết kiệm 10% chi thường xuyên")
    await fake.tap(USER, "Xong")
    await fake.user_says(USER, "Cam kết hoàn thành xuất sắc nhiệm vụ năm 2024")
    await fake.user_says(USER, "Phạm Văn Bình")
    await fake.user_says(USER, "0235 3812 345")
    await fake.tap(USER, "Xác nhận và gửi")
    assert "đã được gửi lúc" in fake.texts(USER)[-1]
    pledge = await oa.pledge("NUITHANH")
    assert pledge is not None and pledge.status == "submitted"
    assert pledge.fields["title"] == "tt_tien_tien" and pledge.fields["movements"] == [
        "van_hoa_cong_so"
    ]


async def test_forged_and_stale_events_are_refused_with_nothing_handled(
    oa: Bot, fake: FakeZaloOA, clock: Clock
) -> None:
    event = fake.event("forger-1", "/start")
    assert await fake.post(event, secret="not-the-secret") == 401
    assert await fake.post(event, signature="mac=" + "0" * 64) == 401
    assert await fake.post(event, signature="mac=") == 401
    old = fake.event(
        "forger-1", "/start", at_ms=int(clock.now().timestamp() * 1000) - 3 * 3600_000
    )
    assert await fake.post(old) == 403  # signed, but three hours old
    async with oa.app.db.transaction() as session:
        assert await session.scalar(select(ProcessedEvent)) is None
    assert await account(oa, "forger-1") is None and fake.sent == {}


async def test_a_replayed_event_is_handled_once(oa: Bot, fake: FakeZaloOA) -> None:
    event = await fake.user_says(USER, "/start")
    assert await fake.post(event) == 200
    assert len(fake.texts(USER)) == 1


async def test_an_expired_token_is_refreshed_once_and_the_new_one_survives_a_restart(
    fake: FakeZaloOA, sqlite_url: str, clock: Clock
) -> None:
    async with zalo_bot(sqlite_url, clock, oa=fake) as bot:
        assert [c["refresh_token"] for c in fake.refresh_calls] == ["RT-first"]
        fake.expire_tokens()
        await fake.user_says(USER, "/start")
        assert "Xin chào!" in fake.texts(USER)[-1]
        assert len(fake.refresh_calls) == 2
        async with bot.app.db.transaction() as session:
            stored = await session.scalar(select(OAuthToken))
        assert stored is not None and stored.refresh_token in fake.valid_refresh
    # RT-first is spent; ZALO_OA_REFRESH_TOKEN still says it, but the database knows better.
    async with zalo_bot(sqlite_url, clock, oa=fake):
        fake.expire_tokens()
        await fake.user_says(USER, "/help")
        assert "Các lệnh có thể dùng:" in fake.texts(USER)[-1]
    assert [c["refresh_token"] for c in fake.refresh_calls][2] == stored.refresh_token
    assert len(fake.refresh_calls) == 3


async def test_two_instances_never_spend_the_same_refresh_token(
    fake: FakeZaloOA, database_url: str, clock: Clock
) -> None:
    async with (
        zalo_bot(database_url, clock, oa=fake) as first,
        zalo_bot(database_url, clock, oa=fake) as second,
    ):
        assert len(fake.refresh_calls) == 1  # the second found the first's token
        fake.expire_tokens()
        assert first.app.zalo_oa is not None and second.app.zalo_oa is not None
        stale = await first.app.zalo_oa.tokens.current()
        assert stale == await second.app.zalo_oa.tokens.current()
        renewed = await asyncio.gather(
            first.app.zalo_oa.tokens.refresh(stale), second.app.zalo_oa.tokens.refresh(stale)
        )
    assert renewed[0] == renewed[1] != stale
    assert len(fake.refresh_calls) == 2


async def test_the_token_is_refreshed_before_it_expires(
    oa: Bot, fake: FakeZaloOA, clock: Clock
) -> None:
    assert oa.app.zalo_oa is not None
    first = await oa.app.zalo_oa.tokens.current()
    clock.advance(hours=23)
    assert await oa.app.zalo_oa.tokens.current() == first
    clock.advance(hours=1, minutes=1)  # 24 h 1 min of a 25 h token
    assert await oa.app.zalo_oa.tokens.current() != first
    assert len(fake.refresh_calls) == 2


async def test_no_proactive_message_outside_the_7_day_window(
    oa: Bot, fake: FakeZaloOA, clock: Clock
) -> None:
    assert oa.app.zalo_oa is not None and oa.app.outbox is not None
    channel = oa.app.zalo_oa.channel
    await fake.user_says(USER, "/start")
    person = await account(oa, USER)
    assert person is not None and person.last_inbound_at is not None
    target = Target("zalo_oa", USER, USER, last_inbound_at=person.last_inbound_at)
    clock.advance(days=6)
    assert isinstance(await channel.send(target, [Reply("Nhắc hạn đăng ký")]), Sent)
    clock.advance(days=1, minutes=1)
    calls_before = fake.send_calls
    late = await channel.send(target, [Reply("Nhắc hạn lần 2")])
    assert isinstance(late, Unreachable) and "outside Zalo's 7-day window" in late.reason
    assert fake.send_calls == calls_before  # not even attempted
    async with oa.app.db.transaction() as session:
        row = await outbox.enqueue(
            session, person.id, "reminder", pack([Reply("Nhắc hạn lần 3")]), clock.now()
        )
    await oa.app.outbox.drain()  # the worker meets the same window, and records it
    assert fake.send_calls == calls_before
    person = await account(oa, USER)
    assert person is not None and person.blocked
    assert person.blocked_reason is not None and "outside Zalo's 7-day window" in (
        person.blocked_reason
    )
    async with oa.app.db.transaction() as session:
        stored = await session.get(Outbox, row.id)
    assert stored is not None and stored.status == "unreachable"
    never = await channel.send(Target("zalo_oa", "never-wrote", "never-wrote"), [Reply("x")])
    assert isinstance(never, Unreachable) and fake.send_calls == calls_before


async def test_errors_map_to_retry_unreachable_or_give_up(oa: Bot, fake: FakeZaloOA) -> None:
    fake.fail_next_send(-32, "rate limit")
    await fake.user_says(USER, "/start")
    assert "Xin chào!" in fake.texts(USER)[-1]  # -32 waited and retried
    fake.fail_next_send(-230, "User has not interacted with the OA in the past 7 days")
    await fake.user_says("u-230", "/start")
    person = await account(oa, "u-230")
    assert person is not None and person.blocked_reason == (
        "Zalo -230: User has not interacted with the OA in the past 7 days"
    )
    fake.fail_next_send(-201, "message is invalid!")
    await fake.user_says("u-201", "/start")  # given up, logged, the bot goes on
    await fake.user_says("u-201", "/help")
    assert "Các lệnh có thể dùng:" in fake.texts("u-201")[-1]


async def test_follow_greets_and_unfollow_marks_unreachable(oa: Bot, fake: FakeZaloOA) -> None:
    follow = {
        "oa_id": "388613280878808645",
        "follower": {"id": "u-follow"},
        "event_name": "follow",
        "app_id": "3608465248940903967",
        "source": "oa_profile",
        "timestamp": str(int(fake.now().timestamp() * 1000)),
    }
    assert await fake.post(follow) == 200
    assert "Xin chào!" in fake.texts("u-follow")[-1]
    assert await fake.post({**follow, "event_name": "unfollow"}) == 200
    person = await account(oa, "u-follow")
    assert person is not None and person.blocked_reason == "unfollowed the OA"


def test_the_signature_matches_the_reference_example() -> None:
    from bot.channels.zalo_oa.channel import signature_matches

    raw = (
        b'{"app_id":"3608465248940903967","sender":{"id":"2468458835296117922"},'
        b'"user_id_by_app":"5521727797175877301","recipient":{"id":"388613280878808645"},'
        b'"event_name":"user_send_text","message":{"text":"dang ky cam ket",'
        b'"msg_id":"96d3cdf3af150460909"},"timestamp":"1731650400000"}'
    )
    mac = "mac=db6c78300a797d323a83ffe0da8be6ffc592075470209b615bffd9dbe6686035"
    event = {"timestamp": "1731650400000", "recipient": {"id": "388613280878808645"}}
    assert len(raw) == 275
    assert signature_matches(raw, mac, event, "3608465248940903967", "TestOASecretKey123")
    assert not signature_matches(raw, mac, event, "3608465248940903967", "OtherSecret")
    assert not signature_matches(
        raw + b" ", mac, event, "3608465248940903967", "TestOASecretKey123"
    )
