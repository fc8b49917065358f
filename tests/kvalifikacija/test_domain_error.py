"""`DomainError`: a translated message, a `code` (the class name by default), a `field`, and what else a
view needs to show, given by keyword."""

from kvalifikacija.exceptions import DomainError


class NoSeatLeft(DomainError):
    default_message = "No seat is free."
    field = "seats"


def test_the_message_code_and_field_come_from_the_class_unless_given():
    error = NoSeatLeft()
    assert (str(error), error.code, error.field) == ("No seat is free.", "no_seat_left", "seats")
    error = NoSeatLeft("Full.", code="full", field=None)
    assert (str(error), error.code, error.field) == ("Full.", "full", "seats")


def test_details_given_by_keyword_are_kept_for_the_view():
    error = NoSeatLeft(warnings=["Over the plan."], waiting=3)
    assert (error.warnings, error.waiting, str(error)) == (["Over the plan."], 3, "No seat is free.")
