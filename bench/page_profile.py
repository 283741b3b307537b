"""Where one benchmark page spends its Python time, in-process, with production settings.

Usage: DATABASE_URL=postgres://.../collectief_bench .venv/bin/python bench/page_profile.py
       "pilot report" [--requests 30] [--sort tottime|cumulative] [--top 30]
Prints the page's milliseconds per request (Django's test client, after five warm-up
requests) and its Python function calls per request, then cProfile's top functions. The call
count does not move with the machine's load, so it compares two commits where timings on a
busy machine cannot (bench/RESULTS.md quotes it).
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", help="the first page whose label contains this")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--sort", default="tottime", help="a pstats sort key")
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from bench.run import production_env

    os.environ.update(production_env())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from bench.pages import in_process_clients, key_pages

    call_command("collectstatic", "--noinput", verbosity=0)  # the manifest names the files
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # Django's test client
    page = next(page for page in key_pages() if args.page in page.label)
    client = in_process_clients()[page.role]

    def request():
        status = page.send_in_process(client).status_code
        if status != page.expected:
            raise SystemExit(f"{page.label}: status {status}, expected {page.expected}")

    for _ in range(5):
        request()
    started = time.perf_counter()
    for _ in range(args.requests):
        request()
    took = (time.perf_counter() - started) / args.requests * 1000
    profile = cProfile.Profile()
    profile.runcall(lambda: [request() for _ in range(args.requests)])
    stats = pstats.Stats(profile)
    print(f"{page.label}: {took:.1f} ms per request (unprofiled)")
    print(f"{stats.total_calls / args.requests:,.0f} Python function calls per request")
    stats.sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
