// DescribeRegions, for a fleet run's `--regions all`: without AllRegions EC2
// answers only the regions enabled for the account (opt-in regions that were
// not opted into are left out), which is where security groups can exist.

import SgshModel

extension EC2QueryRequest {
    /// DescribeRegions (the account's enabled regions).
    public static func describeRegions() -> EC2QueryRequest { EC2QueryRequest(action: "DescribeRegions") }
}

extension EC2Response {
    /// The region names of a DescribeRegions answer, in the order given.
    public func regionNames() -> [String] {
        root.items("regionInfo").compactMap { $0.string("regionName")?.trimmed }.filter { !$0.isEmpty }
    }
}

extension EC2Backend {
    /// The regions enabled for the account, sorted by name.
    public func enabledRegions() async throws(BackendError) -> [String] {
        try await send(.describeRegions()).regionNames().sorted()
    }
}
