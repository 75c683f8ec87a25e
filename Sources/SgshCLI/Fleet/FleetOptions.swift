// The options that turn a command into a fleet run: one script over many
// (account, region) targets (docs/FLEETS.md). Without any of --regions,
// --profiles or --accounts nothing changes: the command acts on the one
// backend BackendOptions names.

import ArgumentParser
import Foundation

/// Which targets a fleet run acts on, and how many at a time.
struct FleetOptions: ParsableArguments {
    /// The options that make a command a fleet run, as spelled on the command line.
    static let fleetNames = ["--regions", "--profiles", "--accounts"]

    /// Whether `arguments` may make the command a fleet run, read before ArgumentParser parses
    /// them. A value that only looks like one of the options costs nothing but a fleet's event
    /// loop threads.
    static func mayNameFleet(_ arguments: [String]) -> Bool {
        UnparsedArguments.give(anyOf: fleetNames, in: arguments)
    }

    @Option(
        help: ArgumentHelp(
            "Run in each of these regions (comma-separated), or 'all': the account's enabled regions (EC2 DescribeRegions). Makes the command a fleet run.",
            valueName: "regions"))
    var regions: String?

    @Option(
        help: ArgumentHelp(
            "Run with each of these AWS profiles (comma-separated): one set of targets per profile. Makes the command a fleet run.",
            valueName: "profiles"))
    var profiles: String?

    @Option(
        help: ArgumentHelp(
            "Run in each of these accounts: ids (comma-separated), @FILE (one id a line, # comments), or 'organization' (every ACTIVE account Organizations ListAccounts returns). Needs --role-name.",
            valueName: "accounts"))
    var accounts: String?

    @Option(
        name: .customLong("exclude-accounts"),
        help: ArgumentHelp("Skip these account ids (comma-separated, or @FILE).", valueName: "accounts"))
    var excludeAccounts: String?

    @Option(
        name: .customLong("role-name"),
        help: ArgumentHelp(
            "The role assumed in each account of --accounts (arn:aws:iam::ACCOUNT:role/NAME); there is no default.",
            valueName: "name"))
    var roleName: String?

    // Optional, with the default applied below, for the reason OutputOptions.format is.
    @Option(
        name: .customLong("concurrency"),
        help: ArgumentHelp("How many targets run at the same time (default: 16).", valueName: "n"))
    var concurrencyOption: Int?

    /// How many targets run at once: --concurrency, else 16.
    var concurrency: Int { concurrencyOption ?? 16 }

    @Flag(name: .customLong("fail-fast"), help: "Start no new target after the first one fails.")
    var failFast = false

    /// True when the command runs over a fleet.
    var isFleet: Bool { regions != nil || profiles != nil || accounts != nil }

    /// The fleet options given, as spelled on the command line.
    var given: [String] {
        zip(
            Self.fleetNames + ["--exclude-accounts", "--role-name"],
            [regions, profiles, accounts, excludeAccounts, roleName]
        ).compactMap { $0.1 == nil ? nil : $0.0 } + (failFast ? ["--fail-fast"] : [])
    }

    func validate() throws {
        guard concurrency >= 1 else {
            throw ValidationError("--concurrency is how many targets run at once, so it must be at least 1")
        }
        if accounts != nil, roleName?.isEmpty ?? true {
            throw ValidationError(
                "--accounts needs --role-name: the role sgsh assumes in each account (arn:aws:iam::ACCOUNT:role/NAME)")
        }
        if accounts == nil,
            let option = [("--role-name", roleName), ("--exclude-accounts", excludeAccounts)]
                .first(where: { $0.1 != nil })?.0
        {
            throw ValidationError("\(option) is for --accounts; add --accounts, or drop \(option)")
        }
        if !isFleet, failFast {
            throw ValidationError("--fail-fast is for fleet runs (--regions, --profiles or --accounts)")
        }
        for (option, text) in [("--regions", regions), ("--profiles", profiles)] {
            if let text, Self.list(text).isEmpty { throw ValidationError("\(option) names nothing") }
        }
        if let accounts, accounts != Self.organization, !accounts.hasPrefix("@") {
            try Self.checkAccountIds(Self.list(accounts), option: "--accounts")
            if Self.list(accounts).isEmpty { throw ValidationError("--accounts names no account") }
        }
        if let excludeAccounts, !excludeAccounts.hasPrefix("@") {
            try Self.checkAccountIds(Self.list(excludeAccounts), option: "--exclude-accounts")
        }
    }

    /// `--accounts organization`.
    static let organization = "organization"
    /// `--regions all`.
    static let allRegions = "all"

    /// The regions given (nil: all enabled regions, or none given).
    var regionList: [String]? {
        guard let regions, regions != Self.allRegions else { return nil }
        return Self.list(regions)
    }

    /// The profiles given, in order, without repeats.
    var profileList: [String]? { profiles.map { Self.unique(Self.list($0)) } }

    /// Items separated by commas or white space.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }

    /// Account ids from a list or an @FILE (one or more per line; `#` starts a comment).
    static func accountIds(_ text: String, option: String) throws -> [String] {
        guard text.hasPrefix("@") else { return unique(list(text)) }
        let path = String(text.dropFirst())
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(usage: "\(option): cannot read the file '\(path)'")
        }
        let ids = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).flatMap { line in
            list(String(line.prefix { $0 != "#" }))
        }
        do {
            try checkAccountIds(ids, option: "\(option) \(text)")
        } catch let error as ValidationError {
            throw CLIError(usage: error.message)
        }
        return unique(ids)
    }

    static func checkAccountIds(_ ids: [String], option: String) throws {
        if let bad = ids.first(where: { $0.count != 12 || !$0.allSatisfy(\.isASCII) || !$0.allSatisfy(\.isNumber) }) {
            throw ValidationError("\(option): '\(bad)' is not an AWS account id (12 digits)")
        }
    }
}
