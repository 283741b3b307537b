"""EXPLAIN ANALYZE every query of every benchmark page, against the benchmark database.

Usage: DATABASE_URL=postgres://.../collectief_bench DJANGO_DEBUG=1 python bench/explain.py
       [--page "conversation list"] [--plans]
Prints per page its queries with their execution time, and flags each sequential scan over a
big table (conversations, answers, referrals, residents, hours, sessions). Exits 1 when a
page scans conversations sequentially.
"""

import argparse
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIG_TABLES = [
    "interviews_conversation",
    "interviews_answer",
    "interviews_referral",
    "interviews_resident",
    "interviews_conversation_interviewers",
    "collectief_weeklyhours",
    "initiatives_session",
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="", help="only pages whose label contains this")
    parser.add_argument("--plans", action="store_true", help="print the full plans")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collectief.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.pages import in_process_clients, key_pages

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # Django's test client
    clients = in_process_clients()
    conversation_scans = []
    for page in key_pages():
        if args.page not in page.label:
            continue
        with CaptureQueriesContext(connection) as captured:
            status = page.send_in_process(clients[page.role]).status_code
        print(f"\n== {page.label}: {status}, {len(captured)} queries")
        for query in captured.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            took = float(re.search(r"Execution Time: ([\d.]+)", plan).group(1))
            scans = sorted({t for t in BIG_TABLES if re.search(rf"Seq Scan on {t}\b", plan)})
            flag = f"  SEQ SCAN: {', '.join(scans)}" if scans else ""
            print(f"{took:9.2f} ms  {sql[:150]}{flag}")
            if args.plans or scans:
                print("    " + plan.replace("\n", "\n    "))
            if "interviews_conversation" in scans:
                conversation_scans.append(page.label)
    if conversation_scans:
        print(
            "\nSequential scans over conversations on:", ", ".join(sorted(set(conversation_scans)))
        )
        raise SystemExit(1)


if __name__ == "__main__":
    main()
