# Fixtures for the REPL's pseudo-terminal tests: each test gets a fresh
# temporary HOME, state file and history file, and spawns the built binary
# (SGSH_BINARY, default .build/debug/sgsh) on a pty through pexpect.
import os
import pathlib
import subprocess

import pexpect
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("SGSH_BINARY", str(ROOT / ".build" / "debug" / "sgsh"))
PROMPT = "sgsh local> "
DRY_PROMPT = "sgsh local [dry]> "
CONTINUATION = "...> "


class Shell:
    """A temporary user: home, state file and history, and ways to run sgsh as them."""

    def __init__(self, home: pathlib.Path):
        self.home = home
        self.state = home / "state.sqlite"
        self.history = home / "history"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "SGSH_HISTORY": str(self.history),
            "TERM": "xterm",
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        }

    def spawn(self, *args: str, state: pathlib.Path | None = None, command: str = "repl") -> pexpect.spawn:
        """`sgsh repl` (or `sgsh` alone, with command="") on a pty; returns once the first prompt is shown."""
        child = pexpect.spawn(
            BINARY,
            [*([command] if command else []), "--state", str(state or self.state), *args],
            env=self.env,
            cwd=str(self.home),
            encoding="utf-8",
            timeout=30,
            dimensions=(40, 200),
        )
        child.expect_exact(PROMPT if "--dry-run" not in args else DRY_PROMPT)
        return child

    def run(self, args: list[str], stdin: str = "", state: pathlib.Path | None = None) -> subprocess.CompletedProcess:
        """sgsh with pipes (no terminal)."""
        env = dict(self.env)
        return subprocess.run(
            [BINARY, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=str(self.home),
            timeout=60,
        )


@pytest.fixture
def shell(tmp_path: pathlib.Path) -> Shell:
    return Shell(tmp_path)


def in_line_editor(child: pexpect.spawn, prompt: str = PROMPT) -> None:
    """Waits until libedit reads keys itself, not the terminal's line discipline.

    The prompt can appear a moment before libedit switches the terminal to raw mode;
    a control key typed in that moment is handled by the terminal instead (^D becomes
    a NUL byte, ^C a signal). Tab on an empty line lists completions only once libedit
    is reading, so waiting for that list closes the window.
    """
    child.send("\t")
    child.expect_exact("dryrun")
    child.expect_exact(prompt)


def finish(child: pexpect.spawn, prompt: str = PROMPT) -> int:
    """Ctrl-D on an empty line; returns the exit status."""
    in_line_editor(child, prompt)
    child.sendeof()
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus
