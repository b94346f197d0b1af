"""Identity document numbers stored before candidates.identity existed were only upper-cased and stripped of
punctuation: fold them the same way new ones are (NFKC, any script's digits to 0-9, Cyrillic and Greek look-alikes
to Latin, format characters gone), so that duplicate detection compares like with like."""

from django.db import migrations


def renormalise(apps, schema_editor):  # type: ignore[no-untyped-def]
    from candidates.identity import normalise_identifier

    Document = apps.get_model("candidates", "Document")
    for document in Document.objects.exclude(document_number="").only("pk", "document_number").iterator():
        number = normalise_identifier(document.document_number)
        if number != document.document_number:
            Document.objects.filter(pk=document.pk).update(document_number=number)


class Migration(migrations.Migration):
    dependencies = [("candidates", "0003_wizard_fields")]

    operations = [migrations.RunPython(renormalise, migrations.RunPython.noop)]
