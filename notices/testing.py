"""An e-mail backend for tests with a real worker: each message is written as a file, so the test
process can count what the worker sent.

Environment (read at each send, so a test can set them for the worker process):
- KV_CAPTURE_DIR: where the .eml files go.
- KV_CAPTURE_FAIL_FIRST: the first K sends (counted across worker processes) fail as if SMTP were down;
  a negative number makes every send fail.
- KV_CAPTURE_DELAY: seconds each send takes (to kill a worker mid-run).
"""

import email
import fcntl
import os
import smtplib
import time
import uuid
from email import policy
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def capture_dir() -> Path:
    return Path(os.environ.get("KV_CAPTURE_DIR", "/tmp/kv-outbox"))  # noqa: S108 - test-only backend


def _should_fail(outbox: Path) -> bool:
    fail_first = int(os.environ.get("KV_CAPTURE_FAIL_FIRST", "0"))
    if fail_first == 0:
        return False
    if fail_first < 0:
        return True
    counter = outbox / ".failures"
    with open(outbox / ".failures.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        failed = int(counter.read_text() or 0) if counter.exists() else 0
        if failed >= fail_first:
            return False
        counter.write_text(str(failed + 1))
        return True


class FileCaptureBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        outbox = capture_dir()
        outbox.mkdir(parents=True, exist_ok=True)
        delay = float(os.environ.get("KV_CAPTURE_DELAY", "0"))
        for message in email_messages:
            if delay:
                time.sleep(delay)
            if _should_fail(outbox):
                raise smtplib.SMTPServerDisconnected("simulated: the SMTP server is down")
            name = f"{uuid.uuid4().hex}.eml"
            (outbox / f".{name}.part").write_bytes(message.message().as_bytes())
            (outbox / f".{name}.part").rename(outbox / name)
        return len(email_messages)


def captured(outbox: Path):
    """The captured messages as `email.message.EmailMessage` objects."""
    if not outbox.exists():
        return []
    return [email.message_from_bytes(path.read_bytes(), policy=policy.default) for path in sorted(outbox.glob("*.eml"))]
