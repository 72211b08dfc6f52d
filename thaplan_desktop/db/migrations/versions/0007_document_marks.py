"""document marks: the organisation's ตราครุฑ for the ประกาศ page, the month the คำนำ is signed

Both tables are already versioned (0006): the new columns travel with their rows' versions, the change
log and the office's grants with nothing more.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('crest', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.add_column(sa.Column('preface_date', sa.Date(), nullable=True))


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.drop_column('preface_date')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_column('crest')
