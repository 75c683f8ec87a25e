// How a group that the plan creates appears as a rule's peer.
//
// Rules carry a `Peer` whose group reference is a plain id string, but a
// created group has no id until the plan is applied. The evaluator writes a
// placeholder id that cannot collide with a real one (`sg-` ids are hex);
// the executor substitutes the real id, finding it with `placeholder(in:)`.

import SgshModel

extension CreatedGroup {
    /// The group id a rule uses to refer to this group before it exists: `<new 1 db>`.
    public var placeholderID: String { "<new \(placeholder) \(name)>" }

    /// The placeholder number in a `placeholderID`, or nil for a real group id.
    public static func placeholder(in groupId: String) -> Int? {
        guard groupId.hasPrefix("<new "), groupId.hasSuffix(">") else { return nil }
        let number = groupId.dropFirst(5).prefix { $0.isNumber }
        return Int(number)
    }
}
