"""The two steps of every spreadsheet import in the portal's pages (the district's schools, a school's
staff): upload and preview, then apply the same file; and the blank template to fill in."""

import uuid

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.utils.translation import gettext as _

from kvalifikacija.importing import ImportFailed

from .forms import ImportUploadForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def import_step(request, importer, key, context):
    """Upload → preview (nothing kept); "Import" → the same file in one transaction. The file waits in
    private storage between the two steps, under a name kept in the session."""
    upload_form = ImportUploadForm()
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get(key)
        if not stored or stored.get("token") != request.POST.get("confirm"):
            messages.error(request, _("The preview has expired; upload the file again."))
            return None, upload_form, None
        path = f"imports/{stored['token']}.bin"
        try:
            with default_storage.open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            messages.error(request, _("The preview has expired; upload the file again."))
            return None, upload_form, None
        try:
            report = importer.apply(data, stored["name"])
        except ImportFailed as failure:
            context["errors"] = failure.errors
            return None, upload_form, None
        default_storage.delete(path)
        del request.session[key]
        return report, upload_form, None
    if request.method == "POST":
        upload_form = ImportUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            upload = upload_form.cleaned_data["file"]
            data = upload.read()
            preview = importer.preview(data, upload.name)
            if preview.ok:
                token = uuid.uuid4().hex
                default_storage.save(f"imports/{token}.bin", ContentFile(data))
                request.session[key] = {"token": token, "name": upload.name[:200]}
                context["token"] = token
            return None, upload_form, preview
    return None, upload_form, None


def template_response(importer):
    response = HttpResponse(importer.template(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{importer.template_name}"'
    return response
