"""the replies to a web request, to answer its retry with them again

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("processed_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replies", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("processed_event", schema=None) as batch_op:
        batch_op.drop_column("replies")
