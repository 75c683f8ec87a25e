"""The Vim syntax and ftdetect files (editors/vim) on the examples, through
`vim -es`: the filetype detected from the name and from the shebang, and
synIDattr(synID(...), 'name') at the known positions of cases.py."""
import os
import subprocess
import tempfile

from cases import CASES, column

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VIM_DIR = os.path.join(ROOT, "editors/vim")

def vim(path, expressions):
    """Opens `path` in Vim with only editors/vim on the runtime path; returns each expression's value."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        commands = [f"call writefile([{', '.join(expressions)}], '{out}')", "qa!"]
        args = ["vim", "-N", "-es", "-u", "NONE", "-i", "NONE", "--cmd", f"set rtp^={VIM_DIR}",
                "--cmd", "filetype plugin on", "--cmd", "syntax on", path]
        for command in commands:
            args += ["-c", command]
        subprocess.run(args, check=False, timeout=60, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with open(out, encoding="utf-8") as f:
            return f.read().split("\n")[: len(expressions)]


def test_filetype_from_the_name_and_from_the_shebang(tmp_path):
    assert vim(os.path.join(ROOT, "examples/three-tier.sgsh"), ["&filetype"]) == ["sgsh"]
    script = tmp_path / "deploy"
    script.write_text('#!/usr/bin/env sgsh\nsg sg-0abc ingress allow tcp 22 from 10.0.0.0/8\n')
    assert vim(str(script), ["&filetype", "&commentstring"]) == ["sgsh", "# %s"]


def test_groups_at_known_positions():
    by_file = {}
    for case in CASES:
        by_file.setdefault(case[0], []).append(case)
    for name, cases in by_file.items():
        path = os.path.join(ROOT, "examples", name)
        lines = open(path, encoding="utf-8").read().split("\n")
        expressions, expected = [], []
        for (_, line, text, occurrence, _scope, group) in cases:
            start = column(lines[line - 1], text, occurrence)
            for col in (start + 1, start + len(text)):  # Vim columns are 1-based bytes; ASCII here
                expressions.append(f"synIDattr(synID({line}, {col}, 1), 'name')")
                expected.append((f"{name}:{line}:{col} {text!r}", group))
        actual = vim(path, expressions)
        assert [(where, got) for (where, _), got in zip(expected, actual)] == expected
