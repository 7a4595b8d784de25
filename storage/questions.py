"""Forwarded questions and the answers staff added to the FAQ."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import FaqAdded, Question


async def ask_staff(
    db: AsyncSession, campaign_id: int, asker_id: int, text: str, at: datetime
) -> Question:
    question = Question(
        campaign_id=campaign_id, asker_id=asker_id, text=text, status="open", asked_at=at
    )
    db.add(question)
    await db.flush()
    return question


async def asked_since(db: AsyncSession, asker_id: int, since: datetime) -> list[datetime]:
    """When this person's questions went to the office since `since`, oldest first."""
    rows = await db.scalars(
        select(Question.asked_at)
        .where(Question.asker_id == asker_id, Question.asked_at >= since)
        .order_by(Question.asked_at)
    )
    return list(rows)


async def find_question(db: AsyncSession, question_id: int) -> Question | None:
    return await db.get(Question, question_id)


async def answer_question(
    db: AsyncSession, question: Question, answer: str, *, by: int, at: datetime
) -> None:
    question.status, question.answer = "answered", answer
    question.answered_by, question.answered_at = by, at
    await db.flush()


async def list_open_questions(db: AsyncSession, campaign_id: int) -> list[Question]:
    rows = await db.scalars(
        select(Question)
        .where(Question.campaign_id == campaign_id, Question.status == "open")
        .order_by(Question.id)
    )
    return list(rows)


async def add_faq(db: AsyncSession, question: Question, *, by: int, at: datetime) -> FaqAdded:
    """The question and its answer become an FAQ entry (once per question)."""
    if question.faq_id is not None:
        found = await db.get(FaqAdded, question.faq_id)
        assert found is not None
        return found
    entry = FaqAdded(
        campaign_id=question.campaign_id,
        question=question.text,
        answer=question.answer or "",
        added_by=by,
        added_at=at,
    )
    db.add(entry)
    await db.flush()
    question.faq_id = entry.id
    await db.flush()
    return entry


async def added_faq_mark(db: AsyncSession, campaign_id: int) -> tuple[int, int]:
    """How many answers the office added to the campaign's FAQ, and the last one's id: answers
    are only ever added, so a change of either means the list changed."""
    count, last = (
        await db.execute(
            select(func.count(FaqAdded.id), func.max(FaqAdded.id)).where(
                FaqAdded.campaign_id == campaign_id
            )
        )
    ).one()
    return int(count or 0), int(last or 0)


async def list_added_faq(db: AsyncSession, campaign_id: int) -> list[tuple[int, str, str]]:
    rows = await db.execute(
        select(FaqAdded.id, FaqAdded.question, FaqAdded.answer)
        .where(FaqAdded.campaign_id == campaign_id)
        .order_by(FaqAdded.id)
    )
    return [(int(i), str(q), str(a)) for i, q, a in rows]
