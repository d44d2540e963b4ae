"""Stored series of D, E and F take the keys the charts look for.

D's ``countries`` became ``total``, E's ``selected-projects`` ``selected``
and F's ``cooperating-municipalities`` ``cooperating``. Renaming keeps the
assessments already stored pointing at the same series; without it the old
series would stay beside the new ones and be drawn twice on the overview.
"""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

RENAMED = {
    "D": ("countries", "total"),
    "E": ("selected-projects", "selected"),
    "F": ("cooperating-municipalities", "cooperating"),
}


def rename_keys(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    series = apps.get_model("indicators", "Series")
    for code, (old, new) in RENAMED.items():
        if series.objects.filter(indicator__code=code, key=new).exists():
            continue  # already recomputed under the new key
        series.objects.filter(indicator__code=code, key=old).update(key=new)


def restore_keys(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    series = apps.get_model("indicators", "Series")
    for code, (old, new) in RENAMED.items():
        if not series.objects.filter(indicator__code=code, key=old).exists():
            series.objects.filter(indicator__code=code, key=new).update(key=old)


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_trade_statistics"),
    ]

    operations = [migrations.RunPython(rename_keys, restore_keys)]
