from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import log_forbidden


def perm_required(perm: Perm):
    """Anonymous users go to the login page; signed-in users without the permission get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_perm(request.user, perm):
                log_forbidden(request.user, perm, request.get_full_path())
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
