"""project uuid and 64-bit money: a stable identifier per project row; budgets as BIGINT

Every project and equipment row gets a UUID that stays with it (through copies of the plan; a duplicate
made in the grid gets a new one): the key of ICS events, progress workbooks and the office server's change
feed. Money columns become BIGINT, as a 4-byte integer overflows at 21.47 million baht on PostgreSQL.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: add and fill project.uuid, widen project.budget_satang."""
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
    connection = op.get_bind()
    project = sa.table('project', sa.column('id', sa.Integer()), sa.column('uuid', sa.String(36)))
    ids = [row.id for row in connection.execute(sa.select(project.c.id))]
    for project_id in ids:
        connection.execute(project.update().where(project.c.id == project_id).values(uuid=str(uuid.uuid4())))
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_project_uuid'), ['uuid'])
        batch_op.alter_column('budget_satang', existing_type=sa.Integer(), type_=sa.BigInteger(),
                              existing_nullable=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table('project', schema=None) as batch_op:
        batch_op.alter_column('budget_satang', existing_type=sa.BigInteger(), type_=sa.Integer(),
                              existing_nullable=False)
        batch_op.drop_constraint(batch_op.f('uq_project_uuid'), type_='unique')
        batch_op.drop_column('uuid')
