"""A small Kustomize renderer for the subset that deploy/kubernetes uses.

No kustomize binary can be installed from this project's package registries, so the tests
render the overlays themselves: ``resources`` (files and folders with a kustomization.yaml),
``namespace``, ``images`` and strategic-merge ``patches`` (maps merged, lists of named items
merged by name). Any other field fails loudly, so a manifest never silently relies on a feature
this renderer would skip; ``kubectl kustomize`` renders the same folders for real.
"""

from pathlib import Path

import yaml

SUPPORTED_FIELDS = {"apiVersion", "kind", "resources", "namespace", "images", "patches"}
# Kinds that live outside a namespace: `namespace:` leaves them alone.
CLUSTER_KINDS = {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume"}


def render(folder):
    """The objects that `kubectl kustomize folder` would print, in order."""
    folder = Path(folder)
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    unsupported = set(kustomization) - SUPPORTED_FIELDS
    if unsupported:
        raise ValueError(f"{folder}: this renderer does not support {sorted(unsupported)}")
    objects = []
    for resource in kustomization.get("resources", []):
        path = folder / resource
        if path.is_dir():
            objects.extend(render(path))
        else:
            objects.extend(load_objects(path))
    for patch in kustomization.get("patches", []):
        for patch_object in load_objects(folder / patch["path"]):
            target = find(objects, patch_object["kind"], patch_object["metadata"]["name"])
            merge(target, patch_object)
    for image in kustomization.get("images", []):
        set_image(objects, image)
    if "namespace" in kustomization:
        for item in objects:
            if item["kind"] not in CLUSTER_KINDS:
                item["metadata"]["namespace"] = kustomization["namespace"]
    return objects


def load_objects(path):
    return [item for item in yaml.safe_load_all(Path(path).read_text()) if item]


def find(objects, kind, name):
    for item in objects:
        if item["kind"] == kind and item["metadata"]["name"] == name:
            return item
    raise ValueError(f"patch for {kind}/{name}, which no resource defines")


def merge(target, patch):
    """Strategic merge as Kustomize does it for maps and for lists of items with a name."""
    for key, value in patch.items():
        current = target.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merge(current, value)
        elif isinstance(value, list) and isinstance(current, list) and all_named(value + current):
            by_name = {item["name"]: item for item in current}
            for item in value:
                if item["name"] in by_name:
                    merge(by_name[item["name"]], item)
                else:
                    current.append(item)
        else:
            target[key] = value


def all_named(items):
    return bool(items) and all(isinstance(item, dict) and "name" in item for item in items)


def pod_specs(objects):
    """(object, pod spec) for every Deployment, StatefulSet, DaemonSet and Job."""
    return [
        (item, item["spec"]["template"]["spec"])
        for item in objects
        if item["kind"] in {"Deployment", "StatefulSet", "DaemonSet", "Job"}
    ]


def set_image(objects, image):
    for _, spec in pod_specs(objects):
        for container in spec.get("initContainers", []) + spec["containers"]:
            name, _, tag = container["image"].partition(":")
            if name == image["name"]:
                container["image"] = f"{image.get('newName', name)}:{image.get('newTag', tag)}"
