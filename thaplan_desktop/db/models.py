"""SQLAlchemy 2 typed ORM models: the tables of a ThaPlan database file.

Budgets are stored as whole satang (64-bit integers) so no float ever touches money; months as a 12-bit mask
(bit 0 = ต.ค.). Nothing here knows about Qt or about how rows are shown: the repository turns rows into
the plain dataclasses of ``thaplan_desktop.domain.model``. Every schema change goes with an Alembic
migration in ``db/migrations/versions``.

Tables people edit inherit :class:`Versioned`: a row version (optimistic concurrency: an UPDATE or DELETE
names the version it read) and who changed the row last. Inheriting it is all it takes for a table to join
the office server's rules (``db/office.py``: the change feed, and on PostgreSQL the rights of each role
and row-level security, ``office_scope`` naming the row's unit for a department's rights).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    """A fresh identifier for a project row, stable for the row's life (ICS UIDs, progress workbooks' keys)."""
    return str(uuid.uuid4())


def now() -> dt.datetime:
    """Local time without microseconds, as timestamps are stored."""
    return dt.datetime.now().replace(microsecond=0)


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name constraints predictably."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """A table people edit: each row carries its version and who changed it last.

    ``version`` is SQLAlchemy's version counter: every UPDATE or DELETE through the ORM says
    ``WHERE version = <the version read>`` and raises when someone else changed the row first.
    ``changed_by`` is the database user on PostgreSQL (a trigger sets it, whatever the client says), the
    operating-system login on SQLite. ``office_scope`` is the SQL expression giving the row's unit
    (หน่วยงาน) for PostgreSQL's row-level security: a department role may change a row only when it is
    of its own unit; None means only the planning office changes the table.
    """

    office_scope: ClassVar[str | None] = None

    version: Mapped[int] = mapped_column(Integer, default=1, server_default=text("1"))
    changed_by: Mapped[str] = mapped_column(String(100), default="", server_default=text("''"))

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - a declarative directive takes the class
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class OrganisationRow(Versioned, Base):
    """องค์กรปกครองส่วนท้องถิ่น: the office whose plan the file holds (one per file)."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    district: Mapped[str] = mapped_column(String(100), default="")
    province: Mapped[str] = mapped_column(String(100), default="")
    executive_name: Mapped[str] = mapped_column(String(200), default="")
    executive_title: Mapped[str] = mapped_column(String(200), default="")
    planning_unit: Mapped[str] = mapped_column(String(200), default="")
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    crest: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # ตราครุฑ of the ประกาศ page


class EditionRow(Versioned, Base):
    """One edition of the plan for a fiscal year (main, additional n, amended n)."""

    __tablename__ = "edition"
    __table_args__ = (
        UniqueConstraint("organisation_id", "fiscal_year", "kind", "number"),
        CheckConstraint("kind IN ('main', 'additional', 'amended')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16), default="main")
    number: Mapped[int] = mapped_column(Integer, default=0)
    title_suffix: Mapped[str] = mapped_column(String(200), default="")
    trigger_kind: Mapped[str] = mapped_column(String(32), default="budget_ordinance")
    trigger_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    committee_meeting_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    announcement_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    dev_plan_period: Mapped[str] = mapped_column(String(50), default="")
    preface_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    intro_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The month the คำนำ is signed (its first day); None: the month the edition's draft was prepared.
    preface_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class StrategyRow(Versioned, Base):
    """ยุทธศาสตร์ of the local development plan; reused across fiscal years."""

    __tablename__ = "strategy"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)

    programs: Mapped[list[ProgramRow]] = relationship(back_populates="strategy")


class DlaAreaRow(Base):
    """ด้าน of the DLA budget classification (00100 ด้านบริหารทั่วไป …)."""

    __tablename__ = "dla_area"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class DlaProgramRow(Base):
    """Standard แผนงาน of the DLA budget classification (00310 แผนงานอุตสาหกรรมและการโยธา …)."""

    __tablename__ = "dla_program"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("dla_area.code"))
    name: Mapped[str] = mapped_column(String(200))


