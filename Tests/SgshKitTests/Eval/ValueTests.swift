import SgshModel
import Testing

@testable import SgshKit

@Suite struct ValueTests {
    static let created = CreatedGroup(placeholder: 1, name: "db", description: "db", vpcId: nil)

    @Test(
        arguments: [
            (Value.string("a\"b"), "string", "\"a\\\"b\"", "a\"b"),
            (.int(-3), "int", "-3", "-3"),
            (.bool(true), "bool", "true", "true"),
            (.cidr(CIDR("2001:db8::/32")!), "cidr", "2001:db8::/32", "2001:db8::/32"),
            (.portRange(PortRange(from: 80, to: 90)!), "port range", "80-90", "80-90"),
            (.groupID("sg-0a"), "group", "sg-0a", "sg-0a"),
            (.group(.id("sg-0a"), owner: "123456789012"), "group", "123456789012/sg-0a", "123456789012/sg-0a"),
            (.group(.created(created), owner: nil), "group", "<new db>", "<new db>"),
            (.prefixList("pl-0a"), "prefix list", "pl-0a", "pl-0a"),
            (.list(["a", 1]), "list", "[\"a\", 1]", "[\"a\", 1]"),
            (.nil, "nil", "nil", "nil"),
        ] as [(Value, String, String, String)])
    func namesAndWritesEachType(value: Value, type: String, description: String, text: String) {
        #expect(value.typeName == type)
        #expect(value.description == description)
        #expect(value.text == text)
    }

    @Test(arguments: [
        (Value.bool(false), false), (.nil, false), (.int(0), false), (.string(""), false), (.list([]), false),
        (.bool(true), true), (.int(-1), true), (.string("x"), true), (.list([.nil]), true),
        (.cidr(CIDR("0.0.0.0/0")!), true), (.groupID("sg-0a"), true),
    ])
    func truthiness(value: Value, truthy: Bool) {
        #expect(value.isTruthy == truthy)
    }
}
