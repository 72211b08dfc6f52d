"""procurement: per project and equipment row, whether it is in the procurement plan and how

แผนการจัดซื้อจัดจ้าง (พ.ร.บ. การจัดซื้อจัดจ้างฯ 2560 มาตรา 11): ``procured`` (NULL: the default rule of
``domain.procurement`` decides), ``procurement_method``, ``egp_plan_code`` (the code the e-GP system gives)
and ``procurement_month`` (the fiscal month the announcement is expected; NULL: the first month of the
project's run). Existing rows get NULL and "" — every decision stays with the default rule until the
officer changes it.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: four nullable or defaulted columns on project, and the month's check."""
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('procured', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('procurement_method', sa.String(length=100), server_default='',
                                      nullable=False))
        batch_op.add_column(sa.Column('egp_plan_code', sa.String(length=30), server_default='', nullable=False))
        batch_op.add_column(sa.Column('procurement_month', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(
            'procurement_month',
            'procurement_month IS NULL OR (procurement_month >= 1 AND procurement_month <= 12)')


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_project_procurement_month'), type_='check')
        batch_op.drop_column('procurement_month')
        batch_op.drop_column('egp_plan_code')
        batch_op.drop_column('procurement_method')
        batch_op.drop_column('procured')
