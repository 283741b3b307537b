"""Collectief's benchmark: the machine's limit, single-user latency, saturation, a city day.

Usage (see README, "Benchmark"): `make bench` — or, against a filled PostgreSQL database,
`DATABASE_URL=postgres://... .venv/bin/python bench/run.py [--quick]`.

It starts gunicorn with production settings, logs in one session per role, and measures:
1. the limit: a bare view that renders a 50-row table from one query (no session, no auth);
2. single-user latency (p50/p95) of each key page, requested one after another;
3. saturation throughput with 16 connections and no think time (wrk), as a share of the
   limit's throughput measured in the same run;
4. a realistic city day: 300 users with think time (locust, headless): errors and p95 per page.
It prints a table and writes bench/out/results-<timestamp>.csv.
"""

import argparse
import csv
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))


def production_env():
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=env.get("DJANGO_SECRET_KEY", "bench-" + os.urandom(16).hex()),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on loopback; TLS is the proxy's job
        DJANGO_SECURE_COOKIES="0",
        DJANGO_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_STATIC_ROOT=str(OUT / "static"),
        COLLECTIEF_BENCHMARK="1",  # mounts the limit view at /-/bench/limit/
        # The one-time code is a once-per-login step, not a page's cost: without this, every
        # page of people who see personal data would measure the redirect to the 2FA setup.
        COLLECTIEF_REQUIRE_2FA_FOR_PERSONAL_DATA="0",
    )
    return env


def start_server(env):
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    server = subprocess.Popen(
        [
            gunicorn,
            "collectief.wsgi",
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(150):
        try:
            if requests.get(BASE + "/-/alive/", timeout=5).ok:
                return server
        except requests.RequestException:  # not listening yet, or workers still booting
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def log_in(username, password):
    session = requests.Session()
    page = session.get(BASE + "/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        BASE + "/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": BASE + "/accounts/login/"},
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise SystemExit(f"login as {username} failed ({response.status_code})")
    return session


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index]


def time_requests(send, count, warmup=3, expected=200, budget=None):
    """`count` requests one after another, or fewer (at least 5) when they take longer than
    `budget` seconds together: a page of several seconds must not hold up the whole run."""
    budget = budget or float(os.environ.get("BENCH_PAGE_SECONDS", "60"))
    for _ in range(warmup):
        send()
    timings, errors = [], 0
    deadline = time.monotonic() + budget
    for _ in range(count):
        if len(timings) >= 5 and time.monotonic() > deadline:
            break
        started = time.perf_counter()
        response = send()
        timings.append((time.perf_counter() - started) * 1000)
        # Redirects are not followed: a redirect to the login page is an error, not a page.
        errors += response.status_code != expected
    return {
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "errors": errors,
        "requests": len(timings),
    }


def wrk(path, session=None, seconds=15):
    headers, cookie = [], ""
    if session is not None:
        cookie = "; ".join(f"{c.name}={c.value}" for c in session.cookies if c.name == "sessionid")
        headers = ["-H", f"Cookie: {cookie}"]
    # wrk counts redirects as successes: make sure this cookie gets the page itself.
    check = requests.get(BASE + path, headers={"Cookie": cookie}, allow_redirects=False)
    if check.status_code != 200:
        raise SystemExit(f"{path} answers {check.status_code} to the saturation session")
    completed = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency", *headers, BASE + path],
        capture_output=True,
        text=True,
        check=True,
    )
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", completed.stdout).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", completed.stdout)
    return {"requests_per_s": rate, "errors": int(non_2xx.group(1)) if non_2xx else 0}


def city_day(env, users, minutes, sessions_file):
    prefix = OUT / "locust"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "-u",
            str(users),
            "-r",
            str(users),  # all at once: each person waits a think time before the first click
            "-t",
            f"{int(minutes * 60)}s",
            "--host",
            BASE,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        cwd=ROOT,
        env={**env, "BENCH_SESSIONS": str(sessions_file)},
        check=False,
    )
    rows = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] != "Aggregated":
                rows[row["Name"]] = {
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "p50_ms": float(row["50%"]),
                    "p95_ms": float(row["95%"]),
                }
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, for a smoke test")
    parser.add_argument(
        "--only",
        default="",
        help="measure only the pages whose label contains this (no city day), e.g. dashboard",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to the PostgreSQL database filled by generate_data.")
    if shutil.which("wrk") is None:
        raise SystemExit("The saturation test needs wrk: apt-get install wrk")
    OUT.mkdir(parents=True, exist_ok=True)
    env = production_env()
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
    import django

    django.setup()
    from bench.pages import key_pages, login_pool

    count = 20 if args.quick else 100
    seconds = 5 if args.quick else 15
    server = start_server(env)
    results = []
    try:
        sessions = {}
        for role, (username, password) in login_pool().items():
            sessions[role] = log_in(username, password)
        limit = time_requests(lambda: requests.get(BASE + "/-/bench/limit/"), count)
        limit_rate = wrk("/-/bench/limit/", seconds=seconds)
        results.append({"measure": "limit", "page": "bare 50-row view", **limit, **limit_rate})
        pages = [page for page in key_pages() if args.only in page.label]
        for page in pages:
            session = sessions.get(page.role) or requests.Session()
            stats = time_requests(
                lambda page=page, s=session: page.send(s, BASE), count, expected=page.expected
            )
            results.append({"measure": "single user", "page": page.label, **stats})
        for page in pages:
            if page.saturate:
                rate = wrk(page.path, sessions[page.role], seconds=seconds)
                rate["share_of_limit"] = round(
                    rate["requests_per_s"] / limit_rate["requests_per_s"], 3
                )
                results.append({"measure": "saturation", "page": page.label, **rate})
        if not args.only:
            results.extend(city_day_results(env, sessions, quick=args.quick))
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    report(results)


def city_day_results(env, sessions, *, quick):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as pool:
        for role, session in sessions.items():
            pool.write(
                f"{role};{session.cookies.get('sessionid')};"
                f"{session.cookies.get('csrftoken', '')}\n"
            )
    day = city_day(env, 30 if quick else 300, 0.5 if quick else 3, pool.name)
    return [{"measure": "city day", "page": name, **stats} for name, stats in day.items()]


def report(results):
    columns = [
        "measure",
        "page",
        "requests",
        "errors",
        "p50_ms",
        "p95_ms",
        "requests_per_s",
        "share_of_limit",
    ]
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = OUT / f"results-{stamp}.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(results)
    widths = [12, 34, 9, 7, 8, 8, 15, 15]
    print("".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in results:
        print("".join(str(row.get(c, "")).ljust(w) for c, w in zip(columns, widths, strict=True)))
    print(f"\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
