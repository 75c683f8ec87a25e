# The REPL through a real pseudo-terminal: prompts, applying entries,
# multi-line input, Tab completion, history, diagnostics, Ctrl-C and Ctrl-D,
# piped input, and :save.
import io
import re

import pexpect

from conftest import BINARY, CONTINUATION, DRY_PROMPT, PROMPT, finish, in_line_editor


def create_web(child):
    child.sendline('let web = sg create "web" "web servers"')
    child.expect(r"\+ (sg-[0-9a-f]+) create")
    group = child.match.group(1)
    child.expect_exact(PROMPT)
    return group


def groups_line(child, name):
    """The `:groups` line of the group called `name`."""
    child.sendline(":groups")
    child.expect(r"(sg-[0-9a-f]+ +" + name + r" .*?)\r\n")
    line = child.match.group(1)
    child.expect_exact(PROMPT)
    return line


def test_typing_a_rule_applies_it(shell):
    child = shell.spawn()
    group = create_web(child)
    child.sendline('sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"')
    child.expect_exact(f"~ {group} ingress")
    child.expect_exact('+ tcp 443 from 0.0.0.0/0 "https"')
    child.expect_exact(PROMPT)
    assert "1 in, 1 out" in groups_line(child, "web")
    # Applied, not just printed: a second session finds the rule already there.
    assert finish(child) == 0
    again = shell.spawn()
    again.sendline(f'sg {group} ingress allow tcp 443 from 0.0.0.0/0 "https"')
    again.expect_exact('= tcp 443 from 0.0.0.0/0 "https"')
    again.expect_exact(PROMPT)
    assert finish(again) == 0


def test_a_multi_line_block_continues_on_the_continuation_prompt(shell):
    child = shell.spawn()
    group = create_web(child)
    child.sendline("sg $web ingress {")
    child.expect_exact(CONTINUATION)
    child.sendline('  allow tcp 443 from 0.0.0.0/0 "https"')
    child.expect_exact(CONTINUATION)
    child.sendline("  allow tcp 22 from 10.0.0.0/8")
    child.expect_exact(CONTINUATION)
    child.sendline("}")
    child.expect_exact(f"~ {group} ingress")
    child.expect_exact(PROMPT)
    assert "2 in, 1 out" in groups_line(child, "web")
    assert finish(child) == 0


def test_tab_completes_the_direction(shell):
    child = shell.spawn()
    group = create_web(child)
    child.send("sg $web in\t")
    # libedit redraws the line after inserting the completion and a space.
    child.expect_exact("gress ")
    child.sendline("allow tcp 8443 from 10.0.0.0/8")
    child.expect_exact(f"~ {group} ingress")
    child.expect_exact("+ tcp 8443 from 10.0.0.0/8")
    child.expect_exact(PROMPT)
    child.sendline(":history")
    child.expect_exact("sg $web ingress allow tcp 8443 from 10.0.0.0/8")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_up_arrow_recalls_the_last_line(shell):
    child = shell.spawn()
    child.sendline('print "recall-" + "me"')
    child.expect_exact("recall-me")
    child.expect_exact(PROMPT)
    child.send("\x1b[A")
    child.send("\r")
    # The recalled line ran again: its output appears a second time.
    child.expect_exact("recall-me")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_editrc_can_switch_to_vi_keys(shell):
    (shell.home / ".editrc").write_text("bind -v\n")
    child = shell.spawn()
    child.sendline('print "vi-" + "keys"')
    child.expect_exact("vi-keys")
    child.expect_exact(PROMPT)
    in_line_editor(child)
    child.send("\x1bk")  # Escape to command mode, k: the previous line
    child.send("\r")
    child.expect_exact("vi-keys")
    child.expect_exact(PROMPT)
    # sgsh's own keys survive `bind -v`: Tab completes, ^C abandons the line.
    in_line_editor(child)
    child.send("abandoned\x1b")
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    child.sendline("print 1 + 1")
    child.expect_exact("2")
    child.expect_exact(PROMPT)
    assert "abandoned" not in shell.history.read_text(errors="replace")
    assert finish(child) == 0


