from celery import shared_task


@shared_task
def remind_waiting_decisions():
    """Weekly reminder to directors of leave requests waiting for a decision (idempotent per week)."""
    from .services import remind_waiting_decisions as remind

    return remind()
