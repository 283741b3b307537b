"""Where apps plug into core pages, so that the core never imports an app.

Each app registers, in its ``AppConfig.ready``:

* navigation items (shown when the person holds the capability somewhere),
* home-page panels (a template and a function that returns its context, or None to hide it),
* object panels: the same on a page about one object, in a named slot (e.g. an app shows
  what links to a collective issue on the core's issue page),
* a demo-data loader for ``manage.py load_demo`` (run in ``order``),
* a bulk generator for ``manage.py generate_data`` (benchmark data at city or nation scale),
* models whose change history the team lead reads on the team's history page,
* free-text fields that may name residents: an erasure or anonymisation rewrites them (and
  their history rows) wherever they name the person,
* definitions of the figures it shows, for the "How we count" page,
* health checks that ``/-/health/`` runs besides the database's (e.g. the figures' age).
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    capability: str
    order: int = 100
    group: str | None = None  # items of one group share a dropdown in the menu


@dataclass(frozen=True)
class HomePanel:
    template: str
    context: Callable  # (request, scope) -> dict | None; None hides the panel
    order: int = 100


@dataclass(frozen=True)
class ObjectPanel:
    slot: str  # which page and place, e.g. "collective_issue"
    template: str
    context: Callable  # (request, obj) -> dict | None; None hides the panel
    order: int = 100


@dataclass(frozen=True)
class DemoLoader:
    load: Callable  # (stdout) -> None; must be idempotent
    order: int = 100


@dataclass(frozen=True)
class Generator:
    generate: Callable  # (GenerationContext) -> None; see collectief/generate.py
    order: int = 100


@dataclass(frozen=True)
class HistorySource:
    model: str  # "app_label.Model" with django-simple-history
    team_field: str  # lookup from the historical row to the team id, e.g. "round__team"
    describe: Callable  # (historical row) -> what the row is about, shown in the list
    residents: Callable | None = None  # (historical row) -> the resident key it shows, or None
    select_related: tuple = ()
    order: int = 100


@dataclass(frozen=True)
class FreeTextSource:
    model: str  # "app_label.Model" with django-simple-history
    team_field: str  # lookup from a row (live or historical) to the team id
    fields: tuple  # the text fields that may name a resident


@dataclass(frozen=True)
class FigureDefinition:
    """What one figure counts; a page marks the figure with data-figure="<key>"."""

    key: str
    title: str
    definition: str  # what is counted
    period: str  # over which period
    exclusions: str  # which rows are left out
    protection: str  # how small numbers are protected
    group: str  # the page the figure is on, a heading on the "How we count" page
    order: int = 100


@dataclass(frozen=True)
class HealthCheck:
    name: str
    check: Callable  # () -> dict with at least "status": "ok", "stale" (a warning) or "failing"


@dataclass
class Registry:
    nav_items: list = field(default_factory=list)
    home_panels: list = field(default_factory=list)
    object_panels: list = field(default_factory=list)
    demo_loaders: list = field(default_factory=list)
    generators: list = field(default_factory=list)
    history_sources: list = field(default_factory=list)
    rollups: list = field(default_factory=list)  # refresh(team_ids=None) per rollup table
    free_text_sources: list = field(default_factory=list)
    figures: list = field(default_factory=list)
    health_checks: list = field(default_factory=list)

    def register_nav(self, label, url_name, capability, order=100, group=None):
        self._add(self.nav_items, NavItem(label, url_name, capability, order, group))

    def register_home_panel(self, template, context, order=100):
        self._add(self.home_panels, HomePanel(template, context, order))

    def register_object_panel(self, slot, template, context, order=100):
        self._add(self.object_panels, ObjectPanel(slot, template, context, order))

    def panels_for(self, slot, request, obj):
        """[(template, context)] of the panels registered for `slot` that show for `obj`."""
        found = []
        for panel in self.object_panels:
            if panel.slot == slot and (context := panel.context(request, obj)) is not None:
                found.append((panel.template, context))
        return found

    def register_demo_loader(self, load, order=100):
        self._add(self.demo_loaders, DemoLoader(load, order))

    def register_generator(self, generate, order=100):
        self._add(self.generators, Generator(generate, order))

    def register_history(self, model, team_field, describe, **options):
        self._add(self.history_sources, HistorySource(model, team_field, describe, **options))

    def register_free_text(self, model, team_field, fields):
        if (
            source := FreeTextSource(model, team_field, tuple(fields))
        ) not in self.free_text_sources:
            self.free_text_sources.append(source)

    def register_figure(self, key, title, order=100, **texts):
        """Define a figure; `texts` are definition, period, exclusions, protection, group."""
        self._add(self.figures, FigureDefinition(key, title, order=order, **texts))

    def figure_keys(self):
        return {figure.key for figure in self.figures}

    def register_health_check(self, name, check):
        if (health_check := HealthCheck(name, check)) not in self.health_checks:
            self.health_checks.append(health_check)

    def register_rollup(self, refresh):
        if refresh not in self.rollups:
            self.rollups.append(refresh)

    @staticmethod
    def _add(items, item):
        # ready() may run more than once (e.g. in tests); register each thing once.
        if item not in items:
            items.append(item)
            items.sort(key=lambda entry: entry.order)


registry = Registry()
