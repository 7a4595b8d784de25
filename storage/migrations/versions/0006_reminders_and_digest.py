"""deadline reminders, snoozes and the office's morning digest

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deadline_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reached", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deadline_id"], ["deadline.id"], name=op.f("fk_reminder_deadline_id_deadline")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_reminder_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.UniqueConstraint(
            "deadline_id",
            "unit_id",
            "due_at",
            "step",
            name=op.f("uq_reminder_deadline_id_unit_id_due_at_step"),
        ),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminder_claimed_at"), ["claimed_at"], unique=False)
    op.create_table(
        "reminder_snooze",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["reminder_id"], ["reminder.id"], name=op.f("fk_reminder_snooze_reminder_id_reminder")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_reminder_snooze_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_snooze")),
        sa.UniqueConstraint(
            "reminder_id", "account_id", name=op.f("uq_reminder_snooze_reminder_id_account_id")
        ),
    )
    with op.batch_alter_table("reminder_snooze", schema=None) as batch_op:
        batch_op.create_index("ix_reminder_snooze_due", ["sent_at", "until"], unique=False)
    op.create_table(
        "digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reached", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_digest_campaign_id_campaign")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest")),
        sa.UniqueConstraint("campaign_id", "day", name=op.f("uq_digest_campaign_id_day")),
    )
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ticked_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("done_when", sa.String(length=32), nullable=False, server_default="nothing")
        )
    op.execute("UPDATE deadline SET done_when = 'pledge_submitted' WHERE key = 'registration'")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.add_column(sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("digest", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(sa.Column("pushed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reminder_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_reminder_id"), ["reminder_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_reminder_id_reminder"), "reminder", ["reminder_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_outbox_reminder_id_reminder"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outbox_reminder_id"))
        batch_op.drop_column("reminder_id")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("pushed_at")
        batch_op.drop_column("digest")
    with op.batch_alter_table("deadline", schema=None) as batch_op:
        batch_op.drop_column("checked_at")
        batch_op.drop_column("done_when")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_column("ticked_at")
    op.drop_table("digest")
    with op.batch_alter_table("reminder_snooze", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_snooze_due")
    op.drop_table("reminder_snooze")
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_claimed_at"))
        batch_op.drop_index(batch_op.f("ix_reminder_unit_id"))
    op.drop_table("reminder")
