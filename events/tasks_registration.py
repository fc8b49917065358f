"""Celery tasks of registration (reminders and the like); imported by events/tasks.py."""
