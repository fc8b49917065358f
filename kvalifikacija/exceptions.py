"""The base of every domain exception: a rule was violated; `message` is translated for the user.

`field` names the form field the rule is about (a missing reason, a bad amount), so a view shows the
message under that field instead of parsing the text; None means the whole form."""


class DomainError(Exception):
    default_message = ""
    field = None

    def __init__(self, message=None, *, field=None):
        self.message = message or self.default_message
        if field is not None:
            self.field = field
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)

    def add_to_form(self, form):
        """Show the error on its field when the form has it, else as an error of the whole form."""
        form.add_error(self.field if self.field in form.fields else None, str(self.message))
