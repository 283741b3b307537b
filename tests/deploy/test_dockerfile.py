"""The Dockerfile, read with dockerfile-parse: no container engine runs here, so these are the
checks that can be made without building it."""

import os
import re
from pathlib import Path

import pytest
from dockerfile_parse import DockerfileParser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dockerfile():
    return DockerfileParser(path=str(ROOT / "Dockerfile"))


def instructions(dockerfile, name):
    return [item["value"] for item in dockerfile.structure if item["instruction"] == name]


def final_stage(dockerfile):
    """The instructions after the last FROM: what the running image is made of."""
    last_from = max(
        i for i, item in enumerate(dockerfile.structure) if item["instruction"] == "FROM"
    )
    return dockerfile.structure[last_from:]


def test_the_image_is_a_slim_python_that_runs_as_a_non_root_user(dockerfile):
    assert re.fullmatch(r"python:3\.1[12]-slim(-\w+)?", dockerfile.baseimage)
    users = [item["value"] for item in final_stage(dockerfile) if item["instruction"] == "USER"]
    assert users, "the final stage must set USER"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    assert int(user) >= 10000  # outside the host's system and login range


def test_dependencies_come_from_the_lock(dockerfile):
    runs = " ".join(instructions(dockerfile, "RUN"))
    assert "-r requirements/base.txt" in runs
    # The project itself adds no unlocked dependency.
    assert re.search(r"pip install --no-deps \.", runs)


def test_static_files_are_collected_at_build(dockerfile):
    stage = final_stage(dockerfile)
    runs = [item["value"] for item in stage if item["instruction"] == "RUN"]
    assert any("manage.py collectstatic --noinput" in run for run in runs)
    assert dockerfile.envs["DJANGO_STATIC_ROOT"] == "/app/staticfiles"


def test_healthcheck_asks_alive_with_an_allowed_host(dockerfile):
    (healthcheck,) = instructions(dockerfile, "HEALTHCHECK")
    # As host localhost, which the deployments keep in DJANGO_ALLOWED_HOSTS (a bare address
    # would get Django's 400).
    assert "http://localhost:8000/-/alive/" in healthcheck
    assert "--interval=" in healthcheck and "--timeout=" in healthcheck


def test_entrypoint_is_the_start_script_which_serves_with_gunicorn(dockerfile):
    (entrypoint,) = instructions(dockerfile, "ENTRYPOINT")
    assert entrypoint == '["/app/bin/docker-start.sh"]'
    script = ROOT / "bin" / "docker-start.sh"
    assert os.access(script, os.X_OK)
    assert "gunicorn collectief.wsgi:application" in script.read_text()


def test_every_copied_path_exists_and_no_secret_is_baked_in(dockerfile):
    for value in instructions(dockerfile, "COPY"):
        if value.startswith("--from="):
            continue
        *sources, _destination = value.split()
        for source in sources:
            assert (ROOT / source).exists(), source
    for name in list(dockerfile.envs) + list(dockerfile.args):
        assert not re.search(r"SECRET|PASSWORD|TOKEN|DSN|DATABASE_URL", name), name
    ignored = (ROOT / ".dockerignore").read_text().split()
    for private in (".env", ".venv", "db.sqlite3", "media", ".git"):
        assert private in ignored
