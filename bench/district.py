"""Builds the demo district N times larger for the benchmarks, fast: N × 300 teachers, N × 1,000 events in
the current plan year, and registrations and certificates per event in the demo district's proportion.

Rows are added in bulk (set-based SQL on PostgreSQL, a few statements whatever N is); the demo's own rows
stay as they are, so the demo users keep their own history. Benchmark-only code.
"""

import datetime as dt

from django.db import connection, transaction
from django.utils import timezone

TEACHERS_PER_SCALE = 300
EVENTS_PER_SCALE = 1000


def _count(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@transaction.atomic
def scale_district(scale):
    """Top the demo district up to `scale` times its size; returns what it has afterwards."""
    from certificates.models import Certificate
    from events.models import Event, Registration
    from people.models import Membership, Role

    year = timezone.localdate().year
    today = timezone.localdate()
    seat_statuses = list(Registration.SEAT_HOLDING) + [Registration.Status.ATTENDED]
    demo_events = Event.objects.filter(plan_year=year).count() or 1
    per_event = Registration.objects.filter(event__plan_year=year, status__in=seat_statuses).count() / demo_events
    certificates_per_event = Certificate.objects.filter(event__plan_year=year).count() / demo_events
    per_event = max(1, round(per_event))

    with connection.cursor() as cursor:
        # Teachers: copies of the demo teacher's account (same password hash), spread over the schools.
        teachers = Membership.objects.filter(role=Role.TEACHER, is_active=True).values("user").distinct().count()
        missing = max(0, scale * TEACHERS_PER_SCALE - teachers)
        if missing:
            cursor.execute(
                """
                INSERT INTO people_user (password, is_superuser, email, first_name, last_name, phone, language,
                                         is_active, is_staff, date_joined, gender)
                SELECT u.password, false, 'bench-teacher-' || g || '@example.lt', 'Rūta', 'Žemaitytė ' || g, '',
                       u.language, true, false, now(), u.gender
                FROM people_user u, generate_series(1, %s) g WHERE u.email = 'mokytoja@demo.lt'
                """, [missing])
            cursor.execute(
                """
                WITH schools AS (
                    SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total
                    FROM people_organisation WHERE kind = 'school'
                )
                INSERT INTO people_membership (role, position, is_active, created_at, user_id, organisation_id)
                SELECT 'teacher', '', true, now(), u.id, s.id
                FROM people_user u JOIN schools s ON s.n = (u.id %% s.total)
                WHERE u.email LIKE 'bench-teacher-%%@example.lt'
                """, [])  # with parameters, so that %% reaches the server as %

        # Events: copies of this year's demo events, 70 % completed earlier in the year, 30 % still ahead.
        have = Event.objects.filter(plan_year=year).count()
        missing = max(0, scale * EVENTS_PER_SCALE - have)
        if missing:
            days_before = max(1, (today - dt.date(year, 1, 1)).days)
            days_after = max(1, (dt.date(year, 12, 31) - today).days)
            cursor.execute(
                """
                WITH src AS (
                    SELECT *, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total
                    FROM events_event WHERE plan_year = %(year)s AND status IN ('published', 'completed')
                ), g AS (SELECT g, (g %% 10) < 7 AS past FROM generate_series(1, %(missing)s) g),
                rows AS (
                    SELECT src.*, g.g, g.past,
                           CASE WHEN g.past THEN %(jan1)s::date + (g.g %% %(before)s)
                                ELSE %(today)s::date + (g.g %% %(after)s) END AS day
                    FROM g JOIN src ON src.n = g.g %% src.total
                )
                INSERT INTO events_event (title, description, competences, form, delivery_mode, place, online_link,
                    academic_hours, seats, fee, registration_deadline, status, cancel_reason, plan_year,
                    outside_working_hours, audience_roles, audience_levels, audience_note, lecturer_names,
                    attendance_threshold, evaluation_required, starts_on, ends_on, created_at, updated_at,
                    published_at, completed_at, cancelled_at, created_by_id, organiser_id, provider_id, programme_id)
                SELECT title || ' (' || g || ')', description, competences, form, delivery_mode, place, online_link,
                    academic_hours, GREATEST(seats, %(per_event)s + 5), fee, NULL,
                    CASE WHEN past THEN 'completed' ELSE 'published' END, '', plan_year,
                    outside_working_hours, audience_roles, audience_levels, audience_note, lecturer_names,
                    attendance_threshold, evaluation_required, day, day, now(), now(),
                    now(), CASE WHEN past THEN now() END, NULL, created_by_id, organiser_id, provider_id, programme_id
                FROM rows
                """, {"year": year, "missing": missing, "jan1": dt.date(year, 1, 1), "before": days_before,
                      "today": today, "after": days_after, "per_event": per_event})
            cursor.execute(
                """
                INSERT INTO events_eventsession (event_id, date, start_time, end_time, place)
                SELECT id, starts_on, '10:00', '15:00', '' FROM events_event
                WHERE plan_year = %s AND title LIKE '%%)' AND NOT EXISTS (
                    SELECT 1 FROM events_eventsession s WHERE s.event_id = events_event.id)
                """, [year])
            cursor.execute(
                """
                INSERT INTO events_event_audience_subjects (event_id, subject_id)
                SELECT e.id, s.id FROM events_event e
                JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n, count(*) OVER () AS total
                      FROM people_subject) s ON s.n = e.id %% s.total
                WHERE e.plan_year = %s AND e.title LIKE '%%)' AND NOT EXISTS (
                    SELECT 1 FROM events_event_audience_subjects a WHERE a.event_id = e.id)
                """, [year])
            # Registrations: `per_event` distinct teachers for each new event (attended when it is over).
            cursor.execute(
                """
                WITH t AS (
                    SELECT m.user_id, m.organisation_id, row_number() OVER (ORDER BY m.user_id) - 1 AS n,
                           count(*) OVER () AS total
                    FROM people_membership m WHERE m.role = 'teacher' AND m.is_active
                ), e AS (
                    SELECT id, status FROM events_event WHERE plan_year = %(year)s AND title LIKE '%%)'
                      AND NOT EXISTS (SELECT 1 FROM events_registration r WHERE r.event_id = events_event.id)
                )
                INSERT INTO events_registration (status, needs_approval, approved, confirmed_at, cancel_reason,
                                                 created_at, updated_at, event_id, school_id, teacher_id)
                SELECT CASE WHEN e.status = 'completed' THEN 'attended' ELSE 'confirmed' END, false, true, now(), '',
                       now(), now(), e.id, t.organisation_id, t.user_id
                FROM e CROSS JOIN generate_series(0, %(per_event)s - 1) g
                JOIN t ON t.n = (e.id * 7 + g) %% t.total
                ON CONFLICT DO NOTHING
                """, {"year": year, "per_event": per_event})
            # Certificates: the demo's number per event, for attended registrations of the new events.
            cursor.execute(
                """
                WITH r AS (
                    SELECT r.id, r.teacher_id, r.event_id,
                           row_number() OVER (PARTITION BY r.event_id ORDER BY r.id) AS k
                    FROM events_registration r JOIN events_event e ON e.id = r.event_id
                    WHERE e.plan_year = %(year)s AND e.title LIKE '%%)' AND r.status = 'attended'
                      AND NOT EXISTS (SELECT 1 FROM certificates_certificate c WHERE c.registration_id = r.id)
                )
                INSERT INTO certificates_certificate (kind, number, series_year, sequence, verification_code,
                    holder_name, holder_workplace, title, registry_code, form, delivery_mode, starts_on, ends_on,
                    academic_hours, place, lecturers, competences, signatory_name, signatory_position, issued_on,
                    issued_place, issued_at, status, revoke_reason, pdf, event_id, holder_id, issuer_id,
                    registration_id, issuer_accreditation, issuer_address, issuer_legal_code, issuer_name, module_title,
                    public_reason)
                SELECT 'certificate', 'BENCH-' || r.id, %(year)s, 100000 + r.id, md5(random()::text || r.id),
                    u.first_name || ' ' || u.last_name, '', e.title, '', e.form, e.delivery_mode, e.starts_on,
                    e.ends_on, e.academic_hours, e.place, '', '', '', '', e.ends_on, '', now(), 'valid', '', '',
                    e.id, r.teacher_id, e.organiser_id, r.id, '', '', '', '', '', ''
                FROM r JOIN events_event e ON e.id = r.event_id JOIN people_user u ON u.id = r.teacher_id
                WHERE r.k <= %(per_event)s
                """, {"year": year, "per_event": max(0, round(certificates_per_event * 10 / 7))})
    return {
        "teachers": Membership.objects.filter(role=Role.TEACHER).values("user").distinct().count(),
        "events_this_year": Event.objects.filter(plan_year=year).count(),
        "registrations": Registration.objects.count(),
        "certificates": Certificate.objects.count(),
        "registrations_per_new_event": per_event,
    }
