"""The base of every domain exception: a rule was violated; `message` is translated for the user.

`code` names the rule (by default the exception's class name in snake case) and `field` the form
field it concerns (a missing reason, a bad amount; None: the form as a whole), so a view puts the
message beside the right field without ever reading the message. Anything else a view needs to show
(the warnings to confirm, the errors of each answer) is given by keyword and kept as an attribute
(`WarningsNotConfirmed(warnings=…).warnings`)."""

import re


class DomainError(Exception):
    default_message = ""
    field = None

    def __init__(self, message=None, *, code=None, field=None, **details):
        for name, value in details.items():
            setattr(self, name, value)
        self.message = message or self.default_message
        self.code = code or re.sub(r"(?<!^)(?=[A-Z])", "_", type(self).__name__).lower()
        if field is not None:
            self.field = field
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)

    def add_to_form(self, form):
        """Show the error on its field when the form has it, else as an error of the whole form."""
        form.add_error(self.field if self.field in form.fields else None, str(self.message))
