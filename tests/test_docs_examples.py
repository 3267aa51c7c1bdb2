"""
Every example in the documentation runs and gives what it shows.

The pages in ``docs/`` hold two kinds of executable examples: Python sessions in ``pycon``
blocks (``>>>`` prompts, run with doctest) and shell sessions in ``console`` blocks (``$``
prompts, run with bash, the installed ``defectors`` command first on the PATH). A page's
examples run in order, in one namespace and one fresh working directory, so a later example
can use a file an earlier one wrote. Any other code block must be an installation or build
command, which is not run.
"""

from __future__ import annotations

import doctest
import importlib.util
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import defectors

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

#: Code blocks that are shown but not run: installing and building, nothing else.
NOT_RUN = re.compile(
    r"(python3? -m (pip|venv)|pip install|nox( |$)|(sudo )?apt-get |sphinx-build |\. \.venv/)"
)

#: Optional packages some pages use, and how a page shows that it uses them.
OPTIONAL = {"matplotlib": "import matplotlib", "pandas": "to_pandas()"}


@dataclass(frozen=True)
class Block:
    """A fenced code block of a page."""

    language: str
    text: str
    line: int  # 1-based line of the block's first line of code


def pages() -> list[Path]:
    """Return the documentation's Markdown pages, build output excluded."""
    return sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.relative_to(DOCS).parts)


def blocks(page: Path) -> list[Block]:
    """Return the fenced code blocks of *page*, in order (MyST directives excluded)."""
    found = []
    fence: str | None = None
    language = ""
    start = 0
    body: list[str] = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if fence is None:
            match = re.match(r"^(`{3,}|~{3,})\s*([^\s`]*)", line)
            if match:
                fence, language, start, body = match[1], match[2], number + 1, []
        elif line.strip() == fence:
            if not language.startswith("{"):
                found.append(Block(language, "\n".join(body) + "\n", start))
            fence = None
        else:
            body.append(line)
    return found


def runnable(page: Path) -> bool:
    """Whether *page* has any example to run."""
    return any(b.language in {"pycon", "console"} for b in blocks(page))


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(DOCS)) for p in paths]


PAGES = pages()
RUNNABLE = [p for p in PAGES if runnable(p)]


def _console(block: Block) -> list[tuple[int, str, str]]:
    """Split a console block into (line, command, expected output) steps."""
    steps: list[tuple[int, str, list[str]]] = []
    for offset, line in enumerate(block.text.splitlines()):
        if line.startswith("$ "):
            steps.append((block.line + offset, line[2:], []))
        elif steps:
            steps[-1][2].append(line)
        elif line.strip():
            pytest.fail(f"line {block.line + offset}: console output before any '$ ' command")
    return [(line, command, "\n".join(out) + "\n" if out else "") for line, command, out in steps]


def _run_shell(command: str, cwd: Path) -> str:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("COLUMNS", None)
    result = subprocess.run(
        ["bash", "-c", command],  # noqa: S607 - bash from the PATH, as a user has it
        cwd=cwd,
        env=env,
        capture_output=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
    )
    return result.stdout


class TestExamples:
    @pytest.mark.parametrize("page", RUNNABLE, ids=_ids(RUNNABLE))
    def test_page_examples(self, page, tmp_path, monkeypatch):
        """Every >>> and $ example of the page gives the output the page shows."""
        text = page.read_text(encoding="utf-8")
        for module, marker in OPTIONAL.items():
            if marker in text and importlib.util.find_spec(module) is None:
                pytest.skip(f"{page.name} needs {module}, which is not installed")
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("MPLBACKEND", "Agg")
        globs: dict[str, object] = {"__name__": "__docs__"}
        parser = doctest.DocTestParser()
        checker = doctest.OutputChecker()
        report: list[str] = []
        runner = doctest.DocTestRunner(checker=checker, optionflags=FLAGS)
        attempted = 0
        try:
            for block in blocks(page):
                if block.language == "pycon":
                    test = parser.get_doctest(
                        block.text, globs, page.name, str(page), block.line - 1
                    )
                    result = runner.run(test, out=report.append, clear_globs=False)
                    globs.update(test.globs)  # a DocTest works on a copy: carry names over
                    attempted += result.attempted
                elif block.language == "console":
                    for line, command, expected in _console(block):
                        got = _run_shell(command, tmp_path)
                        attempted += 1
                        if not checker.check_output(expected, got, FLAGS):
                            report.append(
                                f"{page.name}, line {line}: $ {command}\n"
                                f"expected:\n{expected}got:\n{got}"
                            )
        finally:
            if "matplotlib.pyplot" in sys.modules:
                sys.modules["matplotlib.pyplot"].close("all")
        assert ([], True) == (report, attempted > 0), "\n".join(report)


class TestEveryBlockIsChecked:
    @pytest.mark.parametrize("page", PAGES, ids=_ids(PAGES))
    def test_blocks_are_runnable_or_install_commands(self, page):
        """Each code block is a pycon or console example, or a command that installs or builds."""
        unchecked = [
            f"line {b.line}: {b.language or '(no language)'}"
            for b in blocks(page)
            if b.language not in {"pycon", "console"}
            and not all(NOT_RUN.match(line) for line in b.text.splitlines() if line.strip())
        ]
        assert [] == unchecked

    @pytest.mark.parametrize("page", RUNNABLE, ids=_ids(RUNNABLE))
    def test_pycon_blocks_have_prompts(self, page):
        """Every pycon block starts with a >>> prompt, so doctest sees all of it."""
        assert [] == [
            b.line for b in blocks(page) if b.language == "pycon" and not b.text.startswith(">>>")
        ]


class TestApiReference:
    def test_every_public_name_is_documented(self):
        """Every name in defectors.__all__ is documented on the API reference page."""
        text = (DOCS / "api.md").read_text(encoding="utf-8")
        documented = set(re.findall(r"defectors\.(\w+)", text))
        documented |= set(re.findall(r"py:data:: (\w+)", text))  # inside py:module defectors
        missing = sorted(set(defectors.__all__) - documented)
        assert [] == missing

    def test_version_and_modules_are_documented(self):
        """The version, defectors.testing and defectors.exceptions have their entries."""
        text = (DOCS / "api.md").read_text(encoding="utf-8")
        needed = [
            ".. py:module:: defectors",
            "py:data:: __version__",
            "automodule:: defectors.testing",
            "automodule:: defectors.exceptions",
        ]
        assert [] == [n for n in needed if n not in text]
