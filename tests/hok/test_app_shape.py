"""Every app that guards objects has the same shape (CONVENTIONS.md, issue 16):

- `rules.py` says who may do what to which object in which state, and is tested as a role ×
  state matrix in `tests/<app>/test_rules.py`;
- `access.py` holds the permission-checked loaders: a view gets each object its URL names from
  there, never from a bare `get_object_or_404`, so no page can forget the check.

Read from the source with `ast`, like test_layers.
"""

import ast
from pathlib import Path

import pytest

from tests.hok.test_layers import ROOT, project_packages

# The apps whose pages act on objects that not everyone may see or change.
GUARDING_APPS = ["agreements", "dialogues", "examples", "newsletters", "reports", "surveys"]


def view_modules(root: Path, package: str) -> list[Path]:
    single = root / package / "views.py"
    folder = root / package / "views"
    return ([single] if single.exists() else []) + sorted(folder.rglob("*.py"))


def bare_lookups(path: Path) -> list[str]:
    """Calls of get_object_or_404 / get_list_or_404 in one module, as file:line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in {"get_object_or_404", "get_list_or_404"}:
                found.append(f"{where}:{node.lineno}")
    return found


@pytest.mark.parametrize("package", GUARDING_APPS)
def test_guarding_app_has_rules_access_and_a_matrix(package):
    assert (ROOT / package / "rules.py").exists()
    assert (ROOT / package / "access.py").exists()
    assert (ROOT / "tests" / package / "test_rules.py").exists()


@pytest.mark.parametrize("package", project_packages(ROOT))
def test_views_get_objects_only_through_loaders(package):
    found = [hit for path in view_modules(ROOT, package) for hit in bare_lookups(path)]
    assert found == [], f"use a loader from {package}/access.py instead: {found}"


def test_the_lookup_finder_finds_a_bare_lookup(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "from django.shortcuts import get_object_or_404\n"
        "def page(request, pk):\n"
        "    return get_object_or_404(Thing, pk=pk)\n",
        encoding="utf-8",
    )
    assert len(bare_lookups(module)) == 1
