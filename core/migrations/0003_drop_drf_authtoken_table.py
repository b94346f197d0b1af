"""Drop DRF's `authtoken_token` table, left behind when `rest_framework.authtoken` gave way to django-rest-knox.

Its keys never expired, so none of them is carried over: every client logs in again and gets a knox token with an
end time. The table must go, not just sit there: it holds a foreign key to core_user that Django no longer knows
about, so deleting (erasing) a user who once had such a token would fail on the database's constraint. The
migration history of the removed app goes too, so that adding the app back one day would create its table again.
A database that never had the table is left as it is. Reversing does nothing: the old keys are not coming back.
"""

from django.db import migrations
from django.db.migrations.recorder import MigrationRecorder

OLD_TABLE = "authtoken_token"


def drop_old_drf_tokens(apps, schema_editor):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    if OLD_TABLE in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(OLD_TABLE)}")
    MigrationRecorder(connection).migration_qs.filter(app="authtoken").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_outbox_event")]

    operations = [migrations.RunPython(drop_old_drf_tokens, migrations.RunPython.noop)]
