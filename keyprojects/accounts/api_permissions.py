from rest_framework.permissions import BasePermission

from keyprojects.accounts.permissions import Perm, has_perm


class HasPerm(BasePermission):
    """DRF's face of keyprojects.accounts.permissions: the same table as the web views."""

    message = "您没有权限进行此操作。"

    def __init__(self, perm: Perm):
        self.perm = perm

    def has_permission(self, request, view) -> bool:
        return has_perm(request.user, self.perm)
