"""Outside certificates: upload and list (teacher), recognise or decline (deputy, director), the file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kvalifikacija.views import attempt, object_or_404
from people import roles

from .. import permissions
from ..forms import COUNTRY_NAMES, DecisionForm, HoursCorrectionForm, OutsideCertificateForm
from ..models import OutsideCertificate
from ..services import outside as services
from .files import file_response


@login_required
def outside_list(request):
    """The teacher's own uploads; for school heads, also the certificates waiting for their decision."""
    own = OutsideCertificate.objects.filter(teacher=request.user).order_by("-uploaded_at")
    waiting = []
    if roles.is_school_head(request.user):
        waiting = (
            permissions.outside_certificates_visible_to(request.user)
            .filter(status=OutsideCertificate.Status.PENDING)
            .exclude(teacher=request.user)
            .select_related("teacher")
            .order_by("uploaded_at")
        )
    return render(request, "certificates/outside_list.html", {
        "own": own, "waiting": waiting, "country_names": COUNTRY_NAMES,
        "can_upload": roles.is_teacher(request.user),
    })


@login_required
def outside_upload(request):
    if not roles.is_teacher(request.user):
        raise PermissionDenied
    form = OutsideCertificateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.submit_outside_certificate(
                teacher=request.user, file=data["file"], content_type=form.content_type,
                provider_name=data["provider_name"], title=data["title"], country=data["country"],
                starts_on=data["starts_on"], ends_on=data["ends_on"], academic_hours=data["academic_hours"],
                certificate_number=data["certificate_number"],
            )
        except services.OutsideCertificateError as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The certificate was uploaded; your school's deputy or director will recognise it."))
            return redirect("certificates:outside_detail", pk=item.pk)
    return render(request, "certificates/outside_upload.html", {"form": form})


# Someone else's private upload is answered as if it did not exist.
_visible = object_or_404(OutsideCertificate.objects.select_related("teacher", "decided_by"),
                         permissions.can_view_outside_certificate, hidden=True)
_recognisable = _visible.requiring(permissions.can_recognise_outside_certificate)


def _decision_form(item, data=None):
    return DecisionForm(data, requests=services.matchable_requests(item), suggested=services.suggested_request(item),
                        item=item)


def _detail(request, item, form=None, hours_form=None, status=200):
    may_decide = permissions.can_recognise_outside_certificate(request.user, item)
    can_decide = item.status == OutsideCertificate.Status.PENDING and may_decide
    return render(request, "certificates/outside_detail.html", {
        "item": item, "can_decide": can_decide,
        "form": form or (_decision_form(item) if can_decide else None),
        "suggested": services.suggested_request(item) if can_decide else None,
        "can_correct": item.status == OutsideCertificate.Status.RECOGNISED and may_decide,
        "hours_form": hours_form or HoursCorrectionForm(initial={"recognised_hours": item.counted_hours}),
        "country_name": COUNTRY_NAMES.get(item.country, item.country),
        "is_image": item.content_type.startswith("image/"),
    }, status=status)


@login_required
def outside_detail(request, pk):
    return _detail(request, _visible(request, pk))


@login_required
@require_POST
def outside_decide(request, pk):
    item = _recognisable(request, pk)
    form = _decision_form(item, request.POST)
    if not form.is_valid():
        return _detail(request, item, form=form, status=400)
    recognise = request.POST.get("decision") == "recognise"
    data = form.cleaned_data
    try:
        services.decide_outside_certificate(
            outside_certificate=item, by=request.user, recognise=recognise, note=data.get("note", ""),
            replaces=data.get("replaces"), recognised_hours=data.get("recognised_hours"),
            hours_reason=data.get("hours_reason", ""),
        )
    except services.OutsideCertificateError as exc:
        form.add_error("hours_reason" if isinstance(exc, services.HoursReasonMissing) else None, str(exc))
        return _detail(request, item, form=form, status=400)
    messages.success(request, _("Recognised: the hours now count.") if recognise else _("Declined."))
    return redirect("certificates:outside_detail", pk=item.pk)


@login_required
@require_POST
def outside_correct_hours(request, pk):
    item = _recognisable(request, pk)
    form = HoursCorrectionForm(request.POST)
    if not form.is_valid():
        return _detail(request, item, hours_form=form, status=400)
    try:
        services.correct_recognised_hours(
            outside_certificate=item, by=request.user, recognised_hours=form.cleaned_data["recognised_hours"],
            reason=form.cleaned_data["hours_reason"],
        )
    except services.OutsideCertificateError as exc:
        form.add_error(None, str(exc))
        return _detail(request, item, hours_form=form, status=400)
    messages.success(request, _("The recognised hours were corrected."))
    return redirect("certificates:outside_detail", pk=item.pk)


@login_required
@require_POST
def outside_withdraw(request, pk):
    item = _visible(request, pk)
    if attempt(request, lambda: services.withdraw_outside_certificate(outside_certificate=item, by=request.user),
               _("The upload was withdrawn."), errors=services.OutsideCertificateError):
        return redirect("certificates:outside_list")
    return redirect("certificates:outside_detail", pk=item.pk)


@login_required
def outside_file(request, pk):
    """Stream the private upload only after the permission check; media is never served directly."""
    item = _visible(request, pk)
    ext = item.file.name.rsplit(".", 1)[-1]
    return file_response(item.file, filename=f"isorinis-pazymejimas-{item.pk}.{ext}",
                         content_type=item.content_type, as_attachment=True)