def test_a_syntax_error_shows_the_caret_and_the_shell_carries_on(shell):
    child = shell.spawn()
    child.sendline("sg sg-0abc123 ingress allow tcpp 443 from 0.0.0.0/0")
    child.expect_exact("<repl-1>:1:29: error: unknown protocol 'tcpp'; did you mean 'tcp'?")
    child.expect_exact("sg sg-0abc123 ingress allow tcpp 443 from 0.0.0.0/0")
    child.expect(r"\|\s+\^~~~")
    child.expect_exact(PROMPT)
    child.sendline("print 40 + 2")
    child.expect_exact("42")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_ctrl_c_abandons_the_line(shell):
    child = shell.spawn()
    child.sendline("sg $web ingress {")
    child.expect_exact(CONTINUATION)
    # Tab lists the rule verbs once libedit reads keys (see in_line_editor).
    child.send("\t")
    child.expect_exact("revoke")
    child.expect_exact(CONTINUATION)
    child.send("allow tcp 1 from")
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    child.sendline('print "still here"')
    child.expect_exact("still here")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_sgsh_alone_on_a_terminal_opens_the_shell(shell):
    child = shell.spawn(command="")
    child.sendline("print 6 + 1")
    child.expect_exact("7")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_dry_run_flag_starts_in_dry_run(shell):
    child = shell.spawn("--dry-run")
    child.sendline('sg create "x" "y"')
    child.expect_exact('+ <new x> create "x" "y"')
    child.expect_exact(DRY_PROMPT)
    child.sendline(":groups")
    child.expect_exact(DRY_PROMPT)
    listing = child.before
    assert re.search(r"sg-[0-9a-f]+ +default ", listing)
    assert not re.search(r"sg-[0-9a-f]+ +x ", listing)
    assert finish(child, DRY_PROMPT) == 0


def test_ctrl_c_cancels_a_running_entry_and_the_shell_carries_on(shell):
    child = shell.spawn()
    # About nine million steps: seconds of work, stopped long before its end.
    child.sendline("for i in range(3000) { for j in range(3000) { let x = j } }")
    child.expect_exact("{ let x = j } }")
    # A ^C that lands before the entry starts running is ignored, so send until one lands.
    for _ in range(40):
        child.sendcontrol("c")
        if child.expect_exact(["script cancelled", pexpect.TIMEOUT], timeout=0.25) == 0:
            break
    else:
        raise AssertionError("the entry was not cancelled")
    child.expect_exact(PROMPT)
    child.sendline("print 5 + 5")
    child.expect_exact("10")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_the_prompt_names_an_aws_endpoint_and_its_region_and_never_shows_the_secret(shell):
    # Port 9 on loopback refuses connections: the shell must not wait on the backend to start.
    # STS has no endpoint there, so there is no account to show (test_repl_aws.py has one).
    shell.env.update(AWS_ACCESS_KEY_ID="AKIDEXAMPLE", AWS_SECRET_ACCESS_KEY="canary-secret-4f2a")
    child = pexpect.spawn(
        BINARY,
        ["repl", "--backend", "aws", "--endpoint-url", "http://127.0.0.1:9", "--region", "eu-west-1"],
        env=shell.env, cwd=str(shell.home), encoding="utf-8", timeout=30,
    )
    transcript = io.StringIO()
    child.logfile_read = transcript
    prompt = "sgsh aws:eu-west-1 at http://127.0.0.1:9/> "
    child.expect_exact(prompt)
    child.sendline(":backend")
    child.expect_exact("region eu-west-1; credentials from environment")
    child.expect_exact(prompt)
    assert finish(child, prompt) == 0
    assert "canary-secret-4f2a" not in transcript.getvalue()


def test_ctrl_d_on_an_empty_line_exits_zero(shell):
    child = shell.spawn()
    assert finish(child) == 0


def test_dry_run_shows_the_plan_and_changes_nothing(shell):
    child = shell.spawn()
    group = create_web(child)
    child.sendline(":dryrun on")
    child.expect_exact(DRY_PROMPT)
    child.sendline("sg $web ingress allow tcp 25 from 10.0.0.0/8")
    child.expect_exact("+ tcp 25 from 10.0.0.0/8")
    child.expect_exact(DRY_PROMPT)
    child.sendline(":dryrun off")
    child.expect_exact(PROMPT)
    assert "0 in, 1 out" in groups_line(child, "web")
    assert group in groups_line(child, "web")
    assert finish(child) == 0


