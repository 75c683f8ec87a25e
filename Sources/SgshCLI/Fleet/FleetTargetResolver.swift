// Turns the fleet options into the list of targets: per profile (or the one
// the backend options name), the accounts (a list, a file, or every ACTIVE
// account Organizations lists, minus the excluded ones) and the regions (a
// list, or each account's enabled regions from DescribeRegions). Nothing
// here changes anything; the only calls are ListAccounts, AssumeRole and
// DescribeRegions.

import Foundation
import SgshEC2
import SgshModel

struct FleetTargetResolver {
    let fleet: FleetOptions
    let backendOptions: BackendOptions
    let environment: [String: String]

    /// Every target, in order: profile, then account, then region.
    func targets() async throws -> [FleetTarget] {
        var targets: [FleetTarget] = []
        let excluded = try fleet.excludeAccounts.map { try FleetOptions.accountIds($0, option: "--exclude-accounts") }
        for profile in fleet.profileList ?? [backendOptions.aws.profile].compactMap({ $0 }).nilIfEmpty ?? [nil] {
            var options = backendOptions
            options.aws.profile = profile
            let base = try options.aws.configuration(environment: environment)
            guard let accountsOption = fleet.accounts, let roleName = fleet.roleName else {
                let regions = try await regions(with: base, label: "profile \(profile ?? "default")")
                targets += regions.map {
                    FleetTarget(
                        account: nil, region: $0, profile: profile,
                        configuration: base.target(region: $0, credentials: base.credentials))
                }
                continue
            }
            let accounts = try await accountIds(accountsOption, base: base).filter { !(excluded ?? []).contains($0) }
            let perAccount = try await BoundedConcurrency.map(accounts, limit: fleet.concurrency) { account in
                let credentials = RefreshingCredentials(
                    AccountRoleCredentialProvider(
                        account: account, roleName: roleName, base: base.credentials, configuration: base),
                    now: base.context.now, logger: base.context.logger)
                let home = base.target(region: base.region, credentials: credentials)
                let regions: [String]
                do {
                    regions = try await self.regions(with: home, label: "account \(account)")
                } catch {
                    // One account whose regions cannot be listed (its role cannot be assumed)
                    // is one failed target; the other accounts go on.
                    return [
                        FleetTarget(
                            account: account, region: FleetOptions.allRegions, profile: profile, configuration: home,
                            unresolved: "\(error)")
                    ]
                }
                return regions.map {
                    FleetTarget(
                        account: account, region: $0, profile: profile,
                        configuration: base.target(region: $0, credentials: credentials))
                }
            }
            targets += perAccount.flatMap { $0 }
        }
        guard !targets.isEmpty else { throw CLIError("the fleet has no targets (every account was excluded)") }
        return targets
    }

    /// --regions as given, `all` as DescribeRegions answers for these credentials, or the one region.
    private func regions(with configuration: EC2Configuration, label: String) async throws -> [String] {
        if let list = fleet.regionList { return FleetOptions.unique(list) }
        guard fleet.regions == FleetOptions.allRegions else { return [configuration.region] }
        do {
            return try await EC2Backend.withBackend(configuration: configuration, logger: backendOptions.aws.logger) {
                try await $0.enabledRegions()
            }
        } catch {
            throw CLIError("--regions all: DescribeRegions for \(label) failed: \(error)")
        }
    }

    /// The account ids of --accounts.
    private func accountIds(_ option: String, base: EC2Configuration) async throws -> [String] {
        guard option == FleetOptions.organization else {
            return try FleetOptions.accountIds(option, option: "--accounts")
        }
        let transport = AsyncHTTPTransport()
        do {
            let accounts = try await OrganizationsClient(configuration: base, transport: transport).listAccounts()
            try? await transport.shutdown()
            return accounts.filter(\.isActive).map(\.id)
        } catch {
            try? await transport.shutdown()
            throw CLIError("--accounts organization: Organizations ListAccounts failed: \(BackendError.from(error))")
        }
    }
}

extension Array {
    fileprivate var nilIfEmpty: Self? { isEmpty ? nil : self }
}
