"""delivery engine claims, targets and broadcasts

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "broadcast",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("sender_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("attachment", sa.JSON(), nullable=True),
        sa.Column("audience", sa.JSON(), nullable=False),
        sa.Column("ask_ack", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("units", sa.JSON(), nullable=False),
        sa.Column("progress_chat", sa.String(length=128), nullable=True),
        sa.Column("progress_message", sa.String(length=64), nullable=True),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaign.id"], name=op.f("fk_broadcast_campaign_id_campaign")
        ),
        sa.ForeignKeyConstraint(
            ["sender_id"], ["account.id"], name=op.f("fk_broadcast_sender_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast")),
    )
    with op.batch_alter_table("broadcast", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_broadcast_campaign_id"), ["campaign_id"], unique=False
        )
    op.create_table(
        "broadcast_ack",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcast.id"],
            name=op.f("fk_broadcast_ack_broadcast_id_broadcast"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_broadcast_ack_account_id_account")
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["unit.id"], name=op.f("fk_broadcast_ack_unit_id_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_broadcast_ack")),
        sa.UniqueConstraint(
            "broadcast_id", "account_id", name=op.f("uq_broadcast_ack_broadcast_id_account_id")
        ),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chat_id", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("owner", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("claim_token", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("progress", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(sa.Column("broadcast_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("message_ids", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.create_index(batch_op.f("ix_outbox_broadcast_id"), ["broadcast_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_broadcast_id_broadcast"), "broadcast", ["broadcast_id"], ["id"]
        )
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chat_id", sa.String(length=128), nullable=True))
    with op.batch_alter_table("media", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keep_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("media", schema=None) as batch_op:
        batch_op.drop_column("keep_until")
    with op.batch_alter_table("account", schema=None) as batch_op:
        batch_op.drop_column("chat_id")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_broadcast_id_broadcast"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_outbox_broadcast_id"))
        for column in (
            "message_ids",
            "broadcast_id",
            "progress",
            "claim_token",
            "owner",
            "chat_id",
        ):
            batch_op.drop_column(column)
    op.drop_table("broadcast_ack")
    with op.batch_alter_table("broadcast", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_broadcast_campaign_id"))
    op.drop_table("broadcast")
