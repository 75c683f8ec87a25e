# Sharp edges of the prompt (issue 17, "The REPL"): Ctrl-D on a `...>` line
# abandons the entry, not the session; `:save` expands `~` and will not
# overwrite a file unless asked with `:save!`.
from conftest import CONTINUATION, PROMPT, finish


def test_ctrl_d_on_a_continuation_line_abandons_the_entry(shell):
    child = shell.spawn()
    child.sendline("sg $web ingress {")
    child.expect_exact(CONTINUATION)
    # Tab lists the rule verbs once libedit reads keys (see in_line_editor).
    child.send("\t")
    child.expect_exact("revoke")
    child.expect_exact(CONTINUATION)
    child.sendeof()
    child.expect_exact(PROMPT)
    child.sendline('print "still" + " here"')
    child.expect_exact("still here")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_save_expands_the_home_folder_and_refuses_to_overwrite(shell):
    child = shell.spawn()
    child.sendline("let office = [203.0.113.0/24]")
    child.expect_exact(PROMPT)
    child.sendline(":save ~/first.sgsh")
    child.expect_exact("saved 1 entry to ")
    child.expect_exact(PROMPT)
    saved = shell.home / "first.sgsh"
    assert "let office = [203.0.113.0/24]" in saved.read_text()

    saved.write_text("# mine\n")
    child.sendline(":save ~/first.sgsh")
    child.expect_exact("error: '~/first.sgsh' exists; ':save! ~/first.sgsh' overwrites it")
    child.expect_exact(PROMPT)
    assert saved.read_text() == "# mine\n"
    child.sendline(":save! ~/first.sgsh")
    child.expect_exact("saved 1 entry to ")
    child.expect_exact(PROMPT)
    assert "let office" in saved.read_text()
    assert finish(child) == 0
