// One target of a fleet run: an (account, region) and the configuration that
// reaches it. Targets of one account share its credentials (one AssumeRole),
// and each target opens its own backend, so its connection pool and retry
// state are its own: EC2 throttles per account and region.

import SgshEC2

/// Where one part of a fleet run acts.
struct FleetTarget: Sendable {
    /// The account, when known before the run (--accounts); else STS names it.
    var account: String?
    /// The region.
    var region: String
    /// The profile the target came from (--profiles).
    var profile: String?
    /// The configuration of this region with this account's credentials.
    var configuration: EC2Configuration
    /// Why the target's regions could not be found (`--regions all`): it fails without a call.
    var unresolved: String? = nil

    /// `account 111111111111 / eu-west-1`, or with the profile when the account is unknown.
    func heading(account known: String?) -> String {
        let who = (known ?? account).map { "account \($0)" } ?? "profile \(profile ?? "default")"
        return "\(who) / \(region)"
    }
}
