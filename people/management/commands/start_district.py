"""The first step of a real district: its municipality, its education centre and the first municipality
administrator, who gets an invitation e-mail and sets their own password. Everything after this is done
in the portal (see README, "Starting a real district"). Safe to run again: nothing is duplicated."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction

from people import invitations, staff
from people.models import Organisation, Role


class Command(BaseCommand):
    help = "Create the municipality, the education centre and the first administrator (invited by e-mail)."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", required=True, help="e.g. \"Vilniaus rajono savivaldybės administracija\"")
        parser.add_argument("--centre", required=True, help="e.g. \"Vilniaus rajono švietimo centras\"")
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-first-name", required=True)
        parser.add_argument("--admin-last-name", required=True)

    def handle(self, *args, **options):
        try:
            validate_email(options["admin_email"])
        except ValidationError as error:
            raise CommandError(f"Not an e-mail address: {options['admin_email']}") from error
        with transaction.atomic():
            municipality, _ = Organisation.objects.get_or_create(
                kind=Organisation.Kind.MUNICIPALITY, name=options["municipality"].strip())
            centre, _ = Organisation.objects.get_or_create(kind=Organisation.Kind.CENTRE, name=options["centre"].strip())
            user, created = staff.ensure_person(email=options["admin_email"], first_name=options["admin_first_name"],
                                                last_name=options["admin_last_name"])
            staff.ensure_membership(user=user, organisation=municipality, role=Role.ADMINISTRATOR)
            invitation = invitations.invite(user=user, organisation=municipality, by=None)
        self.stdout.write(f"Municipality: {municipality.name}; centre: {centre.name}.")
        if invitation is not None:
            self.stdout.write(f"An invitation was sent to {user.email} (valid for the configured number of days).")
        else:
            self.stdout.write(f"{user.email} already signs in; nothing was sent.")
