"""web chat identities issued by the server (a hashed cookie token per device), and the
short-lived codes that open one account on a second device

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_device",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("inbox_after", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_web_device")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_web_device_token_hash")),
    )
    with op.batch_alter_table("web_device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_web_device_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_web_device_expires_at"), ["expires_at"], unique=False)
    op.create_table(
        "device_code",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device_code")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_device_code_code_hash")),
    )
    with op.batch_alter_table("device_code", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_device_code_expires_at"), ["expires_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("device_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_code_expires_at"))
    op.drop_table("device_code")
    with op.batch_alter_table("web_device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_web_device_expires_at"))
        batch_op.drop_index(batch_op.f("ix_web_device_user_id"))
    op.drop_table("web_device")
