"""Settings for the test suite: production settings with test-only values.

The suite runs with DEBUG off, like production; only what a test machine
cannot have (TLS, collected static files, slow hashing) is changed here.
"""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-used-anywhere-else-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")

from config.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Hashing speed is not under test here; argon2 is (tests/config/test_settings.py).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}

# On SQLite the test database is a file, as in production. Django's default
# in-memory test database shares one cache between connections, where a
# second writer fails at once ("table is locked") instead of waiting its turn
# on the busy timeout, so concurrent requests could not be tested. Django
# deletes the file when the run ends; SQLITE_TEST_NAME still chooses another.
_db = DATABASES["default"]  # noqa: F405
if _db["ENGINE"] == "django.db.backends.sqlite3" and not _db["TEST"].get("NAME"):
    _db["TEST"]["NAME"] = os.path.join(tempfile.gettempdir(), f"limber-test-{os.getpid()}.sqlite3")
