// The methods of SecurityGroupBackend, as values, for the decorators that count
// and fail calls.

import SgshModel

/// One method of `SecurityGroupBackend`.
public enum BackendMethod: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case createSecurityGroup, deleteSecurityGroup, describeSecurityGroups
    case authorize, revoke, revokeByRuleIds, describeSecurityGroupRules
    case updateRuleDescriptions, modifySecurityGroupRules, createTags, deleteTags
    case describeManagedPrefixLists, describeNetworkInterfaces, modifyNetworkInterfaceGroups

    /// True for calls that change state (everything but the describes).
    public var isMutating: Bool {
        ![
            .describeSecurityGroups, .describeSecurityGroupRules, .describeManagedPrefixLists,
            .describeNetworkInterfaces,
        ]
        .contains(self)
    }

    public var description: String { rawValue }
}
