"""Vacancies that already recruit through a programme (or a scheme of one) keep doing so: their organisations are
recorded as taking part, so that publishing or editing them does not fail after the upgrade. A caseworker or the
programme's administrator can end a participation that was never agreed; the organisation's vacancies then leave
matching."""

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Vacancy = apps.get_model("employers", "Vacancy")
    ProgrammeParticipation = apps.get_model("employers", "ProgrammeParticipation")
    pairs = set()
    for org_id, programme_id, scheme_programme_id in Vacancy.objects.values_list(
        "organisation_id", "programme_id", "scheme__programme_id"
    ):
        for pid in (programme_id, scheme_programme_id):
            if pid is not None:
                pairs.add((org_id, pid))
    for org_id, pid in sorted(pairs):
        ProgrammeParticipation.objects.get_or_create(organisation_id=org_id, programme_id=pid, ended_at=None)


class Migration(migrations.Migration):
    dependencies = [("employers", "0003_programme_participation")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
