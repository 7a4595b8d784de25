"""wrong invite codes, by where they came from: limits per client address and overall

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=64), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"], ["account.id"], name=op.f("fk_link_failure_account_id_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_link_failure")),
    )
    with op.batch_alter_table("link_failure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_link_failure_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_link_failure_origin"), ["origin"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("link_failure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_link_failure_origin"))
        batch_op.drop_index(batch_op.f("ix_link_failure_at"))
    op.drop_table("link_failure")
