"""The floors of the project (DESIGN.md, 'Architecture'): an import never runs down-to-up.

Read from the source with `ast`, so an import inside a function counts as much as one at the top.
`tests/` and `bench/` stand outside the floors and may import anything.
"""

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
PLATFORM = "hok"
TOP = "portal"

# The floor of every package: it may import packages on lower floors only, never one on its own
# floor or above. A new app gets its line here (the test below fails until it has one).
FLOORS = {
    "hok": 0,  # the platform: settings, users, roles, mail, access, shared helpers
    "agreements": 1,
    "surveys": 2,
    "dialogues": 2,
    "examples": 2,
    "proposals": 2,
    "newsletters": 3,  # its cards and mail read published surveys and conferences
    "reports": 4,  # a snapshot of the figures of the apps below
    "accounts": 5,  # gathers each app's part of a person's data
    "search": 5,
    "portal": 6,  # the site's composition: home page, site-wide pages, the root URLconf
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing package
    module: str  # the imported module, dotted
    where: str  # file:line
    type_only: bool = False  # under `if TYPE_CHECKING:`: names a class for a hint, runs nothing

    @property
    def target(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.where}: {self.source} imports {self.module}"


def project_packages(root: Path) -> list[str]:
    """The Django apps of the project: top-level folders with an apps.py."""
    return sorted(path.parent.name for path in root.glob("*/apps.py"))


def imports_of(root: Path, packages: list[str]) -> Iterator[Import]:
    """Every import of one project package by another, migrations left out."""
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.relative_to(root).parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            type_only = {
                id(inner)
                for node in ast.walk(tree)
                if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
                for inner in ast.walk(node)
            }
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    # `from agreements import models` imports agreements.models.
                    modules = [f"{node.module}.{alias.name}" for alias in node.names]
                else:
                    continue
                for module in modules:
                    target = module.split(".")[0]
                    if target in packages and target != package:
                        where = f"{path.relative_to(root)}:{node.lineno}"
                        yield Import(package, module, where, type_only=id(node) in type_only)


def layer_violations(root: Path) -> list[str]:
    packages = project_packages(root)
    problems = [
        f"{package} has no floor: give it one in FLOORS (tests/hok/test_layers.py)"
        for package in packages
        if package not in FLOORS
    ]
    for found in imports_of(root, packages):
        if found.source not in FLOORS or found.target not in FLOORS:
            continue
        if found.source == PLATFORM:
            problems.append(f"{found} (the platform imports no app)")
        elif found.target == TOP:
            problems.append(f"{found} (no app imports the top floor)")
        elif FLOORS[found.target] >= FLOORS[found.source]:
            problems.append(
                f"{found} (floor {FLOORS[found.source]} imports floor "
                f"{FLOORS[found.target]}: an import runs down only)"
            )
        # A type hint may name another app's model; using it (a query, a save) may not.
        if (
            found.target != PLATFORM
            and found.module.split(".")[1:2] == ["models"]
            and not found.type_only
        ):
            problems.append(f"{found} (another app's models: use its selectors)")
    return problems


def test_the_project_keeps_its_floors() -> None:
    assert layer_violations(ROOT) == []


def test_the_platform_imports_no_app() -> None:
    """Said once more on its own: hok/ is the ground floor and knows nothing above it."""
    apps = set(project_packages(ROOT)) - {PLATFORM}
    upward = [str(i) for i in imports_of(ROOT, project_packages(ROOT)) if i.source == PLATFORM]
    assert apps and upward == []


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"hok/views.py": "from agreements import selectors\n"}, "the platform imports no app"),
        ({"agreements/views.py": "import portal.views\n"}, "no app imports the top floor"),
        ({"agreements/x.py": "def f():\n    from surveys.selectors import s\n"}, "runs down"),
        ({"surveys/x.py": "from dialogues.selectors import s\n"}, "floor 2 imports floor 2"),
        ({"reports/x.py": "from surveys.models import Survey\n"}, "another app's models"),
        ({"reports/x.py": "from surveys import models\n"}, "another app's models"),
        (
            {"agreements/x.py": "if TYPE_CHECKING:\n    from surveys.models import Survey\n"},
            "runs down",
        ),
        ({"mystery/apps.py": ""}, "mystery has no floor"),
    ],
)
def test_a_wrong_import_is_named(tmp_path: Path, files: dict[str, str], expected: str) -> None:
    apps = ["hok", "agreements", "surveys", "dialogues", "reports", "portal"]
    _write(tmp_path, {f"{app}/apps.py": "" for app in apps} | files)
    problems = layer_violations(tmp_path)
    assert len(problems) == 1
    assert expected in problems[0]


def test_allowed_imports_pass(tmp_path: Path) -> None:
    apps = ["hok", "agreements", "surveys", "reports", "portal"]
    _write(
        tmp_path,
        {f"{app}/apps.py": "" for app in apps}
        | {
            "agreements/x.py": "from hok.models import User\nfrom hok import roles\n",
            "reports/x.py": "from surveys.selectors import results\nimport agreements.rules\n",
            "portal/urls.py": "from reports import views\nfrom agreements.views import a\n",
            "surveys/migrations/0001_initial.py": "from agreements.models import X\n",
            "reports/y.py": "if TYPE_CHECKING:\n    from surveys.models import Survey\n",
        },
    )
    assert layer_violations(tmp_path) == []
