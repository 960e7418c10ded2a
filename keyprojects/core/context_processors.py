from keyprojects.accounts.choices import UserRole
from keyprojects.accounts.permissions import Perm, has_perm
from keyprojects.accounts.scope import scope_for
from keyprojects.accounts.services import managed_city
from keyprojects.core import navigation

PLATFORM_NAME = "重点项目建设调度平台"


def shell(request) -> dict:
    user = request.user
    city = managed_city()
    context = {
        "platform_name": f"{city.name}{PLATFORM_NAME}" if city else PLATFORM_NAME,
        "city": city,
    }
    if user.is_authenticated:
        context.update(
            nav_modules=navigation.items_for(user, navigation.MODULES),
            nav_admin=navigation.items_for(user, navigation.ADMINISTRATION),
            role_label=UserRole(user.role).label if user.role else "",
            scope=scope_for(user),
            # For links to a feature the role may lack: {% if "view_letters" in user_perms %}
            user_perms=frozenset(perm.value for perm in Perm if has_perm(user, perm)),
            unread_count=user.notifications.filter(read_at__isnull=True).count(),
        )
    return context
