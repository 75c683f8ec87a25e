"""Known positions in the examples and what each editor must call them: the
TextMate scope (innermost, by prefix) and the Vim syntax group. Shared by
test_textmate.py and test_vim.py so both editors are held to the same table.
"""
# (file in examples/, line, text on that line, occurrence, TextMate scope, Vim group)
CASES = [
    ("three-tier.sgsh", 1, "#!/usr/bin/env sgsh", 1, "comment.line.number-sign.sgsh", "sgshComment"),
    ("three-tier.sgsh", 2, "# A three-tier", 1, "comment.line.number-sign.sgsh", "sgshComment"),
    ("three-tier.sgsh", 8, "let", 1, "keyword.other.sgsh", "sgshStatement"),
    ("three-tier.sgsh", 8, "sg", 1, "keyword.other.sgsh", "sgshStatement"),
    ("three-tier.sgsh", 8, "create", 1, "keyword.other.sg.sgsh", "sgshSgWord"),
    ("three-tier.sgsh", 8, '"three-tier-lb"', 1, "string.quoted.double.sgsh", "sgshString"),
    ("three-tier.sgsh", 12, "8080", 1, "constant.numeric.sgsh", "sgshNumber"),
    ("three-tier.sgsh", 14, "$lb", 1, "variable.other.sgsh", "sgshVariable"),
    ("three-tier.sgsh", 14, "ingress", 1, "keyword.other.sg.sgsh", "sgshSgWord"),
    ("three-tier.sgsh", 14, "exactly", 1, "keyword.other.sg.sgsh", "sgshSgWord"),
    ("three-tier.sgsh", 15, "allow", 1, "keyword.other.sg.sgsh", "sgshSgWord"),
    ("three-tier.sgsh", 15, "tcp", 1, "support.type.protocol.sgsh", "sgshProtocol"),
    ("three-tier.sgsh", 15, "443", 1, "constant.numeric.sgsh", "sgshNumber"),
    ("three-tier.sgsh", 15, "0.0.0.0/0", 1, "constant.numeric.address.ipv4.sgsh", "sgshAddress"),
    ("three-tier.sgsh", 15, "::/0", 1, "constant.numeric.address.ipv6.sgsh", "sgshAddress"),
    ("three-tier.sgsh", 16, "icmp", 1, "support.type.protocol.sgsh", "sgshProtocol"),
    ("three-tier.sgsh", 20, "$app_port", 1, "variable.other.sgsh", "sgshVariable"),
    ("three-tier.sgsh", 27, "tag", 1, "keyword.other.sg.sgsh", "sgshSgWord"),
    ("bastion.sgsh", 6, "203.0.113.0/24", 1, "constant.numeric.address.ipv4.sgsh", "sgshAddress"),
    ("bastion.sgsh", 6, "# head office", 1, "comment.line.number-sign.sgsh", "sgshComment"),
    ("bastion.sgsh", 7, "198.51.100.7", 1, "constant.numeric.address.ipv4.sgsh", "sgshAddress"),
    ("bastion.sgsh", 8, "2001:db8:1234::/48", 1, "constant.numeric.address.ipv6.sgsh", "sgshAddress"),
    ("bastion.sgsh", 14, "def", 1, "keyword.other.def.sgsh", "sgshStatement"),
    ("bastion.sgsh", 14, "ssh_from", 1, "entity.name.function.sgsh", "sgshFunctionName"),
    ("bastion.sgsh", 15, "for", 1, "keyword.control.sgsh", "sgshRepeat"),
    ("bastion.sgsh", 15, "in", 1, "keyword.control.sgsh", "sgshRepeat"),
    ("bastion.sgsh", 16, "${", 1, "punctuation.section.interpolation.begin.sgsh", "sgshInterpolationDelimiter"),
    ("bastion.sgsh", 16, "why", 1, "meta.interpolation.sgsh", "sgshInterpolation"),
    ("bastion.sgsh", 16, '"ssh ', 1, "string.quoted.double.sgsh", "sgshString"),
    ("bastion.sgsh", 22, "echo-request", 1, "", ""),
    ("bastion.sgsh", 24, "print", 1, "keyword.other.sgsh", "sgshStatement"),
    ("bastion.sgsh", 24, "len", 1, "support.function.builtin.sgsh", "sgshBuiltin"),
    ("egress-lockdown.sgsh", 9, "egress", 1, "keyword.other.sg.sgsh", "sgshSgWord"),
    ("egress-lockdown.sgsh", 10, "to", 1, "keyword.other.sg.sgsh", "sgshSgWord"),
    ("egress-lockdown.sgsh", 11, "udp", 1, "support.type.protocol.sgsh", "sgshProtocol"),
    ("egress-lockdown.sgsh", 13, "169.254.169.123", 1, "constant.numeric.address.ipv4.sgsh", "sgshAddress"),
    ("egress-lockdown.sgsh", 14, "5432", 1, "constant.numeric.sgsh", "sgshNumber"),
]


def column(text_line, text, occurrence):
    """The 0-based column of the occurrence-th `text` on the line."""
    index = -1
    for _ in range(occurrence):
        index = text_line.index(text, index + 1)
    return index
