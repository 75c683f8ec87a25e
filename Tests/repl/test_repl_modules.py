# `use "lib/x"` means the same file in a script and at the prompt (issue 9):
# the CLI and the REPL share one Host, which adds `.sgsh` and reads the module
# relative to the importing script (the working folder for the prompt).
from conftest import PROMPT, finish

MODULE = 'let admin_ports = [22, 3389]\ndef twice(x) { return x + x }\n'


def test_use_finds_the_same_module_in_a_script_and_at_the_prompt(shell):
    (shell.home / "lib").mkdir()
    (shell.home / "lib" / "x.sgsh").write_text(MODULE)
    (shell.home / "main.sgsh").write_text('use "lib/x"\nprint admin_ports, twice(21)\n')
    script = shell.run(["--state", str(shell.state), "main.sgsh"])
    assert (script.returncode, script.stdout, script.stderr) == (0, "[22, 3389] 42\n", "")

    child = shell.spawn()
    child.sendline('use "lib/x"')
    child.expect_exact(PROMPT)
    child.sendline("print admin_ports, twice(21)")
    child.expect_exact("[22, 3389] 42")
    child.expect_exact(PROMPT)
    assert "error" not in child.before
    assert finish(child) == 0