def test_variables_and_functions_persist_between_entries(shell):
    child = shell.spawn()
    child.sendline("let office = [203.0.113.0/24]")
    child.expect_exact(PROMPT)
    child.sendline("def count(xs) { return len(xs) }")
    child.expect_exact(PROMPT)
    child.sendline("print count($office + [198.51.100.7])")
    child.expect_exact("2")
    child.expect_exact(PROMPT)
    child.sendline(":vars")
    child.expect_exact("office = [203.0.113.0/24]")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_history_is_there_in_the_next_session(shell):
    first = shell.spawn()
    first.sendline('print "from-session-one"')
    first.expect_exact("from-session-one")
    first.expect_exact(PROMPT)
    assert finish(first) == 0
    assert "from-session-one" in shell.history.read_text(errors="replace")

    second = shell.spawn()
    second.sendline(":history")
    second.expect_exact('print "from-session-one"')
    second.expect_exact(PROMPT)
    second.send("\x1b[A\x1b[A")  # past :history to the previous session's line
    second.send("\r")
    second.expect_exact("from-session-one")
    second.expect_exact(PROMPT)
    assert finish(second) == 0


def test_an_empty_sgsh_history_keeps_no_file(shell):
    shell.env["SGSH_HISTORY"] = ""
    child = shell.spawn()
    child.sendline("print 1")
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    assert not shell.history.exists()
    assert not (shell.home / "data" / "sgsh" / "history").exists()


SCRIPT = """let web = sg create "web" "web servers"
sg $web ingress {
  allow tcp 443 from 0.0.0.0/0 "https"
  allow tcp 22 from 10.0.0.0/8
}
print "done"
"""


def normalized(text):
    return re.sub(r"(sg|vpc)-[0-9a-f]+", r"\1-X", text)


def test_piped_input_prints_no_prompts(shell):
    result = shell.run(["repl", "--state", str(shell.state)], stdin=SCRIPT)
    assert result.returncode == 0, result.stderr
    assert "sgsh local" not in result.stdout and CONTINUATION not in result.stdout
    assert "+ tcp 443 from 0.0.0.0/0" in result.stdout and "done" in result.stdout


def test_sgsh_with_a_script_on_stdin_behaves_like_sgsh_with_the_file(shell):
    path = shell.home / "script.sgsh"
    path.write_text(SCRIPT)
    piped = shell.run(["--state", str(shell.home / "a.sqlite")], stdin=SCRIPT)
    named = shell.run(["--state", str(shell.home / "b.sqlite"), str(path)])
    # The reports differ only in the state file they name.
    named.stdout = named.stdout.replace("b.sqlite", "a.sqlite")
    assert (piped.returncode, normalized(piped.stdout)) == (named.returncode, normalized(named.stdout))
    assert "sgsh local" not in piped.stdout
    assert piped.returncode == 0, piped.stderr


