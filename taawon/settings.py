"""Taawon settings, read from the environment only (TAAWON_*).

Secure by default: DEBUG is off unless asked for, and outside the demo the secret key and the
field-encryption keys must be given. With TAAWON_DEMO=1 (what `make demo` and `taawon demo` set)
missing keys are generated once and kept under var/ so that a laptop demo needs no setup.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TAAWON_VAR_DIR", "var")).resolve()


def envbool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envages(name: str, default: dict[str, int]) -> dict[str, int]:
    """COUNTRY:AGE pairs over `default` ("JO:16,LB:15")."""
    ages = dict(default)
    for item in envlist(name):
        country, _sep, age = item.partition(":")
        if len(country.strip()) != 2 or not age.strip().isdigit() or not 12 <= int(age) <= 18:
            raise ImproperlyConfigured(
                f"{name} takes COUNTRY:AGE pairs (age 12 to 18), not {item!r}"
            )
        ages[country.strip().upper()] = int(age)
    return ages


def _demo_secret(filename: str, generate) -> str:
    """Read a secret kept under var/, writing it first if absent (demo only)."""
    path = VAR_DIR / filename
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(generate())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = envbool("TAAWON_DEBUG")
DEMO = envbool("TAAWON_DEMO")
# Production is neither debug nor demo: what is off there by default is off in the tests too.
PRODUCTION = not (DEBUG or DEMO)

# ---- Admin (Django's): off in production unless asked; it shows raw rows, such as phone numbers.
ADMIN_ENABLED = envbool("TAAWON_ADMIN_ENABLED", not PRODUCTION)

# ---- Allowed hosts
ALLOWED_HOSTS = envlist("TAAWON_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

# ---- Authentication
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes checks for a lockout before the password is compared (taawon.accounts.lockout);
# bearer tokens never go through authenticate(), so the API is not throttled by it.
AUTHENTICATION_BACKENDS = [
    "taawon.accounts.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = envint("TAAWON_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("TAAWON_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "taawon.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Tries during a lockout do not restart the cool-off: the page promises a time and keeps it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_VERBOSE = False
# Successful logins are in the audit trail already; no second log of addresses to look after.
AXES_DISABLE_ACCESS_LOG = True
if envbool("TAAWON_BEHIND_TLS_PROXY"):
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# Administrators and managers must sign in with a second factor (TOTP, or a recovery code);
# everyone else may choose to. The demo, whose logins are printed for anyone to try, leaves it
# to choice unless asked; the test suite switches it off except where a test needs it.
TWO_FACTOR_REQUIRED = envbool("TAAWON_TWO_FACTOR_REQUIRED", default=not DEMO)
OTP_TOTP_ISSUER = "Taawon"
# A session ends after this many minutes without a request (a half-filled form is kept, see
# taawon.accounts.drafts), and at the latest after SESSION_COOKIE_AGE.
SESSION_IDLE_MINUTES = envint("TAAWON_SESSION_IDLE_MINUTES", 30)
if SESSION_IDLE_MINUTES < 1:
    raise ImproperlyConfigured("TAAWON_SESSION_IDLE_MINUTES must be at least 1.")
SESSION_COOKIE_AGE = envint("TAAWON_SESSION_MAX_HOURS", 12) * 3600

# ---- Database
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("TAAWON_DATABASE_URL", "sqlite:///var/taawon.sqlite3"),
        conn_max_age=envint("TAAWON_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _name = DATABASES["default"]["NAME"]
    if _name and _name != ":memory:" and not Path(_name).is_absolute():
        _name = str(Path(_name).resolve())
        DATABASES["default"]["NAME"] = _name
    if _name and _name != ":memory:":
        Path(_name).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while a writer commits; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between two writing transactions.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Django's backend, creating the database files owner-only (taawon/core/sqlite).
    DATABASES["default"]["ENGINE"] = "taawon.core.sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("TAAWON_SQLITE_BUSY_TIMEOUT", 20),
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            " PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456;"
        ),
    }
    # In memory (":memory:" rather than "", so that pytest-xdist's workers keep it in memory too).
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TAAWON_TEST_SQLITE_NAME", ":memory:")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- Cache: counts the public complaint form's submissions per address (complaints.throttle).
# Files under var/ are shared by every worker process of one server, so the limit holds across
# gunicorn's workers (Django's default, memory, would count per process).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}

# ---- Complaints and feedback
# A complaint is to be acknowledged this many days after it came in (shown overdue after).
COMPLAINTS_ACKNOWLEDGE_DAYS = envint("TAAWON_COMPLAINTS_ACKNOWLEDGE_DAYS", 2)
# The public form takes at most this many submissions from one address in a window (minutes).
COMPLAINTS_FORM_LIMIT = envint("TAAWON_COMPLAINTS_FORM_LIMIT", 5)
COMPLAINTS_FORM_WINDOW_MINUTES = envint("TAAWON_COMPLAINTS_FORM_WINDOW_MINUTES", 10)

# ---- Data retention
# Archived persons are anonymised this many days after their archiving (`taawon
# apply-retention`, or the background task), unless a live permit or an open record holds them.
RETENTION_DAYS = envint("TAAWON_RETENTION_DAYS", 1825)

# ---- DHIS2 export
# Path of the JSON file mapping indicators and their disaggregations to DHIS2 data elements and
# category option combos (docs/dhis2-mapping.example.json); empty: no export.
DHIS2_MAPPING = os.environ.get("TAAWON_DHIS2_MAPPING", "")

# ---- Disclosure control
# Counts under this are withheld from aggregate-only viewers and public exports, with the
# complementary entries that would give them away (taawon.lib.disclosure.suppress).
SMALL_CELL = envint("TAAWON_SMALL_CELL", 5)
if SMALL_CELL < 1:
    raise ImproperlyConfigured(f"TAAWON_SMALL_CELL must be at least 1, not {SMALL_CELL}")

# ---- Minimum working age (taawon.protection)
# Per country (ISO 3166-1 alpha-2), the age below which nobody is matched, referred or placed:
# Jordan 16 (Labour Law No. 8 of 1996, art. 73), Lebanon 14 (Labour Code of 1946, art. 22 as
# amended by Law No. 536 of 1996), Iraq 15 (Labour Law No. 37 of 2015, art. 7). Override as
# "JO:16,LB:15"; a country not listed takes 15, ILO Convention 138's general minimum. Nobody
# under 18 does hazardous work anywhere (C138 art. 3, C182): that age is not a setting.
MINIMUM_WORKING_AGE = envages("TAAWON_MINIMUM_WORKING_AGE", {"JO": 16, "LB": 14, "IQ": 15})
MINIMUM_WORKING_AGE_DEFAULT = 15

# ---- Field encryption (sensitive identifiers)
# Comma-separated Fernet keys: the first encrypts, all decrypt (key rotation).
FIELD_KEYS = envlist("TAAWON_FIELD_KEYS")
if not FIELD_KEYS and DEMO:
    FIELD_KEYS = [_demo_secret("field_key", lambda: Fernet.generate_key().decode())]
if not FIELD_KEYS:
    raise ImproperlyConfigured(
        "TAAWON_FIELD_KEYS is required (comma-separated Fernet keys). Generate one with: "
        'python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"'
    )

# ---- Installed apps
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "bootstrap",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "taawon.core",
    "taawon.accounts",
    "taawon.geo",
    "taawon.occupations",
    "taawon.people",
    "taawon.protection",
    "taawon.cooperatives",
    "taawon.employment",
    "taawon.duplicates",
    "taawon.demo",
    "taawon.messaging",
    "taawon.permits",
    "taawon.indicators",
    "taawon.reports",
    "taawon.exports",
    "taawon.complaints",
    "taawon.datarights",
    "taawon.training",
    "taawon.grants",
    "taawon.surveys",
]

# ---- Internationalisation
# Dates, numbers and month names as written in Jordan, in both languages (taawon/formats).
FORMAT_MODULE_PATH = "taawon.formats"
LANGUAGE_CODE = "en"
# Sorani Kurdish (Central Kurdish, right to left) for the Kurdistan Region of Iraq.
LANGUAGES = [("en", _("English")), ("ar", _("Arabic")), ("ckb", _("Kurdish (Sorani)"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("TAAWON_TIME_ZONE", "Asia/Amman")
USE_I18N = True
USE_TZ = True

# ---- Logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TAAWON_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# ---- Messages (SMS and others)
MESSAGE_BACKEND = os.environ.get("TAAWON_MESSAGE_BACKEND", "log")
# The SMS gateway sends it in X-Taawon-Secret with each inbound message; empty: no webhook.
SMS_INBOUND_SECRET = os.environ.get("TAAWON_SMS_INBOUND_SECRET", "")

# ---- Middleware
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Serves /static/ itself (in the demo, and in production after collectstatic).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "taawon.accounts.middleware.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "taawon.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "taawon.core.middleware.BadInputMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]
if DEMO:
    # The demo serves itself, with no proxy in front to compress its pages for a slow line.
    # (In production the proxy does it: compressing pages that carry a CSRF token inside
    # TLS here would open them to BREACH.)
    MIDDLEWARE.insert(1, "django.middleware.gzip.GZipMiddleware")

# ---- Requests
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("TAAWON_MAX_REQUEST_BYTES", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
ROOT_URLCONF = "taawon.urls"
WSGI_APPLICATION = "taawon.wsgi.application"

# ---- Secret key
SECRET_KEY = os.environ.get("TAAWON_SECRET_KEY", "")
if not SECRET_KEY and DEMO:
    SECRET_KEY = _demo_secret("secret_key", lambda: secrets.token_urlsafe(50))
if not SECRET_KEY:
    raise ImproperlyConfigured("TAAWON_SECRET_KEY is required (any long random string).")

# ---- Security
# Content Security Policy (django-csp): scripts and styles come from our own static files only,
# with no inline script, style attribute or event handler anywhere (core/tests/test_csp.py).
# Bootstrap draws its icons (the menu button, form checks) as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "base-uri": ["'self'"],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("TAAWON_SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_TRUSTED_ORIGINS = envlist("TAAWON_CSRF_TRUSTED_ORIGINS")
X_FRAME_OPTIONS = "DENY"
BEHIND_TLS_PROXY = envbool("TAAWON_BEHIND_TLS_PROXY")
SECURE_HSTS_PRELOAD = envbool("TAAWON_HSTS_PRELOAD", False)
if BEHIND_TLS_PROXY:
    # TLS ends at the proxy: trust its X-Forwarded-Proto, send plain-HTTP requests to HTTPS and
    # tell browsers to use nothing else. /healthz stays reachable over plain HTTP for the
    # proxy's and the monitoring's local checks.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("TAAWON_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = envint("TAAWON_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("TAAWON_HSTS_INCLUDE_SUBDOMAINS", True)
if not SECURE_HSTS_PRELOAD:
    # Preloading puts the whole domain in the browsers' built-in HTTPS-only list, a commitment
    # for every subdomain that only the deployer can make (TAAWON_HSTS_PRELOAD=1).
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# ---- Static files
# WhiteNoise serves them. In production `taawon collectstatic` writes hashed, compressed copies
# (cached for a year by browsers); in the demo and with DEBUG they are served from the apps.
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("TAAWON_STATIC_ROOT", "staticfiles")).resolve()
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "taawon.core.fonts.ArabicFontFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or DEMO
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or DEMO

# ---- Tasks (django-tasks with its database backend; `taawon db_worker` runs them)
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TAAWON_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# ---- Exports: lists longer than this are written by a background task (with a progress
# page) rather than while the user waits; their files are removed after EXPORT_RETENTION_HOURS.
EXPORT_BACKGROUND_ROWS = envint("TAAWON_EXPORT_BACKGROUND_ROWS", 20_000)
EXPORT_DIR = VAR_DIR / "exports"
EXPORT_RETENTION_HOURS = envint("TAAWON_EXPORT_RETENTION_HOURS", 24)

# ---- Uploads: days an uploaded spreadsheet not yet committed is kept (taawon purge-import-files)
UPLOAD_RETENTION_DAYS = envint("TAAWON_UPLOAD_RETENTION_DAYS", 7)

# ---- Templates
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "taawon.core.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]
