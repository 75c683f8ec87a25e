"""The TextMate grammar (editors/textmate/sgsh.tmLanguage.json) applied to the
examples: the scopes at known positions, every regex compiling, and every
line of the examples and the stdlib scanned to its end without a stray
string or interpolation running on."""
import os
import re

import pytest

from cases import CASES, column
from textmate import Grammar

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GRAMMAR = Grammar(os.path.join(ROOT, "editors/textmate/sgsh.tmLanguage.json"))


def read(relative):
    with open(os.path.join(ROOT, relative), encoding="utf-8") as f:
        return f.read()


@pytest.mark.parametrize("name,line,text,occurrence,scope,_vim", CASES)
def test_scope_at_known_position(name, line, text, occurrence, scope, _vim):
    source = read(f"examples/{name}")
    tokens = GRAMMAR.tokenize(source)
    start = column(source.split("\n")[line - 1], text, occurrence)
    for col in range(start, start + len(text)):
        scopes = GRAMMAR.scopes_at(tokens, line, col)
        if scope:
            # The scope itself or one it contains (a string's quote is also punctuation).
            assert any(s.startswith(scope) for s in scopes[-2:]), f"{name}:{line}:{col + 1} {text!r}: {scopes}"
        else:
            assert scopes == [], f"{name}:{line}:{col + 1} {text!r} should be a plain name: {scopes}"


def test_every_regex_compiles():
    def walk(node):
        if isinstance(node, dict):
            for key in ("match", "begin", "end", "firstLineMatch"):
                if key in node:
                    re.compile(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(GRAMMAR.data)


def test_first_line_match_finds_the_shebang():
    assert re.search(GRAMMAR.data["firstLineMatch"], "#!/usr/bin/env sgsh")
    assert not re.search(GRAMMAR.data["firstLineMatch"], "#!/bin/sh")


def sources():
    files = [f"examples/{n}" for n in sorted(os.listdir(os.path.join(ROOT, "examples"))) if n.endswith(".sgsh")]
    stdlib = os.path.join(ROOT, "stdlib")
    files += [f"stdlib/{n}" for n in sorted(os.listdir(stdlib)) if n.endswith(".sgsh")]
    return files


@pytest.mark.parametrize("relative", sources())
def test_no_string_runs_past_its_line_and_every_address_is_one_token(relative):
    source = read(relative)
    tokens = GRAMMAR.tokenize(source)
    for number, text in enumerate(source.split("\n"), start=1):
        code = text.split("#")[0] if '"' not in text and "'" not in text else text
        # Every CIDR-looking word outside strings and comments is one address token.
        for m in re.finditer(r"(?<![\w.:\"])(\d{1,3}(?:\.\d{1,3}){3}(?:/\d+)?)(?![\w.])", code):
            scopes = GRAMMAR.scopes_at(tokens, number, m.start())
            if any(s.startswith("string") or s.startswith("comment") for s in scopes):
                continue
            assert scopes and scopes[-1].startswith("constant.numeric.address"), f"{relative}:{number}: {scopes}"
        # A string closes on its own line: the next line starts outside any string.
        if number < len(source.split("\n")):
            assert not any(s.startswith("string") for s in GRAMMAR.scopes_at(tokens, number + 1, 0)) or \
                source.split("\n")[number].startswith(('"', "'"))
