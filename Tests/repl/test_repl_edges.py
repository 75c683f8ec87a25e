# Sharp edges of the prompt (issue 17, "The REPL"): Ctrl-D on a `...>` line
# abandons the entry, not the session; `:save` expands `~` and will not
# overwrite a file unless asked with `:save!`.
from conftest import CONTINUATION, PROMPT, finish, in_line_editor


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


def test_save_refuses_a_script_that_would_not_replay(shell):
    child = shell.spawn()
    child.sendline(":dryrun on")
    child.expect_exact("sgsh local [dry]> ")
    # Not applied, so saved as a comment; its `let` is then missing from the script.
    child.sendline('let port = 22; sg create "drafted" "never applied"')
    child.expect_exact("sgsh local [dry]> ")
    child.sendline(":dryrun off")
    child.expect_exact(PROMPT)
    child.sendline("print port")
    child.expect_exact("22")
    child.expect_exact(PROMPT)
    child.sendline(":save ~/replay.sgsh")
    child.expect_exact("undefined name 'port'")
    child.expect_exact("error: not saved: the session's entries would not replay as a script")
    child.expect_exact(PROMPT)
    assert not (shell.home / "replay.sgsh").exists()
    assert finish(child) == 0


def test_dryrun_off_forgets_a_group_that_was_only_planned(shell):
    child = shell.spawn()
    child.sendline(":dryrun on")
    child.expect_exact("sgsh local [dry]> ")
    child.sendline('let web = sg create "web" "planned only"')
    child.expect_exact("sgsh local [dry]> ")
    child.sendline(":dryrun off")
    child.expect_exact(PROMPT)
    child.sendline("sg $web ingress allow tcp 22 from 10.0.0.0/8")
    child.expect_exact("undefined name 'web'")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_tab_completes_modules_after_use_and_paths_after_save(shell):
    (shell.home / "lib").mkdir()
    (shell.home / "lib" / "common.sgsh").write_text("let office = [203.0.113.0/24]\n")
    child = shell.spawn()
    in_line_editor(child)
    child.send('use "li\t')
    child.send('co\t')
    child.send("\r")
    child.expect_exact(PROMPT)
    child.sendline("print office")
    child.expect_exact("[203.0.113.0/24]")
    child.expect_exact(PROMPT)
    (shell.home / "session.sgsh").write_text("")
    child.send(":save! ~/sess\t")
    child.send("\r")
    child.expect_exact("saved 2 entries to ")
    child.expect_exact(PROMPT)
    assert "use \"lib/common\"" in (shell.home / "session.sgsh").read_text()
    assert finish(child) == 0
