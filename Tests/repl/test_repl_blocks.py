# Blocks typed or pasted at the prompt (issue 17, safety bug 1): an error on
# one line of a block rejects the whole entry, its other lines never run on
# their own, and `else {` on the line after `}` continues the same `if`.
# Each test checks the state file afterwards, as a user would find it.
from conftest import CONTINUATION, PROMPT, finish


def web_rules(shell):
    """The web group's rules in the state file, as `sg … show` prints them."""
    result = shell.run(
        ["repl", "--state", str(shell.state)], stdin='let web = sg lookup "web"\nsg $web show\n')
    assert result.returncode == 0, result.stderr
    return result.stdout


def paste(child, lines):
    """Sends the lines at once, as a terminal delivers a paste."""
    child.send("\r".join(lines) + "\r")


def test_an_error_inside_a_pasted_block_applies_none_of_it(shell):
    child = shell.spawn()
    child.sendline('let web = sg create "web" "web servers"')
    child.expect_exact(PROMPT)
    paste(child, [
        "let prod = false",
        "if prod {",
        "  sg $web ingress allow tcpp 22 from 10.0.0.0/8",
        '  sg $web ingress allow tcp 9999 from 0.0.0.0/0 "only in prod"',
        "}",
        'print "after" + " the block"',
    ])
    child.expect_exact("unknown protocol 'tcpp'")
    # The line after the block is an entry of its own and still runs.
    child.expect_exact("after the block")
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    rules = web_rules(shell)
    # "tcp 9999", not "9999": the group's random VPC id can hold those digits.
    assert "tcp 9999" not in rules, rules
    assert "tcp 22" not in rules, rules


def test_an_error_on_a_typed_block_line_keeps_collecting_until_the_brace_closes(shell):
    child = shell.spawn()
    child.sendline('let web = sg create "web" "web servers"')
    child.expect_exact(PROMPT)
    child.sendline("sg $web ingress {")
    child.expect_exact(CONTINUATION)
    child.sendline("  allow tcpp 22 from 10.0.0.0/8")
    # No error yet: the entry is not finished.
    child.expect_exact(CONTINUATION)
    child.sendline('  allow tcp 9999 from 0.0.0.0/0 "typed after the typo"')
    child.expect_exact(CONTINUATION)
    child.sendline("}")
    child.expect_exact("unknown protocol 'tcpp'")
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    assert "tcp 9999" not in web_rules(shell)


def test_a_mismatched_bracket_does_not_end_the_block(shell):
    child = shell.spawn()
    child.sendline('let web = sg create "web" "web servers"')
    child.expect_exact(PROMPT)
    paste(child, [
        "if true {",
        "  sg $web ingress allow tcp [22) from 10.0.0.0/8",
        "  sg $web ingress allow tcp 9999 from 0.0.0.0/0",
        "}",
        'print "done" + "!"',
    ])
    child.expect_exact("error")
    child.expect_exact("done!")
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    assert "tcp 9999" not in web_rules(shell)


def test_else_on_the_line_after_the_brace_continues_the_if(shell):
    child = shell.spawn()
    child.sendline('let web = sg create "web" "web servers"')
    child.expect_exact(PROMPT)
    paste(child, [
        "let prod = true",
        "if prod {",
        '  sg $web ingress allow tcp 443 from 0.0.0.0/0 "prod"',
        "}",
        "else {",
        '  sg $web ingress allow tcp 8080 from 0.0.0.0/0 "not prod"',
        "}",
    ])
    child.expect_exact('+ tcp 443 from 0.0.0.0/0 "prod"')
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    rules = web_rules(shell)
    assert "443" in rules and "8080" not in rules, rules


def test_an_error_in_the_else_block_rejects_the_whole_if(shell):
    child = shell.spawn()
    child.sendline('let web = sg create "web" "web servers"')
    child.expect_exact(PROMPT)
    paste(child, [
        "if true {",
        '  sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"',
        "}",
        "elif false {",
        "  sg $web ingress allow tcp 80 from 0.0.0.0/0",
        "}",
        "else {",
        "  sg $web ingress allow tcpp 8080 from 0.0.0.0/0",
        "}",
        'print "next" + " entry"',
    ])
    child.expect_exact("unknown protocol 'tcpp'")
    child.expect_exact("next entry")
    child.expect_exact(PROMPT)
    assert finish(child) == 0
    rules = web_rules(shell)
    assert "tcp 443" not in rules and "tcp 8080" not in rules, rules


def test_an_empty_line_runs_an_if_that_might_take_an_else(shell):
    child = shell.spawn()
    child.sendline('if true { print "ran" + " it" }')
    # The next line could be `else {`: the shell asks for it.
    child.expect_exact(CONTINUATION)
    child.sendline("")
    child.expect_exact("ran it")
    child.expect_exact(PROMPT)
    assert finish(child) == 0


def test_piped_input_takes_else_on_the_next_line(shell):
    script = 'if false {\n  print "wrong"\n}\nelse {\n  print "right"\n}\nprint "end"\n'
    result = shell.run(["repl", "--state", str(shell.state)], stdin=script)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "right\nend\n"
