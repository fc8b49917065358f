"""Celery tasks of the events app. Registration tasks live in tasks_registration.py."""

from .tasks_registration import *  # noqa: F401,F403
