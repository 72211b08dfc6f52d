"""Plain data of a plan: the dataclasses and enums every layer passes around.

No Qt, no SQLAlchemy: the database layer converts its rows into these, the GUI, the exporters and the
importer only ever see these. Domain terms keep their Thai names:
strategy = ยุทธศาสตร์, program = แผนงาน, unit = หน่วยงานรับผิดชอบหลัก, edition = ฉบับของแผนการดำเนินงาน.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal


class OrgKind(enum.StrEnum):
    """Kind of local government (องค์กรปกครองส่วนท้องถิ่น)."""

    SAO = "อบต."
    SUBDISTRICT_MUNICIPALITY = "เทศบาลตำบล"
    TOWN_MUNICIPALITY = "เทศบาลเมือง"
    CITY_MUNICIPALITY = "เทศบาลนคร"
    PAO = "อบจ."

    @property
    def is_municipality(self) -> bool:
        """True for a เทศบาล, whose committees carry the word เทศบาล instead of ท้องถิ่น."""
        return self.value.startswith("เทศบาล")


class EditionKind(enum.StrEnum):
    """Main plan, an additional edition (เพิ่มเติม ฉบับที่ n) or an amended one (แก้ไขครั้งที่ n)."""

    MAIN = "main"
    ADDITIONAL = "additional"
    AMENDED = "amended"


class TriggerKind(enum.StrEnum):
    """What opened the 30-day window in which the edition must be completed."""

    BUDGET_ORDINANCE = "budget_ordinance"
    ADDITIONAL_BUDGET = "additional_budget"
    ACCUMULATED_FUNDS = "accumulated_funds"
    OTHER_AGENCIES = "other_agencies"


class EditionStatus(enum.StrEnum):
    """Where the edition stands in the procedure."""

    DRAFT = "draft"
    ANNOUNCED = "announced"


class ProjectKind(enum.StrEnum):
    """A project of form ผด.02, or an equipment item of form ผด.02/1."""

    PROJECT = "project"
    EQUIPMENT = "equipment"


class Provenance(enum.StrEnum):
    """How a project came into the plan."""

    TYPED = "typed"
    IMPORTED = "imported"


@dataclass(frozen=True, slots=True)
class Organisation:
    """The local government (อปท.) whose plan this is."""

    id: int
    kind: OrgKind
    name: str
    district: str
    province: str
    executive_name: str = ""
    executive_title: str = ""
    planning_unit: str = ""
    logo: bytes | None = None
    crest: bytes | None = None  # ตราครุฑ printed above the ประกาศ's heading


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition of the plan for a fiscal year: the main plan or an additional/amended one."""

    id: int
    fiscal_year: int
    kind: EditionKind = EditionKind.MAIN
    number: int = 0
    title_suffix: str = ""
    trigger_kind: TriggerKind = TriggerKind.BUDGET_ORDINANCE
    trigger_date: dt.date | None = None
    status: EditionStatus = EditionStatus.DRAFT
    committee_meeting_date: dt.date | None = None
    announcement_date: dt.date | None = None
    dev_plan_period: str = ""
    preface_text: str | None = None
    intro_text: str | None = None
    preface_date: dt.date | None = None  # month and year the คำนำ is signed; None: when the draft was prepared
    prepared_on: dt.date | None = None  # read only: the day the draft was prepared (procedure step 2 done)

    @property
    def announced(self) -> bool:
        """Announced (ประกาศใช้แล้ว): printed without the draft mark, with its ประกาศ page."""
        return self.status is EditionStatus.ANNOUNCED or self.announcement_date is not None

    @property
    def label(self) -> str:
        """Short Thai label for lists and the command line: ฉบับหลัก / เพิ่มเติม ฉบับที่ 1 / แก้ไขครั้งที่ 1."""
        if self.kind is EditionKind.MAIN:
            return "ฉบับหลัก"
        return self.title_suffix or default_title_suffix(self.kind, self.number, self.fiscal_year)


