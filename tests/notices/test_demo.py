import datetime as dt

import pytest
from django.utils import timezone

from events.models import Event
from notices import demo
from notices.models import NoticeLog
from people import demo as people_demo
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_demo_notices_reach_the_demo_inboxes_once():
    EventFactory.create_batch(2)
    EventFactory(starts_on=timezone.localdate() - dt.timedelta(days=40), status=Event.Status.COMPLETED)
    ctx = {}
    people_demo.seed(ctx)
    demo.seed(ctx)
    first = NoticeLog.objects.filter(key__startswith="demo:").count()
    assert first >= 5
    for email in ["mokytoja@demo.lt", "direktore@demo.lt", "pavaduotoja@demo.lt"]:
        assert NoticeLog.objects.filter(recipient__email=email).exists()
    assert NoticeLog.objects.filter(status=NoticeLog.Status.FAILED).exists()
    demo.seed(ctx)
    assert NoticeLog.objects.filter(key__startswith="demo:").count() == first
