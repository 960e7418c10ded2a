"""The REST API's router: each app registers its endpoints from its own `api.py`."""

from rest_framework.routers import DefaultRouter

from keyprojects.accounts import api as accounts_api

router = DefaultRouter()
accounts_api.register(router)
