"""The REST API's router: each app registers its endpoints from its own `api.py`."""

from rest_framework.routers import DefaultRouter

from keyprojects.accounts import api as accounts_api
from keyprojects.assessment import api as assessment_api
from keyprojects.attraction import api as attraction_api
from keyprojects.coordination import api as coordination_api
from keyprojects.projects import api as projects_api
from keyprojects.reports import api as reports_api

router = DefaultRouter()
accounts_api.register(router)
projects_api.register(router)
reports_api.register(router)
coordination_api.register(router)
attraction_api.register(router)
assessment_api.register(router)
