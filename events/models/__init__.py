"""The events app's models, by concern: programmes, events (with sessions and the yearly plan),
registrations (with attendance), exhibits, imports (the plan import's runs and column mappings)."""

from .events import Event, EventQuerySet, EventSession, YearPlan
from .exhibits import Exhibit, exhibit_photo_path
from .imports import ImportColumnMapping, ImportRun
from .programmes import DeliveryMode, Form, Programme, ProgrammeModule
from .registrations import AttendanceMark, Registration, RegistrationQuerySet

__all__ = [
    "AttendanceMark", "DeliveryMode", "Event", "EventQuerySet", "EventSession", "Exhibit", "Form",
    "ImportColumnMapping", "ImportRun", "Programme", "ProgrammeModule", "Registration", "RegistrationQuerySet",
    "YearPlan", "exhibit_photo_path",
]
