"""Governance models, one module per subject so each stays small."""

from governance.models.attachments import Attachment
from governance.models.decisions import (
    Decision,
    DecisionClause,
    DecisionStatus,
    ParagraphCounter,
    Reservation,
)
from governance.models.meetings import (
    AgendaItem,
    ApproverRole,
    Attendance,
    AttendanceStatus,
    Guest,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesAdjuster,
    MinutesApproval,
    MinutesCorrection,
    MinutesItemNote,
    MinutesKind,
    MinutesStatus,
)

__all__ = [
    "AgendaItem",
    "ApproverRole",
    "Attachment",
    "Attendance",
    "AttendanceStatus",
    "Decision",
    "DecisionClause",
    "DecisionStatus",
    "Guest",
    "Meeting",
    "MeetingStatus",
    "Minutes",
    "MinutesAdjuster",
    "MinutesApproval",
    "MinutesCorrection",
    "MinutesItemNote",
    "MinutesKind",
    "MinutesStatus",
    "ParagraphCounter",
    "Reservation",
]
