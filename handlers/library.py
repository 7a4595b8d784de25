"""The knowledge base kept in step with the answers staff add, by any running instance."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.campaign import Campaign
from handlers.knowledge import Knowledge
from storage.questions import added_faq_mark, list_added_faq


class Library:
    """The knowledge base kept in step with answers staff add, by any running instance."""

    def __init__(self, campaign: Campaign) -> None:
        self._campaign = campaign
        self._mark = (0, 0)  # how many answers the office added, and the last one's id
        self._knowledge: Knowledge | None = None  # built when first needed: not by the CLI

    def ready(self) -> Knowledge:
        """The knowledge base of the campaign file, built now if it was not yet (at start)."""
        if self._knowledge is None:
            self._knowledge = Knowledge.build(self._campaign)
        return self._knowledge

    async def current(self, db: AsyncSession) -> Knowledge:
        """The knowledge base with every answer added so far; the answers' text is read only
        when one was added since the last question (a row's worth of work per question)."""
        mark = await added_faq_mark(db, self._campaign.id)
        if self._knowledge is None or mark != self._mark:
            added = await list_added_faq(db, self._campaign.id)
            self._knowledge = Knowledge.build(self._campaign, added)
            self._mark = (len(added), max((number for number, _, _ in added), default=0))
        return self._knowledge
