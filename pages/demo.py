"""Demo information pages: requalification possibilities, how to register, contacts (idempotent by address)."""

from .models import InfoPage

PAGES = [
    ("perkvalifikavimas", 1, "Perkvalifikavimo galimybės", "Requalification possibilities",
     "## Kam skirta\n\nMokytojams, norintiems įgyti kito dalyko mokytojo kvalifikaciją ar pedagogo kvalifikaciją.\n\n"
     "## Galimybės\n\n- Pedagoginių studijų programos universitetuose (60 kreditų).\n"
     "- Ilgalaikės Centro programos moduliais: kiekvienas modulis baigiamas pažymėjimu.\n"
     "- Mokymo lėšos kvalifikacijai tobulinti gali padengti dalį išlaidų.\n\n"
     "Daugiau informacijos suteiks Centro metodininkė.",
     "## Who it is for\n\nTeachers who want to qualify for another subject or as teachers.\n\n"
     "## Options\n\n- Teacher-training study programmes at universities (60 credits).\n"
     "- The centre's long programmes in modules, each ending with a certificate.\n"
     "- Teaching funds for qualification may cover part of the cost."),
    ("kaip-registruotis", 2, "Kaip registruotis į renginius", "How to register for events",
     "1. Prisijunkite prie Kvalifikacijos portalo.\n2. Renginių kataloge pasirinkite renginį ir spauskite "
     "**Registruotis**.\n3. Jei renginys vyksta pamokų metu, pateikite prašymą direktoriui.\n\n"
     "Mokamų renginių sąskaitas faktūras Centras išrašo mokyklai arba dalyviui.",
     "1. Sign in to the portal.\n2. Choose an event in the catalogue and press **Register**.\n"
     "3. If it is during lessons, send a request to your director.\n\n"
     "The centre invoices fees to the school or the participant."),
    ("kontaktai", 3, "Kontaktai", "Contacts",
     "| | |\n|---|---|\n| Adresas | Žemaitės g. 5, Pavyzdys |\n| Telefonas | +370 600 00000 |\n"
     "| El. paštas | [centras@demo.lt](mailto:centras@demo.lt) |\n\nDarbo laikas: I–IV 8.00–17.00, V 8.00–15.45.",
     ""),
]


def seed(ctx):
    for slug, order, title_lt, title_en, body_lt, body_en in PAGES:
        InfoPage.objects.get_or_create(slug=slug, defaults={
            "order": order, "title_lt": title_lt, "title_en": title_en, "body_lt": body_lt, "body_en": body_en,
        })
