import SgshModel
import Testing

@Suite struct RuleDescriptionTests {
    @Test(arguments: [
        "", "https", "public https", "db from 10.0.0.0/8", "a._-:/()#,@[]+=&;{}!$*z", "ALL CAPS 123",
        String(repeating: "x", count: 255),
    ])
    func acceptsWhatEC2Allows(text: String) {
        #expect(RuleDescription.problem(in: text) == nil)
    }

    @Test(arguments: [
        (String(repeating: "x", count: 256), "description is 256 characters; EC2 allows at most 255"),
        ("café", "description contains 'é', which EC2 does not allow"),
        ("日本", "description contains '日', which EC2 does not allow"),
        ("it's", "description contains an apostrophe ('), which EC2 does not allow"),
        ("a\"b", "description contains '\"', which EC2 does not allow"),
        ("a<b>", "description contains '<', which EC2 does not allow"),
        ("tab\there", "description contains '\\u{9}', which EC2 does not allow"),
        ("new\nline", "description contains '\\u{a}', which EC2 does not allow"),
        ("back\\slash", "description contains '\\', which EC2 does not allow"),
        ("a%b", "description contains '%', which EC2 does not allow"),
    ])
    func explainsWhatEC2Rejects(text: String, problem: String) {
        #expect(RuleDescription.problem(in: text) == problem)
    }

    @Test func lengthCountsUnicodeScalars() {
        // 255 scalars is the limit; a disallowed character inside is reported as a character problem.
        #expect(RuleDescription.problem(in: String(repeating: "é", count: 200))?.contains("'é'") == true)
        #expect(
            RuleDescription.problem(in: String(repeating: "é", count: 256))?.hasPrefix("description is 256") == true)
    }

    @Test(arguments: [("abc", nil), ("ab é", 3), ("日x", 0), ("ok<", 2)] as [(String, Int?)])
    func findsTheFirstInvalidOffset(text: String, offset: Int?) {
        #expect(RuleDescription.firstInvalidOffset(in: text) == offset)
    }
}
