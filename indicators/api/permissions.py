"""Who may do what through the API.

Public records are read by anyone; every write needs a staff user (usually
authenticated by a token) holding the model's add, change or delete
permission, the same permissions the admin checks. Records that are not
public (individual survey answers) need a staff user with the model's view
permission even to read.
"""

from typing import Any

from rest_framework.permissions import (
    SAFE_METHODS,
    DjangoModelPermissions,
    DjangoModelPermissionsOrAnonReadOnly,
)
from rest_framework.request import Request


def is_staff(request: Request) -> bool:
    user = request.user
    return bool(user and user.is_authenticated and user.is_staff)


class PublicReadStaffWrite(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads; staff with the model permission write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return is_staff(request) and super().has_permission(request, view)


class StaffOnly(DjangoModelPermissions):
    """Only staff with the model's view permission read; writes as above."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_staff(request) and super().has_permission(request, view)
