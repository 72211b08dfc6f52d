"""office server: row versions and who changed each row, the change log, department members

Every table people edit — the plan, the procedure and the plan in use (tracking: statuses, details,
disbursements, spending schedules, report rounds) — gets ``version`` (optimistic concurrency) and
``changed_by``; rows already there start at version 1, changed by nobody; ``change_log`` is
the feed open windows poll; ``office_member`` lists the units of each department user. On PostgreSQL the
roles, triggers, row-level security and grants are installed too (``db/office.py``); on SQLite that part
does nothing (the change log is written by ThaPlan's own connections there).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from thaplan_desktop.db.office import install_postgres

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The tables people edit at this revision (a table created later gets the columns from its own migration).
VERSIONED = ('deadline_extension', 'disbursement', 'edition', 'equipment_type', 'funding_source', 'organisation',
             'plan_amendment', 'procedure_posting', 'procedure_step', 'program', 'project', 'project_tracking',
             'report_round', 'setting', 'spending_schedule', 'strategy', 'tracking_status', 'unit')


def upgrade() -> None:
    """Apply this revision."""
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
            batch_op.add_column(sa.Column('changed_by', sa.String(length=100), server_default=sa.text("''"),
                                          nullable=False))
    op.create_table('change_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('table_name', sa.String(length=64), nullable=False),
    sa.Column('row_key', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=8), nullable=False),
    sa.Column('changed_by', sa.String(length=100), nullable=False),
    sa.Column('origin', sa.String(length=40), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index('ix_change_log_row', ['table_name', 'row_key'], unique=False)
    op.create_table('office_member',
    sa.Column('role_name', sa.String(length=100), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], name=op.f('fk_office_member_unit_id_unit'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('role_name', 'unit_id', name=op.f('pk_office_member'))
    )
    if op.get_bind().dialect.name == 'postgresql':  # roles, triggers, row-level security, grants
        install_postgres(op.get_bind())


def downgrade() -> None:
    """Revert this revision."""
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        for table in VERSIONED:
            bind.exec_driver_sql(f'DROP TRIGGER IF EXISTS thaplan_stamp ON "{table}";'
                                 f' DROP TRIGGER IF EXISTS thaplan_log ON "{table}";'
                                 f' DROP TRIGGER IF EXISTS thaplan_notify ON "{table}";'
                                 f' DROP POLICY IF EXISTS thaplan_read ON "{table}";'
                                 f' DROP POLICY IF EXISTS thaplan_office ON "{table}";'
                                 f' DROP POLICY IF EXISTS thaplan_department ON "{table}";'
                                 f' ALTER TABLE "{table}" DISABLE ROW LEVEL SECURITY')
        bind.exec_driver_sql('DROP FUNCTION IF EXISTS thaplan_stamp_row(); DROP FUNCTION IF EXISTS thaplan_log_change();'
                             ' DROP FUNCTION IF EXISTS thaplan_notify()')
    op.drop_table('office_member')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index('ix_change_log_row')
    op.drop_table('change_log')
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('changed_by')
            batch_op.drop_column('version')
