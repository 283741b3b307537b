"""The Kubernetes manifests: rendered as Kustomize would, each object valid for the pinned
Kubernetes version, and the platform rules (probes, limits, non-root, read-only, network policy,
no committed Secret) kept. No cluster runs here: this is all that can be checked offline."""

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from tests.deploy.kustomize import pod_specs, render

KUBERNETES = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"
# The oldest Kubernetes release the manifests promise to work on (README, "Deploy").
KUBERNETES_VERSION = "1.30.0"
FOLDERS = [KUBERNETES / "base", *sorted((KUBERNETES / "overlays").iterdir())]


@pytest.fixture(scope="module")
def example():
    return render(KUBERNETES / "overlays" / "example")


def by_name(objects, kind, name):
    return next(o for o in objects if o["kind"] == kind and o["metadata"]["name"] == name)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_every_rendered_object_is_valid_for_the_pinned_kubernetes(folder):
    objects = render(folder)
    assert objects
    for item in objects:
        # strict: a misspelt or misplaced field fails, as kubectl --validate=strict would.
        kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)


def test_the_example_overlay_applies_its_namespace_image_and_host(example):
    namespaced = [o for o in example if o["kind"] != "Namespace"]
    assert {o["metadata"]["namespace"] for o in namespaced} == {"collectief"}
    images = {c["image"] for _, spec in pod_specs(example) for c in spec["containers"]}
    assert images == {"registry.gemeente.example.nl/collectief/collectief:0.1.0"}
    config = by_name(example, "ConfigMap", "collectief")["data"]
    assert config["DJANGO_ALLOWED_HOSTS"] == "collectief.gemeente.example.nl,localhost"
    assert config["DJANGO_DEBUG"] == "0"  # the base's keys stay beside the patched ones
    assert by_name(example, "Deployment", "collectief-web")["spec"]["replicas"] == 3


def test_web_probes_liveness_on_alive_and_readiness_on_health(example):
    web = by_name(example, "Deployment", "collectief-web")
    (container,) = web["spec"]["template"]["spec"]["containers"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/-/alive/"
    assert container["readinessProbe"]["httpGet"]["path"] == "/-/health/"
    # The probes name an allowed host: Django answers 400 to the pod's own address.
    allowed = by_name(example, "ConfigMap", "collectief")["data"]["DJANGO_ALLOWED_HOSTS"]
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        (header,) = container[probe]["httpGet"]["httpHeaders"]
        assert header == {"name": "Host", "value": "localhost"}
        assert header["value"] in allowed.split(",")


def test_every_pod_runs_non_root_read_only_limited_with_a_writable_tmp(example):
    workloads = {item["metadata"]["name"] for item, _ in pod_specs(example)}
    assert workloads == {
        "collectief-web",
        "collectief-worker",
        "collectief-beat",
        "collectief-migrate",
    }
    for item, spec in pod_specs(example):
        name = item["metadata"]["name"]
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] != 0, name
        assert spec["automountServiceAccountToken"] is False, name
        tmp_volumes = {v["name"] for v in spec["volumes"] if "emptyDir" in v}
        for container in spec["containers"]:
            security = container["securityContext"]
            assert security["readOnlyRootFilesystem"] is True, name
            assert security["allowPrivilegeEscalation"] is False, name
            assert security["capabilities"]["drop"] == ["ALL"], name
            assert set(container["resources"]) == {"requests", "limits"}, name
            mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
            assert mounts["/tmp"] in tmp_volumes, name


def test_exactly_one_beat_never_two_during_a_rollout(example):
    beat = by_name(example, "Deployment", "collectief-beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    (container,) = beat["spec"]["template"]["spec"]["containers"]
    assert container["command"][:4] == ["celery", "-A", "collectief", "beat"]


def test_the_migration_job_migrates_before_it_creates_the_first_admin(example):
    job = by_name(example, "Job", "collectief-migrate")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    # The image's entrypoint (bin/docker-start.sh) migrates when COLLECTIEF_MIGRATE is not 0.
    assert {"name": "COLLECTIEF_MIGRATE", "value": "1"} in container["env"]
    assert container["args"] == ["python", "manage.py", "create_first_admin"]
    web_config = by_name(example, "ConfigMap", "collectief")["data"]
    assert web_config["COLLECTIEF_MIGRATE"] == "0"  # the web pods leave it to the Job


def test_network_is_denied_by_default_with_only_the_needed_exceptions(example):
    policies = {o["metadata"]["name"]: o["spec"] for o in example if o["kind"] == "NetworkPolicy"}
    deny = policies.pop("collectief-default-deny")
    assert deny["podSelector"] == {"matchLabels": {"app.kubernetes.io/name": "collectief"}}
    assert deny["policyTypes"] == ["Ingress", "Egress"]
    assert "ingress" not in deny and "egress" not in deny
    ingress_rules = [rule for spec in policies.values() for rule in spec.get("ingress", [])]
    assert [port["port"] for rule in ingress_rules for port in rule["ports"]] == [8000]
    egress_ports = {
        port["port"]
        for spec in policies.values()
        for rule in spec.get("egress", [])
        for port in rule["ports"]
    }
    assert egress_ports == {53, 5432, 6379, 443, 587}


def test_secrets_are_referenced_and_never_committed(example):
    assert not [o for o in example if o["kind"] == "Secret"]
    for path in KUBERNETES.rglob("*.yaml"):
        for item in yaml.safe_load_all(path.read_text()):
            assert not item or item.get("kind") != "Secret", path
    for _, spec in pod_specs(example):
        for container in spec["containers"]:
            assert {"secretRef": {"name": "collectief"}} in container["envFrom"]
