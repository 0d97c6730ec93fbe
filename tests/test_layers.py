"""The apps' layers (``[tool.importlinter]`` in pyproject.toml, checked by ``make lint``): every
app of ours has its place, the tree keeps the contract, and an upward import breaks it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))


def _contract() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]


def _layered_apps(contract: dict) -> list[str]:
    (layers,) = [c["layers"] for c in contract["contracts"] if c["type"] == "layers"]
    return [name.strip() for layer in layers for name in layer.split("|")]


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_every_app_of_ours_has_its_layer():
    ours = {config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT}
    contract = _contract()
    layered = _layered_apps(contract)
    assert sorted(layered) == sorted(ours)
    assert sorted(contract["root_packages"]) == sorted(ours)


def test_the_tree_keeps_the_layers():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path):
    """The same tree with one new import from common up to reporting fails the check."""
    for name in _contract()["root_packages"]:
        shutil.copytree(
            ROOT / name,
            tmp_path / name,
            ignore=lambda folder, names: [
                n for n in names if not (n.endswith(".py") or (Path(folder) / n).is_dir())
            ],
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "common" / "upward.py").write_text("from reporting.models import Submission\n")

    result = _lint_imports(tmp_path)

    assert result.returncode == 1
    assert "common is not allowed to import reporting:" in result.stdout
    assert "common.upward -> reporting.models (l.1)" in result.stdout
