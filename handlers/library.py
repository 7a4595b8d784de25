"""The knowledge base kept in step with the answers staff add, by any running instance."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.campaign import Campaign
from handlers.knowledge import Knowledge
from storage.questions import added_faq_mark, list_added_faq

RECHECK = timedelta(seconds=5)  # how often another instance's added answers are looked for


class Library:
    """The knowledge base kept in step with answers staff add, by any running instance."""

    def __init__(self, campaign: Campaign) -> None:
        self._campaign = campaign
        self._mark = (0, 0)  # how many answers the office added, and the last one's id
        self._checked: datetime | None = None  # when that was last looked up
        self._knowledge: Knowledge | None = None  # built when first needed: not by the CLI

    def ready(self) -> Knowledge:
        """The knowledge base of the campaign file, built now if it was not yet (at start)."""
        if self._knowledge is None:
            self._knowledge = Knowledge.build(self._campaign)
        return self._knowledge

    async def current(self, db: AsyncSession, now: datetime) -> Knowledge:
        """The knowledge base with every answer added so far. Whether one was added is looked
        up at most every RECHECK (an answer added by another instance is used within seconds,
        and a question costs no lookup); the answers' text is read only when one was."""
        if self._knowledge is not None and self._checked and abs(now - self._checked) < RECHECK:
            return self._knowledge
        mark = await added_faq_mark(db, self._campaign.id)
        if self._knowledge is None or mark != self._mark:
            added = await list_added_faq(db, self._campaign.id)
            self._knowledge = Knowledge.build(self._campaign, added)
            self._mark = (len(added), max((number for number, _, _ in added), default=0))
        self._checked = now
        return self._knowledge

    def stale(self) -> None:
        """An answer was added here: the next question looks it up."""
        self._checked = None
