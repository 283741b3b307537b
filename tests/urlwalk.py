"""Walk every URL pattern of the project, so that tests cover pages nobody listed by hand."""

import uuid
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver
from django.urls.converters import IntConverter, UUIDConverter

SAMPLE_BY_CONVERTER = {IntConverter: "1", UUIDConverter: str(uuid.UUID(int=1))}


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself when unnamed
    route: str  # e.g. "teams/<int:pk>/members/<int:membership_pk>/edit/"
    converters: tuple  # (kwarg, converter) pairs

    @property
    def kwargs(self):
        return [kwarg for kwarg, _ in self.converters]

    def path(self, **values):
        """A concrete path, with `values` for named kwargs and a sample for the rest."""
        path = self.route
        for kwarg, converter in self.converters:
            sample = values.get(kwarg, SAMPLE_BY_CONVERTER.get(type(converter), "sample"))
            start = path.index(f"{kwarg}>")
            opening = path.rindex("<", 0, start)
            path = path[:opening] + str(sample) + path[start + len(kwarg) + 1 :]
        return "/" + path


def iter_routes(resolver=None, prefix="", namespace="", converters=()):
    """Every route of the project, except Django's admin (which guards itself)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        found = converters + tuple(getattr(entry.pattern, "converters", {}).items())
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_routes(entry, route, inner, found)
        else:
            name = f"{namespace}{entry.name}" if entry.name else route
            yield Route(name=name, route=route, converters=found)
