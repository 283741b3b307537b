"""The benchmark's pages answer on generated data, each under a fixed number of queries."""

from http.cookiejar import CookieJar
from types import SimpleNamespace
from urllib.parse import parse_qs

import pytest
from django.core.management import call_command
from requests.cookies import create_cookie

from bench.pages import Page, in_process_clients, key_pages, login_pool

pytestmark = pytest.mark.django_db

# Generous for the session, scoping and the menu, but fixed: a page whose query count grows
# with the data (one query per row) breaks it at once, even on this tiny dataset. The pilot
# report needs the most (34): its figures are bound to the pilot's own period and team.
MAX_QUERIES = 34
# Logging a conversation writes it, its referral and their history rows, and adds them to
# the rollup rows of their round and of the round in which the resident was named.
MAX_QUERIES_POST = 40


def test_every_bench_page_answers_within_a_fixed_number_of_queries(
    django_assert_max_num_queries,
):
    call_command("generate_data", "--scale", "0.005", "--allow-sqlite", verbosity=0)
    clients = in_process_clients()
    pages = key_pages()
    labels = {page.label for page in pages}
    assert {
        "log conversation POST (member)",
        "conversation list (member)",
        "snowball view (team lead)",
        "initiative list (member)",
        "initiative detail (member)",
        "team balance (team lead)",
        "city dashboard (municipality)",
        "pilot report (team lead)",
    } <= labels
    assert {page.label for page in pages if page.saturate} == {
        "conversation list (member)",
        "city dashboard (municipality)",
    }
    assert {page.role for page in pages} <= set(clients)
    for page in pages:
        with django_assert_max_num_queries(MAX_QUERIES_POST if page.form else MAX_QUERIES):
            response = page.send_in_process(clients[page.role])
        expected = 302 if page.form else 200
        assert response.status_code == expected, (page.label, response.status_code)
        if page.role != "anonymous":
            assert response.wsgi_request.user.username == login_pool()[page.role][0]


class RecordingClient:
    """Stands in for locust's FastHttpSession: its cookies are in `cookiejar`."""

    def __init__(self):
        self.cookiejar = CookieJar()
        self.cookiejar.set_cookie(create_cookie("csrftoken", "token-1", domain="127.0.0.1"))

    def post(self, url, **options):
        self.sent = SimpleNamespace(url=url, **options)


def test_a_bench_post_sends_lists_as_repeated_fields_with_the_jars_csrf_token():
    page = Page("a form", "member", "/form/", form=lambda: {"interviewers": [4, 7], "notes": "é"})
    client = RecordingClient()
    page.send(client, "http://127.0.0.1:8765")
    assert client.sent.url == "http://127.0.0.1:8765/form/"
    assert parse_qs(client.sent.data) == {"interviewers": ["4", "7"], "notes": ["é"]}
    assert client.sent.headers["X-CSRFToken"] == "token-1"
    assert client.sent.headers["Content-Type"] == "application/x-www-form-urlencoded"
