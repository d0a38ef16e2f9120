from django.db import migrations

# Halland's municipalities, as listed in the 2020 survey and the agreement's context.
MUNICIPALITIES = [
    ("halmstad", "Halmstad", "Halmstad"),
    ("laholm", "Laholm", "Laholm"),
    ("hylte", "Hylte", "Hylte"),
    ("falkenberg", "Falkenberg", "Falkenberg"),
    ("varberg", "Varberg", "Varberg"),
    ("kungsbacka", "Kungsbacka", "Kungsbacka"),
    ("hela-halland", "Hela Halland", "All of Halland"),
]

# The 20 options of the 2020 survey's question "Inom vilket/vilka områden ser du ett större
# behov av samverkan?", verbatim (shared/seeds/000_7e6ddfd0533ef82d.txt).
ACTIVITY_AREAS = [
    ("social-trygghet", "Social trygghet", "Social security"),
    ("agenda-2030", "Agenda 2030, hållbar utveckling", "Agenda 2030, sustainable development"),
    (
        "funktionsnedsattning",
        "Insatser riktade till personer med funktionsnedsättning",
        "Support for people with disabilities",
    ),
    ("folkhalsa", "Folkhälsa", "Public health"),
    (
        "bostader",
        "Bostäder, bebyggelse och offentliga miljöer",
        "Housing, buildings and public spaces",
    ),
    (
        "tillvaxt-och-utveckling",
        "lokal/regional tillväxt och utveckling",
        "Local/regional growth and development",
    ),
    ("jamstalldhet", "Jämställdhet", "Gender equality"),
    ("barn-och-unga", "Barn och ungdomsverksamhet", "Children and youth activities"),
    ("aldre", "Insatser riktade till äldre personer", "Support for older people"),
    ("miljo", "Miljö, natur och djurskydd", "Environment, nature and animal welfare"),
    ("landsbygd", "Utveckling av landsbygd/glesbygd", "Rural development"),
    ("kultur", "Kultur", "Culture"),
    ("kvinnofrid", "Kvinnofrid/våld i nära relationer", "Violence against women/domestic violence"),
    ("arbetsmarknad", "Arbetsmarknadsinsatser", "Labour market measures"),
    (
        "utbildning",
        "Utbildning, forskning och folkbildning",
        "Education, research and adult education",
    ),
    ("halso-och-sjukvard", "Hälso- och sjukvård", "Health care"),
    ("idrott", "Idrott", "Sport"),
    ("flyktingar", "Flyktingar och nyanlända", "Refugees and newly arrived"),
    ("religios-verksamhet", "Religiös verksamhet", "Religious activities"),
    (
        "rehabilitering",
        "Rehabilitering och habilitering",
        "Rehabilitation and habilitation",
    ),
]


def load(apps, schema_editor):
    Municipality = apps.get_model("agreements", "Municipality")
    ActivityArea = apps.get_model("agreements", "ActivityArea")
    for position, (slug, name, name_en) in enumerate(MUNICIPALITIES, start=1):
        Municipality.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )
    for position, (slug, name, name_en) in enumerate(ACTIVITY_AREAS, start=1):
        ActivityArea.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_organisations_signatures_commitments")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
