from celery import shared_task


@shared_task
def remind_waiting_decisions():
    """Weekly reminder to directors of leave requests waiting for a decision (idempotent per week)."""
    from .services import remind_waiting_decisions as remind

    return remind()


@shared_task(acks_late=True)
def expire_unrequested_seats():
    """Daily: release seats held for approval whose leave request was never submitted."""
    from .services import expire_unrequested_seats as expire

    return expire()