class ProgramRow(Versioned, Base):
    """แผนงาน under a strategy, as it is printed in the plan."""

    __tablename__ = "program"

    id: Mapped[int] = mapped_column(primary_key=True)
    strategy_id: Mapped[int] = mapped_column(ForeignKey("strategy.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer, default=0)
    dla_code: Mapped[str | None] = mapped_column(ForeignKey("dla_program.code"), nullable=True)

    strategy: Mapped[StrategyRow] = relationship(back_populates="programs")


class UnitRow(Versioned, Base):
    """หน่วยงานรับผิดชอบหลัก: a division of the office, or another agency."""

    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_external: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EquipmentTypeRow(Versioned, Base):
    """ประเภทครุภัณฑ์ (ครุภัณฑ์สำนักงาน …)."""

    __tablename__ = "equipment_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class FundingSourceRow(Versioned, Base):
    """แหล่งงบประมาณ (ข้อบัญญัติงบประมาณรายจ่าย, จ่ายขาดเงินสะสม …)."""

    __tablename__ = "funding_source"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class ProjectRow(Versioned, Base):
    """A project (ผด.02) or equipment item (ผด.02/1) of one edition."""

    __tablename__ = "project"
    office_scope = "unit_id"
    __table_args__ = (
        CheckConstraint("kind IN ('project', 'equipment')", name="kind"),
        CheckConstraint("budget_satang >= 0", name="budget_not_negative"),
        CheckConstraint("months_mask >= 0 AND months_mask < 4096", name="months_mask"),
        CheckConstraint("procurement_month IS NULL OR (procurement_month >= 1 AND procurement_month <= 12)",
                        name="procurement_month"),
        Index("ix_project_edition_position", "edition_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"))
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(16), default="project")
    name: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="")
    budget_satang: Mapped[int] = mapped_column(BigInteger, default=0)  # 64-bit: over 21.47 M baht
    location: Mapped[str] = mapped_column(Text, default="")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"), nullable=True)
    months_mask: Mapped[int] = mapped_column(Integer, default=0)
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("program.id", ondelete="SET NULL"), nullable=True, index=True
    )
    equipment_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("equipment_type.id", ondelete="SET NULL"), nullable=True
    )
    funding_source_id: Mapped[int | None] = mapped_column(
        ForeignKey("funding_source.id", ondelete="SET NULL"), nullable=True
    )
    dev_plan_ref: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    provenance: Mapped[str] = mapped_column(String(16), default="typed")
    source_file: Mapped[str] = mapped_column(Text, default="")
    source_sheet: Mapped[str] = mapped_column(Text, default="")
    source_row: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=now, onupdate=now, server_default=func.current_timestamp()
    )
    # แผนการจัดซื้อจัดจ้าง (domain.procurement): NULL procured = the default rule decides; NULL month = the
    # first month of the project's run.
    procured: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    procurement_method: Mapped[str] = mapped_column(String(100), default="", server_default="")
    egp_plan_code: Mapped[str] = mapped_column(String(30), default="", server_default="")
    procurement_month: Mapped[int | None] = mapped_column(Integer, nullable=True)  # fiscal month, 1 = ต.ค.


class SettingRow(Versioned, Base):
    """A setting kept in the database file (print options and the like), as text."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


# --- the procedure (thaplan_desktop.workflow) ------------------------------------------------------------

class ProcedureStepRow(Versioned, Base):
    """Where one step of the procedure stands for one edition; a missing row means not started."""

    __tablename__ = "procedure_step"
    __table_args__ = (
        UniqueConstraint("edition_id", "step"),
        CheckConstraint("status IN ('not_started', 'in_progress', 'done')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"))
    step: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="not_started")
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    forced_reason: Mapped[str] = mapped_column(Text, default="")


class DeadlineExtensionRow(Versioned, Base):
    """An extension of an edition's completion deadline granted by the executive (ขยายเวลา)."""

    __tablename__ = "deadline_extension"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"), index=True)
    new_due: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    granted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class PostingRow(Versioned, Base):
    """When an edition's announcement was posted for the public (ปิดประกาศ) and taken down."""

    __tablename__ = "procedure_posting"

    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"), primary_key=True)
    posted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    removed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class AmendmentRow(Versioned, Base):
    """An amendment of an announced edition (การแก้ไขแผนการดำเนินงาน): what changed, when and why."""

    __tablename__ = "plan_amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("edition.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    amended_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=now, server_default=func.current_timestamp()
    )


# --- the plan in use: tracking progress and spending (thaplan_desktop.tracking) ----------------------------

def _through_project(table: str) -> str:
    """The ``office_scope`` of a per-project tracking table: the unit of the row's project."""
    return f"(SELECT project.unit_id FROM project WHERE project.id = {table}.project_id)"


