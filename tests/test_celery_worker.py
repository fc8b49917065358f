"""Proof that tasks run on a real Celery worker over Redis (as in CI)."""

import pytest

from kvalifikacija.celery import app


@pytest.mark.worker
def test_task_runs_on_a_real_worker(celery_worker_process):
    result = app.send_task("kvalifikacija.ping", queue=celery_worker_process.queue)
    assert result.get(timeout=30) == "pong"
    # It really went through the broker to another process.
    assert result.backend.__class__.__name__ == "RedisBackend"
