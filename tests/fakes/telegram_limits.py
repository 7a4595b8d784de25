"""Telegram's sending limits for the fake Bot API: sliding 1-second windows, overall and per chat.

../shared/reference/telegram.md, "Sending limits": about 30 messages a second overall and 1 a
second to one chat, with 429 and an integer `retry_after` beyond that.
"""

from __future__ import annotations

import math
from collections import deque

ChatId = int | str

# The methods that put a new message in a chat; edits, callback answers and the rest are free.
SENDS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "sendVideo",
        "sendAudio",
        "sendVoice",
        "sendAnimation",
        "sendVideoNote",
        "sendSticker",
        "sendMediaGroup",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "sendPoll",
        "sendDice",
        "copyMessage",
        "copyMessages",
        "forwardMessage",
        "forwardMessages",
    }
)


class SendLimits:
    """Admits sends while the last second holds fewer than the allowed number.

    A send at time t is refused when `overall_per_s` admitted sends, or `per_chat_per_s` admitted
    sends to its chat, have timestamps in (t - window, t]. A refused send is not counted, and its
    `retry_after` is the whole seconds (at least 1) until enough of them have left the window.
    """

    def __init__(self, overall_per_s: int, per_chat_per_s: int, window: float = 1.0) -> None:
        if overall_per_s < 1 or per_chat_per_s < 1:
            raise ValueError("limits are at least one message per window")
        self.overall_per_s, self.per_chat_per_s = overall_per_s, per_chat_per_s
        self.window = window
        self._sends: deque[tuple[float, ChatId]] = deque()  # admitted, oldest first

    def admit(self, chat_id: ChatId, now: float) -> int | None:
        """Count the send and return None, or return retry_after without counting it."""
        while self._sends and self._sends[0][0] <= now - self.window:
            self._sends.popleft()
        to_chat = [t for t, chat in self._sends if chat == chat_id]
        # The send that must leave the window for a place to free up, overall and in the chat.
        blockers = []
        if len(self._sends) >= self.overall_per_s:
            blockers.append(self._sends[len(self._sends) - self.overall_per_s][0])
        if len(to_chat) >= self.per_chat_per_s:
            blockers.append(to_chat[len(to_chat) - self.per_chat_per_s])
        if blockers:
            return max(1, math.ceil(max(blockers) + self.window - now))
        self._sends.append((now, chat_id))
        return None
