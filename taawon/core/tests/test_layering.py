"""The bottom of the import graph names nothing above it.

Apps depend downward only (DESIGN.md). At the bottom sit accounts, geo, core and lib side by
side, and matching, a pure library beside them. The rules checked here, on the source of every
module of these packages (tests included), with `ast`, imports at module level and inside
functions alike:

- `taawon.lib` imports no Django (nor a Django package such as ninja) and no taawon package
  but lib: it is framework-free, usable by a benchmark or a script without settings.
- `taawon.matching` imports no Django and no taawon package but lib and matching.
- `taawon.formats` (Django format modules and the display renderers) imports Django and lib.
- `taawon.core` imports Django, lib, formats, core, and accounts: core's scoped views and its test
  personas (core/testing.py) need users and organisations, which sit beside it at the bottom.
  Nothing else: no people, cooperatives, employment, permits, duplicates, messaging, demo,
  nor geo or occupations. An app above registers with core (navigation, home-page panels,
  event handlers) from its own `AppConfig.ready()` instead.

"Names" counts more than import statements: a string that is a dotted path into taawon
(`import_string("taawon.people.panels.x")`), a model label ("people.person") or a URL name
("people:person_list") of an app above counts as a dependency on that app too.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps

import taawon

PACKAGE = Path(taawon.__file__).resolve().parent
DJANGO = re.compile(r"^(django\w*|ninja|template_partials|bootstrap)$")
DOTTED = re.compile(r"^taawon\.(\w+)(\.\w+)*$")
LABELLED = re.compile(r"^(\w+)([.:])(\w+)$")

# The taawon packages (or root modules) each layer may name.
ALLOWED = {
    "lib": {"lib"},
    "matching": {"lib", "matching"},
    # DJANGO_SETTINGS_MODULE of core's settings tests: configuration, not an app.
    # taawon.formats: Django's per-language format modules and the renderers built on them
    # (dates, amounts, lists); it names nothing but lib.
    "formats": {"formats", "lib"},
    "core": {"core", "lib", "accounts", "formats", "settings"},
}
NO_DJANGO = {"lib", "matching"}


def modules(layer: str) -> Iterator[Path]:
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        # This file spells out the names it looks for.
        if path != Path(__file__).resolve():
            yield path


def dotted_name(path: Path) -> list[str]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path, tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file."""
    package = dotted_name(path)
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield node.lineno, module
            # `from taawon import people` names the package in the alias.
            if module == "taawon":
                for alias in node.names:
                    yield node.lineno, f"taawon.{alias.name}"


def is_taawon_module(name: str) -> bool:
    # "taawon.sqlite3" is a file name, not a module.
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def taawon_apps() -> dict[str, str]:
    """Label -> package name under taawon, of every installed taawon app."""
    return {
        config.label: config.name.split(".")[1]
        for config in apps.get_app_configs()
        if config.name.startswith("taawon.")
    }


def named(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """(line, taawon package) of every string naming a taawon module, model or URL."""
    labels = taawon_apps()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
            continue
        text = node.value
        if (match := DOTTED.match(text)) and is_taawon_module(match.group(1)):
            yield node.lineno, match.group(1)
        elif (match := LABELLED.match(text)) and match.group(1) in labels:
            label, separator, name = match.groups()
            config = apps.get_app_config(label)
            # "permits.csv" is a file name; "permits.permit" a model, "permits:x" a URL.
            if separator == ":" or name.lower() in config.models:
                yield node.lineno, labels[label]


def problems(layer: str, path: Path, tree: ast.AST) -> list[tuple[int, str]]:
    """(line, what) of each name in the module at `path` that its layer may not use."""
    found = []
    for line, module in imported(path, tree):
        top, _, rest = module.partition(".")
        above = top == "taawon" and rest and rest.split(".")[0] not in ALLOWED[layer]
        if above or (layer in NO_DJANGO and DJANGO.match(top)):
            found.append((line, f"imports {module}"))
    for line, package in named(tree):
        if package not in ALLOWED[layer]:
            found.append((line, f"names taawon.{package}"))
    return sorted(found)


def violations(layer: str) -> list[str]:
    found = []
    for path in modules(layer):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        where = path.relative_to(PACKAGE.parent)
        found.extend(f"{where}:{line} {what}" for line, what in problems(layer, path, tree))
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_the_bottom_layers_name_nothing_above_them(layer):
    assert violations(layer) == []


def test_the_check_sees_every_way_of_naming_an_app_above():
    source = """
import taawon.people
from taawon.employment.models import JobSeeker
from taawon import permits
from taawon.accounts import scoping
from . import audit


def later():
    from ..duplicates import services
    import_string("taawon.messaging.backends.Log")
    reverse("cooperatives:cooperative_list")
    apps.get_model("people.person")
    return "permits.csv", "taawon.sqlite3", "a sentence about taawon.people, not a name"
"""
    tree = ast.parse(source)
    found = problems("core", PACKAGE / "core" / "example.py", tree)
    assert found == [
        (2, "imports taawon.people"),
        (3, "imports taawon.employment.models"),
        (4, "imports taawon.permits"),
        (10, "imports taawon.duplicates"),
        (11, "names taawon.messaging"),
        (12, "names taawon.cooperatives"),
        (13, "names taawon.people"),
    ]
    assert problems("lib", PACKAGE / "lib" / "example.py", ast.parse("import django.db")) == [
        (1, "imports django.db")
    ]
    assert problems("lib", PACKAGE / "lib" / "example.py", tree)[:1] == [
        (2, "imports taawon.people")
    ]
