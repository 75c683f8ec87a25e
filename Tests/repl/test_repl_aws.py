# The REPL on the aws backend through a real pseudo-terminal, against
# moto_server on loopback (MOTO_ENDPOINT or SGSH_MOTO_ENDPOINT when the test
# script started one, else a moto_server of its own): the prompt names the
# account STS reports and the region, so an operator always sees where an
# entry goes, and the secret never appears.
import io
import os
import socket
import subprocess
import time
import urllib.request
import uuid

import pexpect
import pytest

from conftest import BINARY, finish

MOTO_ACCOUNT = "123456789012"


@pytest.fixture(scope="module")
def moto_endpoint():
    given = os.environ.get("SGSH_MOTO_ENDPOINT") or os.environ.get("MOTO_ENDPOINT")
    if given:
        yield given.rstrip("/")
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["moto_server", "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/")
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise RuntimeError("moto_server did not start")
        yield endpoint
    finally:
        server.kill()
        server.wait()


def spawn_on_moto(shell, endpoint, *args):
    shell.env.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="AKIDREPLAWS",
        AWS_SECRET_ACCESS_KEY="repl-canary-secret-9d1e",
        AWS_REGION="eu-west-1",
        AWS_EC2_METADATA_DISABLED="true",
    )
    child = pexpect.spawn(
        BINARY, ["repl", "--backend", "aws", *args], env=shell.env, cwd=str(shell.home), encoding="utf-8", timeout=30
    )
    transcript = io.StringIO()
    child.logfile_read = transcript
    return child, transcript


def test_the_prompt_shows_the_account_and_the_region(shell, moto_endpoint):
    child, transcript = spawn_on_moto(shell, moto_endpoint)
    prompt = f"sgsh aws:{MOTO_ACCOUNT}:eu-west-1 at {moto_endpoint}/> "
    child.expect_exact(prompt)
    name = f"repl-aws-{uuid.uuid4().hex[:8]}"
    child.sendline(f'let g = sg create "{name}" "from the repl"')
    child.expect(r"\+ sg-[0-9a-f]+ create")
    child.expect_exact(prompt)
    child.sendline(":backend")
    child.expect_exact(f"region eu-west-1, account {MOTO_ACCOUNT} as arn:aws:")
    child.expect_exact("credentials from environment")
    child.expect_exact(prompt)
    assert finish(child, prompt) == 0
    assert "repl-canary-secret-9d1e" not in transcript.getvalue()


def test_the_dry_run_prompt_keeps_the_account(shell, moto_endpoint):
    child, _ = spawn_on_moto(shell, moto_endpoint, "--dry-run")
    prompt = f"sgsh aws:{MOTO_ACCOUNT}:eu-west-1 at {moto_endpoint}/ [dry]> "
    child.expect_exact(prompt)
    assert finish(child, prompt) == 0


def test_a_wrong_expected_account_refuses_to_open_the_shell(shell, moto_endpoint):
    child, transcript = spawn_on_moto(shell, moto_endpoint, "--expect-account", "999999999999")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert f"act on account {MOTO_ACCOUNT}, not the expected 999999999999" in transcript.getvalue()
    assert "sgsh aws:" not in transcript.getvalue()
