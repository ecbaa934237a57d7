"""Benchmark settings: production settings plus one bare baseline page.

Only the load, fault and benchmark scripts use this module, so production
never serves the baseline route. Everything else (middleware, database,
security, static files) is exactly `config.settings`.
"""

import os
from pathlib import Path

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], Path(__file__).resolve().parent / "templates"]

# The scripts collect static files into a temporary folder, so a run never
# writes into the checkout.
STATIC_ROOT = Path(os.environ.get("BENCH_STATIC_ROOT") or BASE_DIR / "staticfiles")

# BENCH_CACHE=none: a server that keeps no computed figures, so every dashboard
# view is a first view after a change (the "empty cache" benchmark).
if os.environ.get("BENCH_CACHE") == "none":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
