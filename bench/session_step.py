"""Benchmark one guided-session step: the median server time of a step POST and the swap size.

Run from the repository root:  .venv/bin/python bench/session_step.py [--rounds N]

It builds a throwaway database (the test settings' in-memory SQLite unless
DATABASE_URL points elsewhere), a screened person and a session, then posts
"Done" for one step at a time through Django's whole middleware stack, the
way htmx does. This is a measurement, not a test: it prints numbers and
fails nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
# The checkout has no collected static files; whitenoise's warning is noise here.
warnings.filterwarnings("ignore", message="No directory at")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300, help="step POSTs to time")
    rounds = parser.parse_args().rounds

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import (
        CaptureQueriesContext,
        setup_databases,
        setup_test_environment,
        teardown_databases,
    )
    from django.urls import reverse

    setup_test_environment()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from django.contrib.auth import get_user_model

        from config.models import Profile
        from tests.screening.builders import make_screening
        from tests.tracking.session_builders import PLAN
        from tracking.models import Session

        user = get_user_model().objects.create_user("bench")  # force_login needs no password
        Profile.objects.create(user=user)
        make_screening(user)
        client = Client()
        client.force_login(user)
        # A long plan so each round answers a fresh step of the same session.
        steps = PLAN * (rounds // len(PLAN) + 2)
        session = Session.begin(user, steps, stage=1, now=django.utils.timezone.now())
        session_url = reverse("tracking:session", args=[session.pk])
        client.post(session_url, {"position": 0, "action": "pain", "pain": 4})

        timings, sizes, queries = [], [], []
        for position in range(1, rounds + 1):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.post(
                    session_url,
                    {"position": position, "action": "done"},
                    HTTP_HX_REQUEST="true",
                )
                timings.append((time.perf_counter() - started) * 1000)
            queries.append(len(captured))
            if response.status_code != 200:
                raise RuntimeError(f"{session_url} answered {response.status_code}")
            sizes.append(len(response.content))
        page = client.get(session_url).content

        print(f"step POSTs timed:        {rounds}")
        print(f"median server time:      {statistics.median(timings):.2f} ms")
        print(f"p90 server time:         {statistics.quantiles(timings, n=10)[-1]:.2f} ms")
        print(
            f"step swap (HTML):        {statistics.median(sizes):.0f} bytes median, "
            f"{max(sizes)} max (limit 10240)"
        )
        print(f"full step page (HTML):   {len(page)} bytes")
        print(f"queries per step POST:   {statistics.median(queries):.0f} median")
        print(f"database:                {connection.vendor}")
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
