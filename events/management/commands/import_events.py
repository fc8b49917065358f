"""Import a yearly plan from a CSV or XLSX file: all rows or none (see README for the columns)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.services.importing import ImportFailed, import_events
from people.models import Organisation


class Command(BaseCommand):
    help = "Import events from a spreadsheet (CSV or XLSX with a header row). Every row is checked first."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .csv or .xlsx file")
        parser.add_argument("--centre", help="The organising centre's id or name (default: the only centre)")
        parser.add_argument("--publish", action="store_true", help="Publish the events instead of saving drafts")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        centres = Organisation.objects.filter(kind=Organisation.Kind.CENTRE)
        if options["centre"]:
            key = options["centre"]
            centres = centres.filter(pk=int(key)) if key.isdigit() else centres.filter(name=key)
        if centres.count() != 1:
            raise CommandError("Name one centre with --centre (id or exact name).")
        try:
            events = import_events(data=path.read_bytes(), filename=path.name, organiser=centres.get(),
                                   publish=options["publish"])
        except ImportFailed as exc:
            for line in exc.errors:
                self.stderr.write(str(line))
            raise CommandError(f"{exc} ({len(exc.errors)})") from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {len(events)} events."))
