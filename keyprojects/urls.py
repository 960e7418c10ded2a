from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from keyprojects.analytics import api as analytics_api
from keyprojects.api import router
from keyprojects.core import views as core_views

# Swagger UI's own page carries a <style> block and its React components set style attributes; only this page
# allows inline styles. Its script stays external (the split view serves the start-up script as a file).
# It is a page for people: without a login it sends them to the login page, as every page does, rather than
# answering the API's bare "401 Unauthorized".
swagger_ui = login_required(
    csp_replace({"style-src": [SELF, UNSAFE_INLINE]})(SpectacularSwaggerSplitView.as_view(url_name="api_schema"))
)

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("api/stats/", analytics_api.stats, name="api_stats"),
    path("api/colors/", analytics_api.colors, name="api_colors"),
    path("api/ranking/", analytics_api.ranking_view, name="api_ranking"),
    path("api/", include((router.urls, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", swagger_ui, name="api_docs"),
    path("projects/", include("keyprojects.projects.urls")),
    path("reports/", include("keyprojects.reports.urls")),
    path("analytics/", include("keyprojects.analytics.urls")),
    path("coordination/", include("keyprojects.coordination.urls")),
    path("attraction/", include("keyprojects.attraction.urls")),
    path("cockpit/", include("keyprojects.dashboard.urls")),
    path("assessment/", include("keyprojects.assessment.urls")),
    path("", include("keyprojects.core.urls")),
    path("", include("keyprojects.accounts.urls")),
]

handler400 = "keyprojects.core.errors.bad_request"
handler403 = "keyprojects.core.errors.permission_denied"
handler404 = "keyprojects.core.errors.page_not_found"
handler500 = "keyprojects.core.errors.server_error"