class StatusEntryRow(Versioned, Base):
    """A project's status from a date on (its effective date): the history a report "as of" any day reads.

    One entry per project and effective date: a later entry for the same date replaces it.
    """

    __tablename__ = "tracking_status"
    office_scope = _through_project("tracking_status")
    __table_args__ = (
        UniqueConstraint("project_id", "effective_on"),
        CheckConstraint("status IN ('not_started', 'in_progress', 'done', 'cancelled', 'carried_over', 'unknown')",
                        name="status"),
        CheckConstraint("progress IS NULL OR (progress >= 0 AND progress <= 100)", name="progress"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    progress: Mapped[int | None] = mapped_column(Integer, nullable=True)  # percent, 0..100
    reason: Mapped[str] = mapped_column(Text, default="")  # why cancelled (or a note on the change)
    entered_by: Mapped[str] = mapped_column(String(100), default="")  # the operating-system login
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, server_default=func.current_timestamp())


class ProjectTrackingRow(Versioned, Base):
    """What is known of a project in use besides its status: actual dates, contract, problems, officer."""

    __tablename__ = "project_tracking"
    office_scope = _through_project("project_tracking")
    __table_args__ = (
        CheckConstraint("contract_satang IS NULL OR contract_satang >= 0", name="contract_not_negative"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    actual_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    actual_finish: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    contract_satang: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # วงเงินตามสัญญา
    contract_signed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    problems: Mapped[str] = mapped_column(Text, default="")  # ปัญหาและอุปสรรค
    officer: Mapped[str] = mapped_column(String(200), default="")  # the responsible officer
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, server_default=func.current_timestamp())


class DisbursementRow(Versioned, Base):
    """One disbursement (ผลการเบิกจ่าย) of a project: identified by its date, amount and note."""

    __tablename__ = "disbursement"
    office_scope = _through_project("disbursement")
    __table_args__ = (
        UniqueConstraint("project_id", "paid_on", "amount_satang", "note"),
        CheckConstraint("amount_satang > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount_satang: Mapped[int] = mapped_column(BigInteger)
    note: Mapped[str] = mapped_column(Text, default="")
    entered_by: Mapped[str] = mapped_column(String(100), default="")
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime, default=now, server_default=func.current_timestamp())


class SpendingScheduleRow(Versioned, Base):
    """The officer's planned spending of a project in one fiscal month (none: the budget spread evenly)."""

    __tablename__ = "spending_schedule"
    office_scope = _through_project("spending_schedule")
    __table_args__ = (
        CheckConstraint("month >= 1 AND month <= 12", name="month"),
        CheckConstraint("amount_satang >= 0", name="amount_not_negative"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    month: Mapped[int] = mapped_column(Integer, primary_key=True)  # fiscal month, 1 = ต.ค.
    amount_satang: Mapped[int] = mapped_column(BigInteger)


class ReportRoundRow(Versioned, Base):
    """A round of the monitoring report (รายงานผลการติดตามและประเมินผล) of a fiscal year and its dates.

    Office-wide: the planning office records it, departments and readers read it (no ``office_scope``).
    """

    __tablename__ = "report_round"
    __table_args__ = (
        UniqueConstraint("organisation_id", "fiscal_year", "round"),
        CheckConstraint("round IN ('6m', '12m', 'q1', 'q2', 'q3', 'q4')", name="round"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    round: Mapped[str] = mapped_column(String(8))
    as_of: Mapped[dt.date] = mapped_column(Date)
    reported_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # to the council and committee
    announced_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    posted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    removed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


# --- the office server (db/office.py) ----------------------------------------------------------------------

class ChangeLogRow(Base):
    """One changed row of a :class:`Versioned` table: the change feed open windows poll, and who did it.

    Written by triggers (on PostgreSQL, whatever the client; on SQLite, by ThaPlan's own connections), never
    by the application. ``origin`` names the workspace that made the change, so a window can tell its own
    changes from others'. ``project_id`` is the project a tracking row belongs to (kept even when the row is
    deleted, so a window knows whose tracking to read again); NULL for other tables.
    """

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_row", "table_name", "row_key"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(8))
    changed_by: Mapped[str] = mapped_column(String(100), default="")
    origin: Mapped[str | None] = mapped_column(String(40), nullable=True)
    project_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class OfficeMemberRow(Base):
    """Which unit (หน่วยงาน) a department's database user keys projects for (PostgreSQL rights)."""

    __tablename__ = "office_member"

    role_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True)
