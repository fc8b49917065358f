"""An e-mail backend for tests with a real worker: each message is written as a file, so the test
process can count what the worker sent."""

import os
import uuid
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class FileCaptureBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        outbox = Path(os.environ.get("KV_CAPTURE_DIR", "/tmp/kv-outbox"))  # noqa: S108 - test-only backend
        outbox.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{uuid.uuid4().hex}.eml"
            (outbox / name).write_bytes(message.message().as_bytes())
        return len(email_messages)
