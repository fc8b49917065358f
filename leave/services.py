"""Leave requests (*prašymas direktoriui*) and the school's rules."""


def registration_needs_approval(event) -> bool:
    """A catalogue event needs the director's approval when it falls in working hours or costs money."""
    return not event.outside_working_hours or event.fee > 0
