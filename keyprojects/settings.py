"""Settings, read from the environment (see `.env.example`). SQLite by default so a checkout just works."""

import os
from datetime import timedelta

from csp.constants import NONE, SELF

from keyprojects import env

DATA_DIR = env.data_dir()
DEBUG = env.envbool("KEYPROJECTS_DEBUG", "0")
SECRET_KEY = env.secret_key(DATA_DIR)
ALLOWED_HOSTS = env.envlist("KEYPROJECTS_ALLOWED_HOSTS", "localhost,127.0.0.1")
# Behind TLS in production; ./run sets KEYPROJECTS_HTTPS=0 to serve the demo over plain http.
HTTPS = env.envbool("KEYPROJECTS_HTTPS", "0" if DEBUG else "1")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "keyprojects.core",
    "keyprojects.accounts",
    "keyprojects.projects",
    "keyprojects.reports",
    "keyprojects.analytics",
    "keyprojects.coordination",
    "keyprojects.attraction",
    "keyprojects.assessment",
    "keyprojects.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks, so that it sees every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "keyprojects.urls"
WSGI_APPLICATION = "keyprojects.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "keyprojects.core.context_processors.shell",
            ],
        },
    },
]

DATABASES = {"default": env.database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's rules with Chinese messages (keyprojects/accounts/passwords.py says why).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "keyprojects.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "keyprojects.accounts.passwords.MinimumLengthValidator"},
    {"NAME": "keyprojects.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "keyprojects.accounts.passwords.NumericPasswordValidator"},
    {"NAME": "keyprojects.accounts.passwords.CharacterVarietyValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed logins (keyprojects/accounts/throttle.py): five wrong passwords for one account from one address lock
# that account there; twenty from one address, over any accounts, lock the address (a county office behind one
# NAT shares it, README 设计决定). A lock lifts 15 minutes after the last failure it counts.
AXES_FAILURE_LIMIT = 5
LOGIN_FAILURES_PER_ADDRESS = 20
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], ["ip_address"]]  # the order throttle.LoginThrottle reads
AXES_HANDLER = "keyprojects.accounts.throttle.LoginThrottle"
AXES_LOCKOUT_CALLABLE = "keyprojects.accounts.throttle.lockout_response"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind the nginx of docs/deploy.md (which overwrites X-Forwarded-For) the client address is in
# that header; served directly (./run), the header is the client's own word and is not trusted.
AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if HTTPS else ("REMOTE_ADDR",)

# The platform speaks one language. With no LocaleMiddleware and one entry in LANGUAGES, a browser that asks
# for English (Accept-Language: en-US, Chromium's default) still gets Django's messages in Chinese.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # amounts are formatted explicitly by keyprojects.core.numbers

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # filled by collectstatic; whitenoise warns when it is missing
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "keyprojects.core.errors.csrf_failure"  # in Chinese, saying what to do
# No inline script or style anywhere: pages load their code and styles from our own static files and take data
# through json_script or data- attributes, so a name someone typed can never run even if it reached the markup.
# img-src allows data: for the images Bootstrap draws from data URIs (select arrows, check marks, close buttons).
# The Swagger UI page relaxes style-src for itself only (keyprojects/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
CSRF_TRUSTED_ORIGINS = env.envlist("KEYPROJECTS_CSRF_TRUSTED_ORIGINS", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: an anonymous API call is then told 401 with how to authenticate.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's three, with a JSON parser that refuses a too deeply nested body as 400 rather than a 500.
    "DEFAULT_PARSER_CLASSES": [
        "keyprojects.core.api_bodies.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "keyprojects.core.api_schema.AutoSchema",
    "EXCEPTION_HANDLER": "keyprojects.core.api_errors.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "重点项目建设调度平台 API",
    "DESCRIPTION": "会话认证供浏览器使用；脚本使用令牌认证：Authorization: Token KEY。所有数据按调用者的权限范围过滤。",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Requests are documented as JSON; form posts are still parsed (the browsable API sends them).
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    # Several models have a "stage" or "status" of their own; name each enum after its meaning.
    "ENUM_NAME_OVERRIDES": {
        "ReportStageEnum": "keyprojects.reports.choices.Stage",
        "AttractionStageEnum": "keyprojects.attraction.choices.Stage",
        "ReserveStageEnum": "keyprojects.attraction.choices.ReserveStage",
    },
}

# Reminders (`keyprojects tick`): e-mail when a host is set, and a chat robot (WeCom / DingTalk) webhook.
EMAIL_HOST = os.getenv("KEYPROJECTS_EMAIL_HOST", "")
EMAIL_PORT = env.envint("KEYPROJECTS_EMAIL_PORT", "25")
EMAIL_HOST_USER = os.getenv("KEYPROJECTS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("KEYPROJECTS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env.envbool("KEYPROJECTS_EMAIL_TLS", "0")
DEFAULT_FROM_EMAIL = os.getenv("KEYPROJECTS_EMAIL_FROM", "keyprojects@localhost")
KEYPROJECTS_WEBHOOK_URL = os.getenv("KEYPROJECTS_WEBHOOK_URL", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "errors": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": str(DATA_DIR / "error.log"),
            "maxBytes": 10 * 1024 * 1024,
            "backupCount": 5,
            "formatter": "plain",
            "encoding": "utf-8",
        },
        "security": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": str(DATA_DIR / "security.log"),
            "maxBytes": 10 * 1024 * 1024,
            "backupCount": 5,
            "formatter": "plain",
            "encoding": "utf-8",
        },
    },
    "loggers": {
        # Server errors (500) with their tracebacks, whatever DEBUG says.
        "django.request": {"handlers": ["errors"], "level": "ERROR", "propagate": True},
        "keyprojects.security": {"handlers": ["console", "security"], "level": "INFO", "propagate": True},
        # Failed logins and lockouts are written in Chinese by keyprojects.accounts.throttle; axes' own
        # English lines would repeat them.
        "axes": {"handlers": ["security"], "level": "ERROR"},
        # The pool logs every failed retry; one clear error is enough.
        "psycopg.pool": {"level": "ERROR"},
    },
}
