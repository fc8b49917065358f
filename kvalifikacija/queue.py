"""Putting a task on the queue without letting the queue decide whether a request succeeds.

The database row the task works on (an outbox notice, a batch, an export, a plan) is the truth; the queue
message is only a nudge. So a task is published after the transaction commits, once, with a short
connection timeout and no retries, and without touching the result backend; when the broker cannot be
reached the failure is logged and the request goes on. The sweeps (`CELERY_WORKER_START_TASKS`, run when a
worker starts, and the periodic ones in beat) publish again whatever is still waiting.
"""

import logging
import time

from django.db import transaction

logger = logging.getLogger("kvalifikacija.queue")


def publish(task, *args, countdown=None, **kwargs) -> bool:
    """Send `task` now (to run `countdown` seconds later, when given); True when the broker took it, False
    (logged) when it could not be reached."""
    started = time.monotonic()
    try:
        task.apply_async(args=args, kwargs=kwargs, retry=False, ignore_result=True, countdown=countdown)
    except Exception:  # noqa: BLE001 - whatever the broker says, the request must not fail
        logger.warning("The task %s%r was not queued (broker unreachable after %.2f s); the sweep will send it.",
                       task.name, args, time.monotonic() - started, exc_info=True)
        return False
    return True


def publish_on_commit(task, *args, countdown=None, **kwargs) -> None:
    """Publish `task` once the surrounding transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: publish(task, *args, countdown=countdown, **kwargs))


# Options of every idempotent task (a second run changes nothing): acknowledged late and re-queued when
# a worker dies mid-task. Every retry delay stays below the broker's visibility timeout (see settings).
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}
