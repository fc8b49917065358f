from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kvalifikacija.text import single_line, strip_controls
from kvalifikacija.uploads import private_file_response
from kvalifikacija.views import allowed_for, attempt, form_page, object_or_404
from lithuanian.collation import lt_order
from people import roles
from people.models import Organisation, Subject

from . import permissions, selectors, services
from .forms import DecisionForm, EquipmentForm, LoanRequestForm, MaterialForm, ReviewForm
from .models import Equipment, Loan, MethodicalMaterial


def _require(predicate):
    if not predicate:
        raise PermissionDenied


def _catalogue(_item):
    return "loans:equipment_list"


def _headed_schools(user):
    return Organisation.objects.filter(pk__in=roles.headed_school_ids(user)).order_by(lt_order("name"))


# --- Equipment --------------------------------------------------------------------------------------

@login_required
@allowed_for(permissions.can_view_equipment)
def equipment_list(request):
    kind = request.GET.get("kind") if request.GET.get("kind") in Equipment.Kind.values else None
    query = single_line(request.GET.get("q", ""))[:100]
    items = selectors.equipment_catalogue(request.user, kind=kind, query=query)
    return render(request, "loans/equipment_list.html", {
        "items": items, "kinds": Equipment.Kind.choices, "kind": kind, "q": query,
        "can_manage": permissions.can_manage_loans(request.user),
        "can_borrow": bool(roles.headed_school_ids(request.user)), "today": timezone.localdate(),
    })


@login_required
@allowed_for(permissions.can_manage_loans)
def equipment_create(request):
    item = Equipment(owner_id=min(roles.centre_ids(request.user)))
    return form_page(request, EquipmentForm(request.POST or None, instance=item), "loans/equipment_form.html",
                     done=_("The item was added to the catalogue."), then=_catalogue)


# An item of the user's centre: 403 for other roles, 404 for another centre's item.
_own_equipment = object_or_404(lambda user: Equipment.objects.filter(owner_id__in=roles.centre_ids(user)),
                               allowed=permissions.can_manage_loans)


@login_required
def equipment_edit(request, pk):
    item = _own_equipment(request, pk)
    return form_page(request, EquipmentForm(request.POST or None, instance=item), "loans/equipment_form.html",
                     {"item": item}, done=_("The item was saved."), then=_catalogue)


@login_required
def loan_request(request, pk):
    schools = _headed_schools(request.user)
    _require(schools.exists())
    item = get_object_or_404(Equipment, pk=pk, is_active=True)
    busy = item.loans.filter(status__in=services.ACTIVE, due_on__gte=timezone.localdate()).order_by("starts_on")

    def save(form):
        data = form.cleaned_data
        return services.request_loan(equipment=item, school=data["school"], by=request.user,
                                     starts_on=data["starts_on"], due_on=data["due_on"], note=data["note"])

    return form_page(request, LoanRequestForm(request.POST or None, schools=schools), "loans/loan_request.html",
                     {"item": item, "busy": busy}, save=save, done=_("Your request was sent to the centre."),
                     then=lambda _loan: "loans:loan_list")


# --- Loans ------------------------------------------------------------------------------------------

@login_required
@allowed_for(permissions.can_view_equipment)
def loan_list(request):
    status = request.GET.get("status") if request.GET.get("status") in Loan.Status.values else None
    overdue = request.GET.get("status") == "overdue"
    loans = selectors.loan_list(request.user, status=status, overdue=overdue)
    page = Paginator(loans, 50).get_page(request.GET.get("page"))
    return render(request, "loans/loan_list.html", {
        "page": page, "loans": page.object_list, "statuses": Loan.Status.choices,
        "status": status, "overdue": overdue, "can_manage": permissions.can_manage_loans(request.user),
        "decision_form": DecisionForm(),
    })


_visible_loan = object_or_404(Loan.objects.select_related("equipment"), permissions.can_view_loan, hidden=True)


def _loan_action(request, pk, action, done_message):
    loan = _visible_loan(request, pk)
    form = DecisionForm(request.POST)
    note = strip_controls(form.data.get("note", ""))[:1000]
    attempt(request, lambda: action(loan, note), done_message, errors=services.LoanError)
    next_url = str(request.POST.get("next", ""))
    return redirect(next_url if next_url.startswith("/priemones/") else "loans:loan_list")


def _loan_view(allowed, act, done_message):
    """A POST-only page doing one thing to a loan: `allowed(user)` or 403, then `act(loan, by, note)`."""

    @login_required
    @require_POST
    def view(request, pk):
        _require(allowed(request.user))
        return _loan_action(request, pk, lambda loan, note: act(loan, request.user, note), done_message)

    return view


loan_approve = _loan_view(permissions.can_manage_loans,
                          lambda loan, by, note: services.approve_loan(loan=loan, by=by, note=note),
                          gettext_lazy("The loan was approved: the item is lent."))
loan_decline = _loan_view(permissions.can_manage_loans,
                          lambda loan, by, note: services.decline_loan(loan=loan, by=by, note=note),
                          gettext_lazy("The request was declined."))
loan_return = _loan_view(permissions.can_manage_loans, lambda loan, by, note: services.mark_returned(loan=loan, by=by),
                         gettext_lazy("The item is marked as returned."))
