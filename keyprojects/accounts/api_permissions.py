from rest_framework.permissions import BasePermission

from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import log_forbidden


class HasPerm(BasePermission):
    """DRF's face of keyprojects.accounts.permissions: the same table as the web views."""

    message = "您没有权限进行此操作。"

    def __init__(self, perm: Perm):
        self.perm = perm

    def has_permission(self, request, view) -> bool:
        if has_perm(request.user, self.perm):
            return True
        if request.user.is_authenticated:  # an anonymous call is told to authenticate, not logged as a refusal
            log_forbidden(request.user, self.perm, request.get_full_path())
        return False