def default_title_suffix(kind: EditionKind, number: int, fiscal_year: int) -> str:
    """The suffix printed after the plan's title for an additional or amended edition."""
    if kind is EditionKind.ADDITIONAL:
        return f"เพิ่มเติม ฉบับที่ {number}"
    if kind is EditionKind.AMENDED:
        return f"แก้ไขครั้งที่ {number}/{fiscal_year}"
    return ""


@dataclass(frozen=True, slots=True)
class Strategy:
    """ยุทธศาสตร์ of the local development plan; belongs to the organisation, reused across years."""

    id: int
    number: int
    name: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class Program:
    """แผนงาน under a strategy, linked to the standard DLA program list (code such as 00310)."""

    id: int
    strategy_id: int
    name: str
    position: int = 0
    dla_code: str | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """หน่วยงานรับผิดชอบหลัก: a division of the office or another agency."""

    id: int
    name: str
    is_external: bool = False
    position: int = 0


@dataclass(frozen=True, slots=True)
class Project:
    """One row of form ผด.02 (a project) or ผด.02/1 (an equipment item).

    ``months`` are fiscal months 1..12 where 1 = ต.ค. and 12 = ก.ย.; ``budget`` is baht with satang.
    """

    id: int
    edition_id: int
    kind: ProjectKind
    name: str
    details: str = ""
    budget: Decimal = Decimal("0.00")
    location: str = ""
    unit_id: int | None = None
    months: frozenset[int] = field(default_factory=frozenset)
    program_id: int | None = None
    equipment_type_id: int | None = None
    funding_source_id: int | None = None
    dev_plan_ref: str = ""
    position: int = 0
    provenance: Provenance = Provenance.TYPED
    source_file: str = ""
    source_sheet: str = ""
    source_row: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    uuid: str = ""  # stable for the row's life; "" only for a project not yet stored


@dataclass(frozen=True, slots=True)
class NamedItem:
    """A row of a simple reference list (equipment type, funding source)."""

    id: int
    name: str
    position: int = 0


@dataclass(frozen=True, slots=True)
class PlanData:
    """Everything an exporter needs about one edition, loaded in one go, as plain data."""

    organisation: Organisation
    edition: Edition
    strategies: tuple[Strategy, ...]
    programs: tuple[Program, ...]
    units: tuple[Unit, ...]
    equipment_types: tuple[NamedItem, ...]
    funding_sources: tuple[NamedItem, ...]
    projects: tuple[Project, ...]

    def unit_name(self, unit_id: int | None) -> str:
        """Name of a unit, or "" when the project has none."""
        return next((u.name for u in self.units if u.id == unit_id), "")


class EditionNotFound(LookupError):
    """No edition matches what was asked for; the message is Thai."""


def select_edition(editions: list[Edition], fiscal_year: int | None = None, selector: str = "main") -> Edition:
    """The edition a user names: ``main`` or an additional edition's number (``amended-N`` for amended).

    Without a fiscal year: the latest fiscal year among ``editions``.
    """
    if not editions:
        raise EditionNotFound("ไฟล์นี้ยังไม่มีแผนการดำเนินงาน")
    year = fiscal_year if fiscal_year is not None else max(e.fiscal_year for e in editions)
    selector = (selector or "main").strip().lower()
    for edition in editions:
        if edition.fiscal_year != year:
            continue
        if selector in ("main", "หลัก") and edition.kind is EditionKind.MAIN:
            return edition
        if selector.isdigit() and edition.kind is EditionKind.ADDITIONAL and edition.number == int(selector):
            return edition
        if (selector.startswith(("amended-", "แก้ไข")) and edition.kind is EditionKind.AMENDED
                and selector.split("-", 1)[-1].removeprefix("แก้ไข") == str(edition.number)):
            return edition
    years = sorted({e.fiscal_year for e in editions})
    if selector in ("main", "หลัก"):
        wanted = "ฉบับหลัก"
    elif selector.isdigit():
        wanted = f"ฉบับเพิ่มเติมที่ {selector}"
    else:
        wanted = f"ฉบับ “{selector}”"
    raise EditionNotFound(
        f"ไม่พบแผน{wanted} ของปีงบประมาณ {year} (ปีที่มีในไฟล์: {', '.join(map(str, years))})"
    )