loan_cancel = _loan_view(roles.is_school_head, lambda loan, by, note: services.cancel_loan_request(loan=loan, by=by),
                         gettext_lazy("Your request was withdrawn."))


# --- Methodical material ----------------------------------------------------------------------------

def material_list(request):
    """The public list of published methodical material, with search."""
    query = single_line(request.GET.get("q", ""))[:100]
    subject = request.GET.get("subject", "")
    subject = int(subject) if subject.isdigit() else None
    page = Paginator(selectors.published_materials(query=query, subject=subject), 20).get_page(request.GET.get("page"))
    return render(request, "loans/material_list.html", {
        "page": page, "materials": page.object_list, "q": query, "subject": subject,
        "subjects": Subject.objects.filter(methodicalmaterial__status="published").distinct(),
        "can_upload": permissions.can_upload_material(request.user),
        "can_review": permissions.can_review_materials(request.user),
    })


@login_required
@allowed_for(permissions.can_upload_material)
def my_materials(request):
    return render(request, "loans/my_materials.html", {"materials": selectors.own_materials(request.user)})


def _author_schools(user):
    ids = roles.teacher_school_ids(user) | roles.headed_school_ids(user)
    return Organisation.objects.filter(pk__in=ids).order_by(lt_order("name"))


@login_required
@allowed_for(permissions.can_upload_material)
def material_create(request):
    return _material_form(request, None)


@login_required
def material_edit(request, pk):
    material = get_object_or_404(MethodicalMaterial, pk=pk)
    if material.author_id != request.user.pk:
        raise Http404
    if not material.is_editable:
        messages.warning(request, services.MaterialWrongState.default_message)
        return redirect("loans:material_detail", material.pk)
    return _material_form(request, material)


def _material_form(request, material):
    form = MaterialForm(request.POST or None, request.FILES or None, instance=material,
                        schools=_author_schools(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = services.save_material(
                author=request.user, title=data["title"], description=data["description"],
                subject=data["subject"], school=data["school"], upload=data.get("upload"), material=material,
                centre=data.get("centre"),
            )
        except services.MaterialError as exc:
            form.add_error(exc.field if exc.field in form.fields else "upload", exc.message)
        else:
            if "submit" in request.POST:
                services.submit_material(material=saved, by=request.user)
                messages.success(request, _("The material was sent to the centre for publication."))
            else:
                messages.success(request, _("The material was saved as a draft."))
            return redirect("loans:material_detail", saved.pk)
    return render(request, "loans/material_form.html", {"form": form, "material": material})


_visible_material = object_or_404(MethodicalMaterial.objects.select_related("author", "school", "subject"),
                                  permissions.can_view_material, hidden=True)


def material_detail(request, pk):
    material = _visible_material(request, pk)
    return render(request, "loans/material_detail.html", {
        "material": material, "can_edit": request.user.is_authenticated
        and permissions.can_edit_material(request.user, material),
        "can_review": request.user.is_authenticated and permissions.can_review_material(request.user, material),
        "review_form": ReviewForm(),
    })


def material_download(request, pk):
    material = _visible_material(request, pk)
    if not material.file:
        raise Http404
    try:
        return private_file_response(material.file, filename_base=services.slug_name(material.title),
                                     content_type=material.content_type)
    except FileNotFoundError:
        raise Http404 from None


@login_required
@require_POST
def material_submit(request, pk):
    material = get_object_or_404(MethodicalMaterial, pk=pk)
    if material.author_id != request.user.pk:
        raise Http404
    attempt(request, lambda: services.submit_material(material=material, by=request.user),
            _("The material was sent to the centre for publication."), errors=services.MaterialError)
    return redirect("loans:material_detail", material.pk)


@login_required
@allowed_for(permissions.can_review_materials)
def material_review_queue(request):
    status = request.GET.get("status")
    status = status if status in MethodicalMaterial.Status.values else MethodicalMaterial.Status.SUBMITTED
    return render(request, "loans/material_review.html", {
        "materials": selectors.review_queue(user=request.user, status=status), "status": status,
        "statuses": MethodicalMaterial.Status.choices,
    })


# Another centre's material: 404 (its staff may review, but not this one).
_material_to_review = object_or_404(MethodicalMaterial.objects.all(), permissions.can_review_material,
                                    allowed=permissions.can_review_materials, hidden=True)


def _review_action(request, pk, action, done_message):
    material = _material_to_review(request, pk)
    form = ReviewForm(request.POST)
    form.is_valid()
    try:
        action(material, form.cleaned_data.get("note", ""))
    except services.MaterialError as exc:
        messages.error(request, exc.message)
        return redirect("loans:material_detail", material.pk)
    messages.success(request, done_message)
    return redirect("loans:material_review")


def _review_view(review, done_message):
    """A POST-only page of the centre's review: `review(material=, by=, note=)`, then back to the queue."""

    @login_required
    @require_POST
    def view(request, pk):
        return _review_action(request, pk, lambda m, note: review(material=m, by=request.user, note=note),
                              done_message)

    return view


material_publish = _review_view(services.publish_material, gettext_lazy("The material was published."))
material_return = _review_view(services.return_material, gettext_lazy("The material was returned to its author."))
material_unpublish = _review_view(services.unpublish_material,
                                  gettext_lazy("The material was withdrawn from publication."))
