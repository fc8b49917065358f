"""Bulk certificate issuing: N certificates (default 200) for one completed event, each numbered under
the series lock, snapshotted, rendered as a PDF/A file and stored, as the background task does.

    .venv/bin/python bench/certificates.py [--count 200]

Runs on a throwaway PostgreSQL database (dropped afterwards); prints `name: value` lines.
"""

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, db_name, manage, psql, report, setup_django  # noqa: E402

DB_NAME = db_name("certificates")


def build_event(count):
    from django.contrib.auth.hashers import make_password

    from events.models import Event, Registration
    from people.models import Membership, Organisation, Role, User

    centre = Organisation.objects.create(
        kind=Organisation.Kind.CENTRE, name="Pavyzdžio rajono švietimo centras", legal_code="190000123",
        address="Žemaitės g. 5, LT-85001 Pavyzdys", accreditation_order="V-1234",
        accreditation_date=dt.date(2022, 5, 10), accreditation_expires=dt.date(2027, 5, 10),
        head_name="Vida Jurgaitienė", head_position="Direktorė",
    )
    school = Organisation.objects.create(kind=Organisation.Kind.SCHOOL, name="Ąžuolyno progimnazija")
    password = make_password(None)
    users = User.objects.bulk_create([
        User(email=f"mokytoja{n}@bench.lt", first_name="Žydrūnė", last_name=f"Šėmaitė-Ąžuolienė {n}",
             password=password)
        for n in range(count)
    ])
    Membership.objects.bulk_create([Membership(user=u, organisation=school, role=Role.TEACHER) for u in users])
    day = dt.date.today() - dt.timedelta(days=7)
    event = Event.objects.create(
        organiser=centre, title="Įtraukusis ugdymas: kiekvieno vaiko sėkmė", form="kursai",
        delivery_mode="misrus", place="Švietimo centras, 12 kab.", academic_hours=40, seats=0,
        status=Event.Status.COMPLETED, plan_year=day.year, starts_on=day, ends_on=day,
        competences="Gebėjimas taikyti įtraukiojo ugdymo principus; bendradarbiavimas su šeima.",
    )
    Registration.objects.bulk_create([
        Registration(event=event, teacher=u, school=school, status=Registration.Status.ATTENDED) for u in users
    ])
    return event


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    media = tempfile.mkdtemp(prefix="kv-bench-certificates-")
    psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    psql(f"CREATE DATABASE {DB_NAME}")
    env = bench_env(DB_NAME, MEDIA_ROOT=media)
    try:
        manage("migrate", "--noinput", env=env)
        os.environ["MEDIA_ROOT"] = media
        setup_django(env)
        from certificates.models import Certificate
        from certificates.services.issuing import issue_for_event

        event = build_event(args.count)
        started = time.perf_counter()
        counts = issue_for_event(event=event, notify_holder=False)
        seconds = time.perf_counter() - started
        assert counts["created"] == args.count, counts
        assert Certificate.objects.filter(event=event).exclude(pdf="").count() == args.count
        again = time.perf_counter()
        assert issue_for_event(event=event, notify_holder=False)["created"] == 0
        idempotent_seconds = time.perf_counter() - again
        report("certificates", args.count)
        report("seconds", seconds)
        report("seconds_per_hundred", seconds * 100 / args.count)
        report("certificates_per_second", args.count / seconds)
        report("second_run_seconds", idempotent_seconds)
        from django.db import connections

        connections.close_all()
    finally:
        psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        shutil.rmtree(media, ignore_errors=True)


if __name__ == "__main__":
    main()
