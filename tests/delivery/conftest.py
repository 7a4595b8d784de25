"""Fixtures for the delivery tests: the fake Zalo APIs, next to the fake Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from fakes.zalo_bot_api import FakeZaloBot
from fakes.zalo_oa_api import FakeZaloOA
from harness import Clock


@pytest.fixture
async def zalo_bot_api() -> AsyncIterator[FakeZaloBot]:
    server = FakeZaloBot()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def zalo_oa_api(clock: Clock) -> AsyncIterator[FakeZaloOA]:
    server = FakeZaloOA(clock.now)
    await server.start()
    yield server
    await server.stop()
