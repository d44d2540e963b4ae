"""The three staff roles, as Django groups, loaded by ``load_reference``.

- ``data entry``: adds and changes records (memberships, projects and their
  follow-up, application counts, survey responses, municipalities,
  reference values) and imports files; sees the rest.
- ``reviewers``: all of that, and writes the evaluation and notes of an
  assessment, publishes a run and undoes an import.
- ``administrators``: every permission there is.

No role deletes records one by one; an import is removed by undoing it.

Why a reference loader and not a data migration: permissions only exist
once ``migrate`` has finished (Django creates them after the last
migration), and a model added later (trade rows, say) needs its
permissions granted too. The loader runs after ``migrate`` and again after
every upgrade, and adds what is missing: a group that does not exist, and
the permissions of a model the group holds none of. A permission staff
took away from a group for a model the group still has others of stays
away; the loader never removes a permission.
"""

import logging
from collections import defaultdict

from django.contrib.auth.models import Group, Permission

from indicators.reference_data import reference_loader

logger = logging.getLogger(__name__)

DATA_ENTRY, REVIEWERS, ADMINISTRATORS = "data entry", "reviewers", "administrators"

# Records the data entry role adds and changes: "app_label.model".
ENTERED_RECORDS = (
    "indicators.membership",
    "indicators.project",
    "indicators.projectfollowup",
    "indicators.applicationcount",
    "indicators.referencevalue",
    "surveys.municipality",
    "surveys.survey",
    "surveys.surveyresponse",
)
# What every role may look at in the admin besides its own records.
VIEWED_RECORDS = (
    "indicators.country",
    "indicators.customspartner",
    "indicators.programme",
    "indicators.indicator",
    "indicators.series",
    "indicators.seriesvalue",
    "indicators.referenceseries",
    "indicators.dataimport",
    "indicators.assessmentrun",
    "indicators.indicatorassessment",
    "indicators.seriesassessment",
    "surveys.sourcerow",
)

DATA_ENTRY_PERMISSIONS = (
    *(f"{m}.add" for m in ENTERED_RECORDS),
    *(f"{m}.change" for m in ENTERED_RECORDS),
    *(f"{m}.view" for m in ENTERED_RECORDS + VIEWED_RECORDS),
    "indicators.dataimport.import_records",
)
REVIEWER_PERMISSIONS = (
    *DATA_ENTRY_PERMISSIONS,
    "indicators.indicatorassessment.change",
    "indicators.assessmentrun.change",
    "indicators.assessmentrun.publish_assessmentrun",
    "indicators.dataimport.undo_dataimport",
)


@reference_loader("roles")
def load_roles() -> int:
    """Create missing groups and grant what they miss; returns groups created."""
    shipped = {
        DATA_ENTRY: _permissions(DATA_ENTRY_PERMISSIONS),
        REVIEWERS: _permissions(REVIEWER_PERMISSIONS),
        ADMINISTRATORS: list(Permission.objects.all()),
    }
    created = 0
    for name, permissions in shipped.items():
        group, is_new = Group.objects.get_or_create(name=name)
        created += is_new
        granted = _missing_for_new_models(group, permissions)
        group.permissions.add(*granted)
        logger.debug("group %s: %d permissions granted", name, len(granted))
    return created


def _permissions(names: tuple[str, ...]) -> list[Permission]:
    """``app.model.action`` (add, change, view) or ``app.model.codename``."""
    wanted = set()
    for name in names:
        app_label, model, action = name.split(".")
        codename = (
            f"{action}_{model}" if action in ("add", "change", "view") else action
        )
        wanted.add((app_label, model, codename))
    found = Permission.objects.select_related("content_type")
    permissions = [
        p
        for p in found
        if (p.content_type.app_label, p.content_type.model, p.codename) in wanted
    ]
    if len(permissions) != len(wanted):
        known = {
            (p.content_type.app_label, p.content_type.model, p.codename)
            for p in permissions
        }
        raise LookupError(f"unknown permissions: {sorted(wanted - known)}")
    return permissions


def _missing_for_new_models(
    group: Group, permissions: list[Permission]
) -> list[Permission]:
    """The shipped permissions of models the group holds no permission of."""
    held = set(group.permissions.values_list("content_type_id", flat=True))
    by_model: dict[int, list[Permission]] = defaultdict(list)
    for permission in permissions:
        by_model[permission.content_type_id].append(permission)
    return [p for model, ps in by_model.items() if model not in held for p in ps]
