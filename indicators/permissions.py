"""Who may do what: the portal's own permissions and their checks.

The roles (``indicators.roles``) grant Django permissions; the admin, the
public pages and the REST API ask the same questions here:

- writing a record needs the model's add, change or delete permission
  (``ModelPermissionsOrReadOnly``; reading is public);
- importing a file needs ``import_records``, whatever the model;
- publishing an assessment needs ``publish_assessmentrun``;
- undoing an import needs ``undo_dataimport``;
- seeing a draft assessment needs the right to view assessment runs.
"""

from typing import Any

from rest_framework.permissions import (
    BasePermission,
    DjangoModelPermissionsOrAnonReadOnly,
)
from rest_framework.request import Request

IMPORT_PERMISSION = "indicators.import_records"
PUBLISH_PERMISSION = "indicators.publish_assessmentrun"
UNDO_IMPORT_PERMISSION = "indicators.undo_dataimport"
VIEW_RUNS_PERMISSION = "indicators.view_assessmentrun"


def can_see_drafts(user: Any) -> bool:
    """Staff who may view assessment runs may preview a draft on the pages."""
    return bool(
        user.is_active and user.is_staff and user.has_perm(VIEW_RUNS_PERMISSION)
    )


class ModelPermissionsOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Reads for everyone; a write needs the model permission of its method."""


class HasPermission(BasePermission):
    """A user holding one named permission, for any method.

    Subclass with ``permission`` set, or use ``requiring(...)``.
    """

    permission = ""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(self.permission))


def requiring(permission: str) -> type[HasPermission]:
    """A permission class for one named permission, e.g. an import endpoint's."""
    name = "Requires_" + permission.replace(".", "_")
    return type(name, (HasPermission,), {"permission": permission})


CanImport = requiring(IMPORT_PERMISSION)
CanPublish = requiring(PUBLISH_PERMISSION)
CanUndoImport = requiring(UNDO_IMPORT_PERMISSION)