def show_groups(shell, state, names):
    """The groups' rules as `sg … show` prints them, ids normalized."""
    lines = [f'let g{i} = sg lookup "{name}"\nsg $g{i} show' for i, name in enumerate(names)]
    result = shell.run(["repl", "--state", str(state)], stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    return normalized(result.stdout)


def test_save_writes_a_script_that_reproduces_the_session(shell):
    child = shell.spawn()
    create_web(child)
    child.sendline('let db = sg create "db" "database"')
    child.expect_exact(PROMPT)
    child.sendline("sg $web ingress {")
    child.expect_exact(CONTINUATION)
    child.sendline('  allow tcp [80, 443] from 0.0.0.0/0 "web"')
    child.expect_exact(CONTINUATION)
    child.sendline("}")
    child.expect_exact(PROMPT)
    child.sendline("sg $db ingress allow tcp 5432 from $web")
    child.expect_exact(PROMPT)
    child.sendline("sg $web ingress revoke tcp 80 from 0.0.0.0/0")
    child.expect_exact(PROMPT)
    child.sendline("sg $web tag env=prod")
    child.expect_exact(PROMPT)
    child.sendline("sg $db ingreess allow tcp 1 from 10.0.0.0/8")  # an error: not saved
    child.expect_exact(PROMPT)
    child.sendline(":dryrun on")
    child.expect_exact(DRY_PROMPT)
    child.sendline("sg $web ingress allow tcp 9999 from 10.0.0.0/8")  # not applied: saved as a comment
    child.expect_exact(DRY_PROMPT)
    child.sendline(":save session.sgsh")
    child.expect_exact("saved ")
    child.expect_exact(DRY_PROMPT)
    assert finish(child, DRY_PROMPT) == 0

    saved = (shell.home / "session.sgsh").read_text()
    assert "ingreess" not in saved
    fresh = shell.home / "fresh.sqlite"
    replay = shell.run(["repl", "--state", str(fresh)], stdin=saved)
    assert replay.returncode == 0, replay.stderr
    assert show_groups(shell, fresh, ["web", "db"]) == show_groups(shell, shell.state, ["web", "db"])
    assert "tcp 9999" not in show_groups(shell, fresh, ["web"])


def test_two_sessions_on_one_history_file_both_keep_their_lines(shell):
    first = shell.spawn()
    second = shell.spawn()
    first.sendline('print "from-first"')
    first.expect_exact("from-first")
    first.expect_exact(PROMPT)
    second.sendline('print "from-second"')
    second.expect_exact("from-second")
    second.expect_exact(PROMPT)
    first.sendline('print "first-again"')
    first.expect_exact("first-again")
    first.expect_exact(PROMPT)
    assert finish(first) == 0
    assert finish(second) == 0
    saved = shell.history.read_text(errors="replace")
    for line in ("from-first", "from-second", "first-again"):
        assert line in saved, saved


def test_tab_lists_group_ids_with_their_names(shell):
    child = shell.spawn()
    web = create_web(child)
    child.sendline('let db = sg create "db" "databases"')
    child.expect(r"\+ (sg-[0-9a-f]+) create")
    db = child.match.group(1)
    child.expect_exact(PROMPT)
    # The group list is refreshed in the background after an entry; :groups waits for nothing,
    # so ask until both groups are listed by completion.
    for _ in range(20):
        child.send("sg sg-\t\t")
        index = child.expect([re.escape(f"{db} (db)"), pexpect.TIMEOUT], timeout=1)
        child.sendcontrol("u")
        child.sendline("")
        child.expect_exact(PROMPT)
        if index == 0:
            break
    else:
        raise AssertionError("Tab never listed the groups with their names")
    child.send("sg sg-\t\t")
    child.expect_exact(f"{web} (web)")
    child.sendcontrol("u")
    child.sendline("")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_a_multi_line_entry_is_one_history_item(shell):
    child = shell.spawn()
    child.sendline("for port in [8001, 8002] {")
    child.expect_exact(CONTINUATION)
    child.sendline('  print "block-" + "${port}"')
    child.expect_exact(CONTINUATION)
    child.sendline("}")
    child.expect_exact("block-8001")
    child.expect_exact("block-8002")
    child.expect_exact(PROMPT)
    child.sendline('print "single-" + "line"')
    child.expect_exact("single-line")
    child.expect_exact(PROMPT)
    # Two Ups: past the single line to the whole block, which Enter runs again as typed.
    child.send("\x1b[A\x1b[A")
    child.send("\r")
    child.expect_exact("block-8001")
    child.expect_exact("block-8002")
    child.expect_exact(PROMPT)
    child.sendline(":history")
    child.expect_exact("1  for port in [8001, 8002] {")
    child.expect_exact('     print "block-" + "${port}"')
    child.expect_exact("   }")
    child.expect_exact("2  print")
    child.expect_exact("3  for port in [8001, 8002] {")
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    # The next session recalls the block whole from the history file.
    again = shell.spawn()
    again.send("\x1b[A\x1b[A")
    again.send("\r")
    again.expect_exact("block-8001")
    again.expect_exact("block-8002")
    again.expect_exact(PROMPT)
    assert finish(again) == 0
