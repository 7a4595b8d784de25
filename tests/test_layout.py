"""House rules that a linter does not check: module size and a docstring on every module."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 400


def python_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for folder in ("bot", "handlers", "storage", "tests", "bench"):
        files.extend((ROOT / folder).rglob("*.py"))
    return sorted(f for f in files if "versions" not in f.parts)  # migrations are generated


def test_there_are_modules_to_check() -> None:
    assert len(python_files()) > 20


def test_no_module_is_longer_than_the_limit() -> None:
    long = {
        str(f.relative_to(ROOT)): n
        for f in python_files()
        if (n := len(f.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert long == {}


def test_every_module_says_what_it_is_for() -> None:
    silent = [
        str(f.relative_to(ROOT))
        for f in python_files()
        if f.stat().st_size and ast.get_docstring(ast.parse(f.read_text(encoding="utf-8"))) is None
    ]
    assert silent == []
