"""The teacher's qualification record (the folder) as page, PDF and ZIP, and the school heads' view."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from kvalifikacija.views import object_or_404
from lithuanian.collation import lt_order
from people import permissions as people_permissions
from people import roles
from people.models import Organisation

from .. import selectors
from ..pdf import render_record
from ..services import issuing
from .files import pdf_response, zip_response

# A teacher of a school the user heads (404 outside the teachers the user may see).
_visible_teacher = object_or_404(people_permissions.teachers_visible_to, people_permissions.can_view_teacher_record)


def _record(request, pk):
    """The signed-in teacher's record (pk None) or a visible teacher's."""
    teacher = request.user if pk is None else _visible_teacher(request, pk)
    return selectors.teacher_record(teacher, viewer=request.user)


def _slug(teacher):
    return f"{teacher.last_name}-{teacher.first_name}".replace(" ", "-").lower() or str(teacher.pk)


@login_required
def my_record(request, pk=None):
    record = _record(request, pk)
    return render(request, "certificates/record.html", {"record": record, "own": pk is None})


@login_required
def record_pdf(request, pk=None):
    record = _record(request, pk)
    content = render_record(record)
    return pdf_response(content, filename=f"aplankas-{_slug(record.teacher)}.pdf")


@login_required
def record_zip(request, pk=None):
    """Every certificate file of the record the viewer may download: issued PDFs and uploads."""
    record = _record(request, pk)
    members = []
    for year in record.years:
        for entry in year.entries:
            if entry.downloadable:
                issuing.ensure_pdf(certificate=entry.certificate)
                members.append((f"{year.year}/{entry.certificate.number}.pdf", entry.certificate.pdf))
            elif (entry.outside is not None and entry.outside.status != entry.outside.Status.DECLINED
                  and entry.outside.file and entry.outside.file.storage.exists(entry.outside.file.name)):
                ext = entry.outside.file.name.rsplit(".", 1)[-1]
                members.append((f"{year.year}/isorinis-{entry.outside.pk}.{ext}", entry.outside.file))
    return zip_response(members, filename=f"pazymejimai-{_slug(record.teacher)}.zip")


@login_required
def school_records(request):
    """Directors and deputies: the school's teachers with days this year, who is below the minimum,
    and whose attestation is due."""
    schools = Organisation.objects.filter(pk__in=roles.headed_school_ids(request.user)).order_by(lt_order("name"))
    if not schools:
        raise PermissionDenied
    school = schools[0]
    if request.GET.get("mokykla"):
        school = get_object_or_404(schools, pk=request.GET["mokykla"]) if request.GET["mokykla"].isdigit() else school
    today = timezone.localdate()
    try:
        year = int(request.GET.get("metai", today.year))
    except ValueError:
        year = today.year
    if not 2000 <= year <= today.year + 1:
        year = today.year
    show = request.GET.get("rodyti", "")
    page_obj, rows = selectors.school_teachers_page(school, year=year, show=show, page=request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "certificates/school_records.html", {
        "school": school, "schools": schools, "year": year, "rows": rows, "show": show,
        "years": list(range(today.year, today.year - 5, -1)), "page_obj": page_obj,
        "query_string": params.urlencode(),
    })
