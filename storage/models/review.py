"""The tables of the reviews: each unit's mid-year and year-end report, and its history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.core import Base


class Report(Base):
    """A unit's report at a review deadline (mid-year, year-end), against its own pledge."""

    __tablename__ = "report"
    __table_args__ = (UniqueConstraint("unit_id", "campaign_id", "deadline"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    deadline: Mapped[str] = mapped_column(String(32))  # the review deadline's key
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | submitted
    # what the pledge said when the report was opened: the targets and the counts reported on
    pledged: Mapped[dict[str, Any]] = mapped_column(default=dict)
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    unlocked_until: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)
    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ReportRevision(Base):
    __tablename__ = "report_revision"
    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old: Mapped[Any] = mapped_column(JSON, nullable=True)
    new: Mapped[Any] = mapped_column(JSON, nullable=True)
    by_account_id: Mapped[int | None] = mapped_column(ForeignKey("account.id"))
    at: Mapped[datetime]
