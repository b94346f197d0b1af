"""Load the bundled directory content and the WHO safeguards list, so a fresh install has a usable directory.

Occupations are linked only if the ESCO taxonomy is already loaded; otherwise `manage.py link_programme_occupations`
(also run by the demo loader) links them later.
"""
from django.db import migrations


def forwards(apps, schema_editor):
    from programmes import bundled_directory

    models = {name: apps.get_model("programmes", name) for name in
              ("Programme", "LegalScheme", "Stakeholder", "ProgrammePartner", "SafeguardListEdition", "SafeguardCountry")}
    bundled_directory.load_programmes(Programme=models["Programme"], LegalScheme=models["LegalScheme"],
                            Stakeholder=models["Stakeholder"], ProgrammePartner=models["ProgrammePartner"])
    bundled_directory.load_safeguards(SafeguardListEdition=models["SafeguardListEdition"], SafeguardCountry=models["SafeguardCountry"])
    Occupation = apps.get_model("taxonomy", "Occupation")
    if Occupation.objects.exists():
        bundled_directory.link_occupations(Programme=models["Programme"], LegalScheme=models["LegalScheme"], Occupation=Occupation)


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_scheme_annual_quota"),
        ("taxonomy", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
