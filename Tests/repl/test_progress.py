# The progress line of a long apply: shown on stderr only when stderr is a
# terminal (here a pty), rewritten in place, and erased before the report.
import pexpect

from conftest import BINARY

SCRIPT = "\n".join(
    [f'let g{i} = sg create "progress-{i}" "progress line"' for i in range(3)]
    + [f"sg $g{i} ingress allow tcp 443 from 10.{i}.0.0/16" for i in range(3)]
)


def test_a_long_apply_shows_progress_on_a_terminal(shell):
    script = shell.home / "progress.sgsh"
    script.write_text(SCRIPT + "\n")
    child = pexpect.spawn(
        BINARY, ["--state", str(shell.state), str(script)], env=shell.env, cwd=str(shell.home),
        encoding="utf-8", timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    output = child.before
    # Six calls: three creates and three authorizes, counted as they are sent.
    assert "[1/6] applying" in output and "[6/6] applying" in output, output
    assert "\r\x1b[K" in output, output  # the line is erased before the report
    assert "Applied: 6 added, 0 changed, 0 removed, 0 unchanged (6 calls)." in output, output


def test_no_progress_line_when_stderr_is_not_a_terminal(shell):
    script = shell.home / "progress.sgsh"
    script.write_text(SCRIPT + "\n")
    result = shell.run(["--state", str(shell.state), str(script)])
    assert result.returncode == 0, result.stderr
    assert "applying" not in result.stderr and result.stderr == ""
