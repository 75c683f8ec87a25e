import ArgumentParser
import SgshModel

/// `sgsh prefix-lists`: the managed prefix lists rules can name, and making one.
///
/// The local backend refuses a rule that names a list it does not hold, as EC2
/// does, so a script that uses `pl-…` needs the list made there first.
struct PrefixListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prefix-lists",
        abstract: "List managed prefix lists, or create one.",
        discussion: """
            A rule that names a prefix list counts as the list's MaxEntries rules against \
            the group's quota, and policies see the blocks the list holds (docs/POLICY.md).

            Examples:
              sgsh prefix-lists
              sgsh prefix-lists create office --max-entries 20 203.0.113.0/24
              sgsh prefix-lists --backend aws --region eu-west-1
            """,
        subcommands: [List.self, Create.self],
        defaultSubcommand: List.self
    )

    /// `sgsh prefix-lists list`: one line per list: id, family, MaxEntries, name, entries.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Show each prefix list with its entries.")

        @OptionGroup var backendOptions: BackendOptions

        func run() async throws {
            let lists = try await backendOptions.withBackend { opened in
                do {
                    return try await opened.backend.describeManagedPrefixLists(ids: [])
                } catch {
                    throw CLIError("reading the prefix lists failed: \(error)")
                }
            }
            for list in lists {
                let size = list.maxEntries.map { "max \($0)" } ?? "AWS-managed"
                let entries = list.entries.map(\.description).joined(separator: ", ")
                Terminal.write("\(list.id)  \(list.family.wireName)  \(size)  \(list.name)  [\(entries)]\n")
            }
        }
    }

    /// `sgsh prefix-lists create NAME --max-entries N [CIDR...]`: prints the new list's id.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create a customer-managed prefix list and print its id.")

        @Argument(help: "The list's name.")
        var name: String

        @Argument(help: "The CIDR blocks the list holds (all IPv4, or all IPv6).")
        var entries: [String] = []

        @Option(
            name: .customLong("max-entries"),
            help: "The most entries the list may hold; a rule naming the list counts as this many rules.")
        var maxEntries: Int

        @Flag(help: "An IPv6 list (default: IPv4).")
        var ipv6 = false

        @OptionGroup var backendOptions: BackendOptions

        func run() async throws {
            var blocks: [CIDR] = []
            for entry in entries {
                guard let block = CIDR(entry) else {
                    throw CLIError(usage: "'\(entry)' is not a CIDR block (e.g. 203.0.113.0/24)")
                }
                blocks.append(block)
            }
            let list = try await backendOptions.withBackend { opened in
                guard let maker = opened.backend as? any ManagedPrefixListCreating else {
                    throw CLIError("\(opened.backend.displayName) cannot create prefix lists")
                }
                do {
                    return try await maker.createManagedPrefixList(
                        name: name, family: ipv6 ? .ipv6 : .ipv4, maxEntries: maxEntries, entries: blocks)
                } catch {
                    throw CLIError("creating the prefix list failed: \(error)")
                }
            }
            Terminal.write(list.id + "\n")
        }
    }
}
