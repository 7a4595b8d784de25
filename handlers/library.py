"""The knowledge base kept in step with the answers staff add, by any running instance."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.campaign import Campaign
from handlers.knowledge import Knowledge
from storage.questions import list_added_faq


class Library:
    """The knowledge base kept in step with answers staff add, by any running instance."""

    def __init__(self, campaign: Campaign) -> None:
        self._campaign = campaign
        self._added: tuple[int, ...] = ()
        self._knowledge: Knowledge | None = None  # built when first needed: not by the CLI

    def ready(self) -> Knowledge:
        """The knowledge base of the campaign file, built now if it was not yet (at start)."""
        if self._knowledge is None:
            self._knowledge = Knowledge.build(self._campaign)
        return self._knowledge

    async def current(self, db: AsyncSession) -> Knowledge:
        added = await list_added_faq(db, self._campaign.id)
        if self._knowledge is None or tuple(n for n, _, _ in added) != self._added:
            self._knowledge = Knowledge.build(self._campaign, added)
            self._added = tuple(number for number, _, _ in added)
        return self._knowledge
