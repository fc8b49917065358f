"""The registration errors: each carries a translated message the views show as it is."""

from django.utils.translation import gettext_lazy as _

from kvalifikacija.exceptions import DomainError


class RegistrationError(DomainError):
    pass


class RegistrationClosed(RegistrationError):
    default_message = _("Registration for this event is closed.")


class NotATeacher(RegistrationError):
    default_message = _("Only teachers of the district's schools can register for events.")


class NotInAudience(RegistrationError):
    default_message = _("This event is open only to teachers of certain schools, and yours is not one of them.")


class AlreadyRegistered(RegistrationError):
    default_message = _("You are already registered for this event.")


class CancellationClosed(RegistrationError):
    default_message = _("This registration can no longer be cancelled.")


class TooBusy(RegistrationError):
    default_message = _("Many people are registering right now. Please try again in a moment.")


class NoSeatLeft(RegistrationError):
    default_message = _("No seat is free. Move someone to the waiting list or raise the seat count first.")


class InvalidMove(RegistrationError):
    default_message = _("This registration cannot be moved.")


class InvalidSeats(RegistrationError):
    default_message = _("The seat count cannot be lower than the seats already taken.")


class AttendanceNotTaken(RegistrationError):
    default_message = _(
        "No attendance was taken for this event. Mark attendance per session first, or confirm that "
        "everyone confirmed was present."
    )


class AttendanceClosed(RegistrationError):
    default_message = _("Attendance can be marked only for published or completed events.")
