"""What a certificate says, fixed when it is issued: its number in the issuer's yearly series (a counter
row locked with select_for_update, so concurrent issuing never hands out a number twice) and the
snapshot of everything printed on it (holder, workplace, event, lecturers, accreditation, place)."""


from django.conf import settings

from lithuanian.documents import document_date, printed_title
from people.models import Membership, Role

from ..models import Certificate, CertificateCounter


def format_number(year, sequence) -> str:
    return f"{settings.CERTIFICATE_SERIES_PREFIX}-{year}-{sequence:06d}"


def lock_series(*, issuer, year) -> CertificateCounter:
    """Lock the issuer's counter row for `year` until the transaction commits (created on first use).
    Holding it serialises numbering and the "already issued?" check for that issuer and year."""
    CertificateCounter.objects.get_or_create(issuer=issuer, year=year)
    return CertificateCounter.objects.select_for_update().get(issuer=issuer, year=year)


def next_number(*, issuer, year) -> tuple[int, str]:
    """Take the next number of the issuer's series for `year`. Call inside a transaction."""
    counter = lock_series(issuer=issuer, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number, format_number(year, counter.last_number)


# The certificate is a Lithuanian document: forms and modes are printed by their official names,
# whatever the interface language (and whether or not a translation catalogue is compiled).
PRINTED_FORMS = {
    "kursai": "kursai", "seminaras": "seminaras", "konferencija": "konferencija", "paskaita": "paskaita",
    "dirbtuves": "praktinis seminaras (dirbtuvės)", "isvyka": "edukacinė išvyka", "stazuote": "stažuotė",
    "vebinaras": "vebinaras", "ilgalaike": "ilgalaikė programa", "apskritasis_stalas": "apskritasis stalas",
    "gerosios_patirties": "gerosios patirties sklaida", "paroda": "paroda", "kita": "kita",
}
PRINTED_MODES = {"kontaktinis": "kontaktinis", "nuotolinis": "nuotolinis", "misrus": "mišrus"}


def _accreditation(issuer) -> str:
    """The accreditation line names the order: *Kvalifikacijos tobulinimo veikla akredituota švietimo,
    mokslo ir sporto ministro 2022 m. gegužės 10 d. įsakymu Nr. V-1234 (galioja iki 2027-05-10).*"""
    if not issuer.accreditation_order:
        return ""
    dated = f"{document_date(issuer.accreditation_date)} " if issuer.accreditation_date else ""
    line = (f"Kvalifikacijos tobulinimo veikla akredituota švietimo, mokslo ir sporto ministro {dated}"
            f"įsakymu Nr. {issuer.accreditation_order}")
    if issuer.accreditation_expires:
        line += f" (galioja iki {issuer.accreditation_expires:%Y-%m-%d})"
    return line


def _lecturer_names(event) -> str:
    names = [person.get_full_name() for person in event.lecturers.all()]
    if event.lecturer_names:
        names.append(event.lecturer_names)
    if not names and event.programme_id:
        names = [person.get_full_name() for person in event.programme.lecturers.all()]
        if event.programme.lecturer_names:
            names.append(event.programme.lecturer_names)
    return ", ".join(name for name in names if name)


def _workplace(*, holder, registration, kind):
    if registration is not None and registration.school_id:
        return registration.school.name
    roles = (Role.LECTURER, Role.CENTRE_STAFF) if kind == Certificate.Kind.STATEMENT else (Role.TEACHER,)
    membership = (
        Membership.objects.active().filter(user=holder, role__in=roles).select_related("organisation")
        .order_by("id").first()
    )
    return membership.organisation.name if membership else ""


def _issued_place(issuer) -> str:
    # The town is the last part of a Lithuanian address ("Žemaitės g. 5, LT-85001 Pavyzdys").
    if not issuer.address:
        return ""
    town = issuer.address.rsplit(",", 1)[-1].strip()
    return " ".join(word for word in town.split() if not word.upper().startswith("LT-"))


def snapshot(*, event, holder, registration=None, kind=Certificate.Kind.CERTIFICATE, issued_on=None) -> dict:
    """Everything printed on the certificate, as it stands today (in Lithuanian)."""
    issuer = event.organiser
    form = PRINTED_FORMS.get(event.form, event.form)
    delivery_mode = PRINTED_MODES.get(event.delivery_mode, event.delivery_mode)
    competences = event.competences or (event.programme.competences if event.programme_id else "")
    return {
        "kind": kind,
        "issuer": issuer,
        "issuer_name": issuer.name,
        "issuer_legal_code": issuer.legal_code,
        "issuer_address": issuer.address,
        "issuer_accreditation": _accreditation(issuer),
        "event": event,
        "registration": registration,
        "holder": holder,
        "holder_name": holder.get_full_name() or holder.email,
        "holder_workplace": _workplace(holder=holder, registration=registration, kind=kind),
        "title": printed_title(event.programme.title if event.programme_id and not event.title else event.title),
        "registry_code": event.programme.registry_code if event.programme_id else "",
        "module_title": event.module.title if event.module_id else "",
        "form": form,
        "delivery_mode": delivery_mode,
        "starts_on": event.starts_on or event.ends_on or issued_on,
        "ends_on": event.ends_on or event.starts_on or issued_on,
        "academic_hours": event.academic_hours,
        "place": event.place,
        "lecturers": _lecturer_names(event),
        "competences": competences,
        "signatory_name": issuer.head_name,
        "signatory_position": issuer.head_position,
        "issued_on": issued_on,
        "issued_place": _issued_place(issuer),
    }
