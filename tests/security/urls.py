"""Every URL pattern of the project, with the arguments that make it point at the world's objects."""

from django.urls import URLPattern, URLResolver, get_resolver, reverse

SKIPPED_PREFIXES = ("valdymas/", "i18n/", "jsi18n/", "static/", "media")


def all_url_names():
    """(name, pattern) for every named URL, walking includes recursively (admin, i18n, static skipped)."""

    def walk(patterns, prefix="", namespace=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if route.startswith(SKIPPED_PREFIXES):
                    continue
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, route, ns)
            elif isinstance(pattern, URLPattern):
                if route.startswith(SKIPPED_PREFIXES):
                    continue
                yield namespace + (pattern.name or f"<unnamed {route}>"), route

    return dict(walk(get_resolver().url_patterns))


def _pk(key):
    return lambda w, objs: {"pk": objs[key].pk}


def _org_year(w, objs):
    return {"org_id": objs["source"].owner_id, "year": objs["year"]}


# URL name -> the arguments, from the world's objects (`objs` is world.objects or a wrong-school variant).
ARGS = {
    "password_reset_confirm": lambda w, objs: {"uidb64": objs["uidb64"], "token": objs["token"]},
    "events:detail": _pk("event"),
    "events:event_ics": _pk("event"),
    "events:plan": lambda w, objs: {"year": objs["year"]},
    "events:plan_pdf": lambda w, objs: {"year": objs["year"]},
    "plan_actual": lambda w, objs: {"year": objs["year"]},
    "events:programme_edit": _pk("programme"),
    "events:programme_archive": _pk("programme"),
    "events:staff_event_edit": _pk("event"),
    "events:staff_event_copy": _pk("event"),
    "events:staff_event_publish": _pk("event"),
    "events:staff_event_cancel": _pk("event"),
    "events:staff_event_delete": _pk("event"),
    "events:staff_import_run_undo": _pk("import_run"),
    "events:staff_event_complete": _pk("event"),
    "events:register": _pk("event"),
    "events:registration_panel": _pk("event"),
    "events:cancel_registration": _pk("registration"),
    "events:registration_history": _pk("registration"),
    "events:registrants": _pk("event"),
    "events:registrants_csv": _pk("event"),
    "events:registrants_xlsx": _pk("event"),
    "events:attendance_sheet": _pk("event"),
    "events:attendance": _pk("event"),
    "events:attendance_session": lambda w, objs: {"pk": objs["event"].pk, "session_pk": objs["session"].pk},
    "certificates:check": lambda w, objs: {"code": objs["certificate"].verification_code},
    "certificates:download": _pk("certificate"),
    "certificates:history": _pk("certificate"),
    "certificates:event_certificates": _pk("done_event"),
    "certificates:event_progress": _pk("done_event"),
    "certificates:event_zip": _pk("done_event"),
    "certificates:revoke": _pk("certificate"),
    "certificates:reissue": _pk("certificate"),
    "certificates:teacher_record": lambda w, objs: {"pk": objs["teacher"].pk},
    "certificates:teacher_record_pdf": lambda w, objs: {"pk": objs["teacher"].pk},
    "certificates:teacher_record_zip": lambda w, objs: {"pk": objs["teacher"].pk},
    "certificates:outside_detail": _pk("outside"),
    "certificates:outside_decide": _pk("outside"),
    "certificates:outside_correct_hours": _pk("outside"),
    "certificates:outside_withdraw": _pk("outside"),
    "certificates:outside_file": _pk("outside"),
    "leave:create_for_registration": _pk("registration"),
    "leave:detail": _pk("leave_request"),
    "leave:history": _pk("leave_request"),
    "leave:edit": _pk("leave_request"),
    "leave:teacher_action": _pk("leave_request"),
    "leave:cover": _pk("leave_request"),
    "leave:decide": _pk("leave_request"),
    "leave:request_pdf": _pk("leave_request"),
    "leave:decision_pdf": _pk("approved_request"),
    "leave:priority_edit": _pk("priority"),
    "leave:report_for_registration": _pk("attended"),
    "leave:report_for_request": _pk("leave_request"),
    "leave:report_materials": _pk("report"),
    "funding:source_detail": _pk("source"),
    "funding:source_history": _pk("source"),
    "funding:statement": _org_year,
    "funding:statement_pdf": _org_year,
    "funding:statement_xlsx": _org_year,
    "funding:year_end": _org_year,
    "funding:year_end_pdf": _org_year,
    "funding:year_end_xlsx": _org_year,
    "funding:export_status": _pk("export"),
    "funding:export_download": _pk("export"),
    "funding:record_fee": lambda w, objs: {"registration_id": objs["registration"].pk},
    "funding:invoice_detail": _pk("invoice"),
    "funding:invoice_pdf": _pk("invoice"),
    "funding:invoice_send": _pk("invoice"),
    "funding:invoice_paid": _pk("invoice"),
    "events:exhibits": _pk("event"),
    "events:staff_event_import_template": lambda w, objs: {"fmt": "xlsx"},
    "events:exhibit_photo": _pk("exhibit"),
    "events:exhibit_delete": lambda w, objs: {"pk": objs["event"].pk, "exhibit_pk": objs["exhibit"].pk},
    "partnerships:provider_detail": _pk("provider"),
    "partnerships:provider_edit": _pk("provider"),
    "partnerships:network_detail": _pk("network"),
    "partnerships:network_edit": _pk("network"),
    "partnerships:network_add_event": _pk("network"),
    "partnerships:project_detail": _pk("project"),
    "partnerships:project_edit": _pk("project"),
    "partnerships:proposal_decide": _pk("proposal"),
    "pages:page": lambda w, objs: {"slug": objs["info_page"].slug},
    "pages:edit": _pk("info_page"),
    "notices:open": _pk("notice"),
    "notices:retry": _pk("notice"),
    "surveys:event": lambda w, objs: {"event_pk": objs["done_event"].pk},
    "surveys:detail": _pk("survey"),
    "surveys:edit": _pk("survey"),
    "surveys:question_create": _pk("survey"),
    "surveys:question_edit": lambda w, objs: {"pk": objs["survey"].pk, "question_pk": objs["question"].pk},
    "surveys:question_delete": lambda w, objs: {"pk": objs["survey"].pk, "question_pk": objs["question"].pk},
    "surveys:results": _pk("survey"),
    "surveys:results_xlsx": _pk("survey"),
    "surveys:answer": _pk("survey"),
    "loans:equipment_edit": _pk("equipment"),
    "loans:loan_request": _pk("equipment"),
    "loans:loan_approve": _pk("loan"),
    "loans:loan_decline": _pk("loan"),
    "loans:loan_return": _pk("loan"),
    "loans:loan_cancel": _pk("loan"),
    "loans:material_detail": _pk("material"),
    "loans:material_edit": _pk("material"),
    "loans:material_download": _pk("material"),
    "loans:material_submit": _pk("material"),
    "loans:material_publish": _pk("material"),
    "loans:material_return": _pk("material"),
    "loans:material_unpublish": _pk("material"),
    "invitation": lambda w, objs: {"token": objs["invitation_token"]},
    "membership_invitation": _pk("membership"),
    "membership_end": _pk("membership"),
    "organisation_edit": _pk("organisation"),
    "school_staff_edit": _pk("membership"),
}


def url_of(name, world, objs=None):
    objs = world.objects if objs is None else objs
    kwargs = ARGS[name](world, dict(objs, teacher=objs.get("teacher", world.users["teacher"]))) if name in ARGS else {}
    return reverse(name, kwargs=kwargs)
