"""Settings, all from environment variables with safe defaults (see docs/configuration.md).

The embedded default needs nothing: SQLite under ``var/``, local files, no extra servers.
Production sets ``DATABASE_URL`` (PostgreSQL), ``GOVHALL_SECRET_KEY``, ``GOVHALL_ALLOWED_HOSTS``.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from govhall.core.keyfiles import file_once

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("GOVHALL_VAR_DIR", Path.cwd() / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _secret_key() -> str:
    """An explicit key wins; otherwise one is generated once and kept under var/ (never a shared default)."""
    if key := os.environ.get("GOVHALL_SECRET_KEY"):
        return key
    return file_once(VAR_DIR / "secret_key", lambda: secrets.token_urlsafe(50).encode()).decode().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("GOVHALL_DEBUG", False)
ALLOWED_HOSTS = env_list("GOVHALL_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("GOVHALL_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "oauth2_provider",
    "govhall.core",
    "govhall.directory",
    "govhall.notifications",
    "govhall.identity",
    "govhall.catalog",
    "govhall.workflow",
    "govhall.licences",
    "govhall.cases",
    "govhall.interaction",
    "govhall.interaction.ratings",
    "govhall.interaction.surveys",
    "govhall.supervision",
    "govhall.supervision.rollup",
    "govhall.portal",
    "govhall.workbench",
    "govhall.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "govhall.core.audit.AuditContextMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "govhall.identity.session.SessionIdentityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns django-ratelimit's Ratelimited (block=True) into RATELIMIT_VIEW's 429 instead of a 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, as django-axes requires: refuses authentication while the user or address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "govhall.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "govhall.core.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "govhall.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'govhall.sqlite3'}"),
        conn_max_age=int(os.environ.get("GOVHALL_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while a writer commits; IMMEDIATE avoids lock upgrades mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    # Django's list of 20,000 passwords seen in breaches (bundled, no network).
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "govhall.identity.passwords.CharacterClassValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("GOVHALL_MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:account"

# --- Security baseline (docs/security.md) -------------------------------------------------------
# Behind TLS (production) set GOVHALL_SECURE_COOKIES=1: cookies only over HTTPS, HSTS, redirect to HTTPS.
SECURE_COOKIES = env_bool("GOVHALL_SECURE_COOKIES", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_AGE = int(os.environ.get("GOVHALL_SESSION_SECONDS", str(8 * 3600)))
CSRF_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = SECURE_COOKIES and env_bool("GOVHALL_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("GOVHALL_HSTS_SECONDS", "31536000")) if SECURE_COOKIES else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_COOKIES
# Proxies in front of the app (nginx, a load balancer): how many, so the client address is right.
PROXY_COUNT = int(os.environ.get("GOVHALL_PROXY_COUNT", "0"))
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: scripts and styles only from this server, never inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Lockout (django-axes): 5 failures lock the username, and 5 failures lock the address, for 30 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("GOVHALL_LOCKOUT_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("GOVHALL_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
# The client address behind GOVHALL_PROXY_COUNT trusted proxies: N-th X-Forwarded-For entry from the right.
AXES_CLIENT_IP_CALLABLE = "govhall.core.client_address.client_address"
AXES_ENABLE_ACCESS_FAILURE_LOG = True

# Caches: rate limits count here. One process: local memory; several (production): Redis.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["GOVHALL_REDIS_URL"],
        }
        if os.environ.get("GOVHALL_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "govhall"}
    )
}
RATELIMIT_VIEW = "govhall.core.ratelimit.rate_limited"
RATELIMIT_IP_META_KEY = "govhall.core.client_address.client_address"  # same address as the lockout

# Outgoing e-mail through SMTP (GOVHALL_EMAIL_GATEWAY=govhall.notifications.email_smtp.SmtpEmailGateway).
EMAIL_HOST = os.environ.get("GOVHALL_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GOVHALL_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("GOVHALL_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("GOVHALL_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GOVHALL_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("GOVHALL_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("GOVHALL_EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("GOVHALL_EMAIL_FROM", "noreply@localhost")

# django-ratelimit warns that local memory is per process; the embedded default is one process.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"] if not os.environ.get("GOVHALL_REDIS_URL") else []

# Staff TOTP (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = os.environ.get("GOVHALL_TOTP_ISSUER", "govhall")

# OpenID Connect provider (django-oauth-toolkit); see docs/sso.md.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"


def _oidc_private_key() -> str:
    """GOVHALL_OIDC_RSA_KEY (PEM) wins; otherwise a 2048-bit RSA key generated once under var/ (0600)."""
    if key := os.environ.get("GOVHALL_OIDC_RSA_KEY"):
        return key
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    def make() -> bytes:
        return rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    return file_once(VAR_DIR / "oidc_rsa.pem", make).decode()


OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": _oidc_private_key(),
    "OIDC_RP_INITIATED_LOGOUT_ENABLED": True,
    "OIDC_RP_INITIATED_LOGOUT_ALWAYS_PROMPT": False,
    "PKCE_REQUIRED": True,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 600,
    "ID_TOKEN_EXPIRE_SECONDS": 600,
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https", "http"] if DEBUG or not SECURE_COOKIES else ["https"],
    "SCOPES": {
        "openid": "身份标识",
        "profile": "姓名与认证等级",
        "phone": "手机号码（脱敏）",
        "id_number": "完整身份证号码（须经授权的接入系统）",
        "enterprise": "代办企业信息",
    },
    "DEFAULT_SCOPES": ["openid", "profile"],
    "OAUTH2_VALIDATOR_CLASS": "govhall.identity.oidc.validator.GovhallOAuth2Validator",
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "govhall.core.api.Pagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "govhall.core.api.exception_handler",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "govhall API",
    "DESCRIPTION": "一体化在线政务服务平台 — 公开接口：行政区划、部门、政务服务事项（基本目录与实施清单）。",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No call to validator.swagger.io: the docs page talks only to this server.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GOVHALL_LOG_LEVEL", "WARNING")},
}

GOVHALL = {
    # Province this installation serves (GB/T 2260 prefix); the demo is Fujian.
    "PROVINCE_CODE": os.environ.get("GOVHALL_PROVINCE_CODE", "350000"),
    "SITE_NAME": os.environ.get("GOVHALL_SITE_NAME", "福建省网上办事大厅"),
    # The public address printed in licence QR codes (the verification page); set it in production.
    "SITE_URL": os.environ.get("GOVHALL_SITE_URL", "http://127.0.0.1:8000"),
    # The CJK TrueType font embedded in every generated PDF.
    "PDF_FONT_PATH": os.environ.get("GOVHALL_PDF_FONT_PATH", ""),
    # Personal data at rest: "id:base64key,..." (first is current) and the HMAC lookup key.
    # Empty: keys are generated once into var/data_keys.json (fine for one machine, not for a cluster).
    "DATA_KEYS": os.environ.get("GOVHALL_DATA_KEYS", ""),
    "LOOKUP_KEY": os.environ.get("GOVHALL_LOOKUP_KEY", ""),
    # Staff sessions end after this many idle seconds.
    "STAFF_IDLE_SECONDS": int(os.environ.get("GOVHALL_STAFF_IDLE_SECONDS", "1800")),
    # Message gateways: the embedded default records into the local simulator.
    "SMS_GATEWAY": os.environ.get("GOVHALL_SMS_GATEWAY", "govhall.notifications.gateways.SimulatorGateway"),
    "EMAIL_GATEWAY": os.environ.get(
        "GOVHALL_EMAIL_GATEWAY", "govhall.notifications.gateways.SimulatorGateway"
    ),
    # Alibaba Cloud SMS (govhall.notifications.sms_aliyun.AliyunSmsGateway); see docs/notifications.md.
    "SMS_ALIYUN": {
        "ENDPOINT": os.environ.get("GOVHALL_SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/"),
        "ACCESS_KEY_ID": os.environ.get("GOVHALL_SMS_ALIYUN_ACCESS_KEY_ID", ""),
        "ACCESS_KEY_SECRET": os.environ.get("GOVHALL_SMS_ALIYUN_ACCESS_KEY_SECRET", ""),
        "SIGN_NAME": os.environ.get(
            "GOVHALL_SMS_ALIYUN_SIGN_NAME", os.environ.get("GOVHALL_SITE_NAME", "福建省网上办事大厅")
        ),
        "REGION_ID": os.environ.get("GOVHALL_SMS_ALIYUN_REGION_ID", "cn-hangzhou"),
        # Our template code -> the provider's approved template code: "verification_code=SMS_123,...".
        "TEMPLATES": {
            ours.strip(): theirs.strip()
            for ours, _, theirs in (
                item.partition("=") for item in env_list("GOVHALL_SMS_ALIYUN_TEMPLATES", "")
            )
        },
        "TIMEOUT": float(os.environ.get("GOVHALL_SMS_ALIYUN_TIMEOUT", "10")),
    },
    # The SMS simulator's own API key (/simulators/sms/api); empty secret: derived from SECRET_KEY.
    # The simulated national identity platform at /simulators/idp/ (demo and tests); off in production.
    "IDP_SIMULATOR_ENABLED": env_bool("GOVHALL_IDP_SIMULATOR_ENABLED", True),
    "SMS_SIMULATOR": {
        "ENABLED": env_bool("GOVHALL_SMS_SIMULATOR_ENABLED", True),
        "ACCESS_KEY_ID": os.environ.get("GOVHALL_SMS_SIMULATOR_ACCESS_KEY_ID", "govhall-sms-simulator"),
        "ACCESS_KEY_SECRET": os.environ.get("GOVHALL_SMS_SIMULATOR_ACCESS_KEY_SECRET", ""),
    },
    # Rate limits (django-ratelimit syntax) on the login and SMS endpoints.
    "LOGIN_RATE": os.environ.get("GOVHALL_LOGIN_RATE", "20/m"),
    "SMS_RATE": os.environ.get("GOVHALL_SMS_RATE", "5/m"),
    # The public case progress query (/api/v1/progress/): per client address.
    "PROGRESS_RATE": os.environ.get("GOVHALL_PROGRESS_RATE", "10/m"),
    # Opinions, survey answers and suggestions per address (意见征集、在线调查、问题与建议).
    "PARTICIPATION_RATE_ANONYMOUS": os.environ.get("GOVHALL_PARTICIPATION_RATE_ANONYMOUS", "10/h"),
    "PARTICIPATION_RATE_SIGNED_IN": os.environ.get("GOVHALL_PARTICIPATION_RATE_SIGNED_IN", "60/h"),
    # Trust anchors for certificate login (PEM files, comma separated); empty: the demo CA under var/.
    "CA_CERTIFICATES": env_list("GOVHALL_CA_CERTIFICATES", ""),
    # The population registry (人口库) adapter for real-name verification; default: the local simulator.
    "POPULATION_REGISTRY": os.environ.get(
        "GOVHALL_POPULATION_REGISTRY", "govhall.identity.registry.SimulatorRegistry"
    ),
    # HttpRegistry: the registry's base URL and the shared HMAC-SHA256 key signing each request.
    "POPULATION_REGISTRY_URL": os.environ.get("GOVHALL_POPULATION_REGISTRY_URL", ""),
    "POPULATION_REGISTRY_KEY": os.environ.get("GOVHALL_POPULATION_REGISTRY_KEY", ""),
}
