"""A small TextMate grammar engine, enough for sgsh's grammar: `match` rules
with captures, `begin`/`end` rules with nested patterns, `include` of
repository rules. Each line is scanned as editors do: at every position the
rule whose match starts first wins, ties going to the rule listed first, and
inside a begin/end rule its `end` wins ties. Python's `re` reads the
grammar's regexes (they use no Oniguruma-only syntax; the test would fail to
compile them otherwise).
"""
import json
import re


class Grammar:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.data = json.load(f)
        self.repository = self.data.get("repository", {})
        self.compiled = {}

    def regex(self, pattern):
        if pattern not in self.compiled:
            self.compiled[pattern] = re.compile(pattern)
        return self.compiled[pattern]

    def expand(self, patterns):
        """The rules of a pattern list, with includes resolved."""
        out = []
        for rule in patterns:
            if "include" in rule:
                name = rule["include"]
                target = self.data if name == "$self" else self.repository[name.lstrip("#")]
                out.extend(self.expand([target]) if "patterns" not in target or "match" in target
                           or "begin" in target else self.expand(target["patterns"]))
            elif "match" in rule or "begin" in rule:
                out.append(rule)
            else:
                out.extend(self.expand(rule.get("patterns", [])))
        return out

    def tokenize(self, text):
        """Yields (line, start, end, scopes) for every scoped run of every line; lines from 1."""
        tokens = []
        stack = []  # (rule, end regex, scope names, (line, column) where it began)
        for number, line in enumerate(text.split("\n"), start=1):
            pos = 0
            while pos <= len(line):
                patterns = self.expand(stack[-1][0].get("patterns", [])) if stack else self.expand(
                    self.data["patterns"])
                outer = stack[-1][2] if stack else []
                best = None
                if stack:
                    m = stack[-1][1].search(line, pos)
                    if m:
                        best = (m.start(), -1, None, m)
                for index, rule in enumerate(patterns):
                    m = self.regex(rule.get("match") or rule["begin"]).search(line, pos)
                    if m and (best is None or m.start() < best[0]):
                        best = (m.start(), index, rule, m)
                if best is None:
                    break
                start, _, rule, m = best
                if rule is None:  # the end of the current begin/end rule: its whole span has its scopes
                    frame = stack.pop()
                    span_start = frame[3] if frame[3][0] == number else (number, 0)
                    tokens.append((number, span_start[1], m.end(), outer))
                    self.emit(tokens, number, m, outer, frame[0].get("endCaptures", {}))
                    pos = m.end() if m.end() > pos else pos + 1
                    if m.end() == len(line) and m.start() == m.end():
                        break
                    continue
                scopes = outer + ([rule["name"]] if "name" in rule else [])
                if "match" in rule:
                    self.emit(tokens, number, m, scopes, rule.get("captures", {}))
                    pos = m.end() if m.end() > pos else pos + 1
                else:
                    self.emit(tokens, number, m, scopes, rule.get("beginCaptures", {}))
                    stack.append((rule, self.regex(rule["end"]), scopes, (number, m.start())))
                    pos = m.end()
            # Rules still open run on to the next line: this line is theirs from where they began.
            for frame in stack:
                start = frame[3][1] if frame[3][0] == number else 0
                tokens.append((number, start, len(line), frame[2]))
        return tokens

    @staticmethod
    def emit(tokens, number, m, scopes, captures):
        if m.end() > m.start():
            tokens.append((number, m.start(), m.end(), scopes))
        for group, capture in captures.items():
            g = int(group)
            if m.group(g) is not None and m.end(g) > m.start(g):
                tokens.append((number, m.start(g), m.end(g), scopes + [capture["name"]]))

    def scopes_at(self, tokens, line, column):
        """The scopes of the innermost token covering a 0-based column of a line."""
        best = []
        for (n, start, end, scopes) in tokens:
            if n == line and start <= column < end and len(scopes) >= len(best):
                best = scopes
        return best
