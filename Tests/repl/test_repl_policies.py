# Policies in the REPL: a policy typed in one entry judges every later entry;
# an entry that would break it is refused with both positions and sends
# nothing, and the session goes on.
from conftest import PROMPT, finish
from test_repl import create_web, groups_line


def test_a_policy_typed_earlier_refuses_a_later_entry_and_nothing_is_sent(shell):
    child = shell.spawn()
    create_web(child)
    child.sendline('policy deny ingress tcp 22, 3389 from 0.0.0.0/0, ::/0 "no world ssh or rdp"')
    child.expect_exact(PROMPT)
    child.sendline('sg $web ingress allow tcp 0-65535 from ::/0 "everything"')
    child.expect_exact("breaks policy \"no world ssh or rdp\"")
    child.expect_exact('note: the policy "no world ssh or rdp" is declared here')
    child.expect_exact(PROMPT)
    assert "0 in, 1 out" in groups_line(child, "web")
    # The session goes on, and a rule the policy allows applies.
    child.sendline('sg $web ingress allow tcp 443 from ::/0 "https"')
    child.expect_exact('+ tcp 443 from ::/0 "https"')
    child.expect_exact(PROMPT)
    assert "1 in, 1 out" in groups_line(child, "web")
    status = finish(child)
    assert status == 0, status  # Ctrl-D ends the session normally, as after any refused entry
