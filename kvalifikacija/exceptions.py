"""The base of every domain exception: a rule was violated; `message` is translated for the user."""


class DomainError(Exception):
    default_message = ""

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)
