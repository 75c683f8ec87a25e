// Building a wire permission for one rule with a description kept exactly as
// the service stored it, which the Rule model would not let through its checks.

import SgshModel

extension IPPermission {
    /// One permission for one rule, carrying `description` exactly as given (unchecked, as the
    /// service stored it), for restoring descriptions on rollback.
    init(rule: Rule, description: String?) {
        self = IPPermission.grouping([rule])[0]
        if !ipRanges.isEmpty { ipRanges[0].description = description }
        if !ipv6Ranges.isEmpty { ipv6Ranges[0].description = description }
        if !prefixListIds.isEmpty { prefixListIds[0].description = description }
        if !userIdGroupPairs.isEmpty { userIdGroupPairs[0].description = description }
    }
}
