// Managed prefix lists in the local store.
//
// EC2 refuses a rule that names a prefix list that does not exist, and counts a
// reference to a list as its MaxEntries rules against the group's quota; the
// local store does both, so a plan that passes here passes on EC2. Lists are
// made with `createManagedPrefixList` (`sgsh prefix-list create`), as
// CreateManagedPrefixList makes them.

import GRDB
import SgshModel

extension LocalBackend: ManagedPrefixListCreating {
    /// CreateManagedPrefixList: a customer-managed list owned by this store's account.
    /// - Parameters:
    ///   - name: the list's name (1–255 characters, not starting with `com.amazonaws`).
    ///   - family: IPv4 or IPv6; every entry must be of it.
    ///   - maxEntries: the most entries the list may hold (1–1,000); what a reference counts against the quota.
    ///   - entries: the CIDR blocks, no more than `maxEntries`.
    /// - Returns: the new list.
    /// - Throws: `BackendError` (`InvalidParameterValue`) for a bad name, size, or entry.
    @discardableResult
    public func createManagedPrefixList(
        name: String, family: CIDR.Family, maxEntries: Int, entries: [CIDR]
    ) async throws -> ManagedPrefixList {
        try LocalBackend.validatePrefixList(name: name, family: family, maxEntries: maxEntries, entries: entries)
        let list = ManagedPrefixList(
            id: LocalBackend.newID("pl"), name: name, family: family, maxEntries: maxEntries, ownerId: ownerId,
            entries: Array(Set(entries)).sorted())
        try await write { db in
            try db.execute(
                sql: "INSERT INTO prefix_list (id, name, family, max_entries, owner_id) VALUES (?, ?, ?, ?, ?)",
                arguments: [list.id, list.name, list.family.wireName, list.maxEntries, list.ownerId])
            let insert = try db.cachedStatement(sql: "INSERT INTO prefix_list_entry (list_id, cidr) VALUES (?, ?)")
            for entry in list.entries { try insert.execute(arguments: [list.id, entry.description]) }
        }
        return list
    }

    /// DescribeManagedPrefixLists with entries; ids that name no list are left out.
    public func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] {
        try await database.read { db in
            var lists = try self.prefixLists(db, ids: ids)
            for index in lists.indices {
                lists[index].entries = try String.fetchAll(
                    db, sql: "SELECT cidr FROM prefix_list_entry WHERE list_id = ? ORDER BY seq",
                    arguments: [lists[index].id]
                ).compactMap { CIDR($0) }
            }
            return lists
        }
    }

    /// The lists with these ids (all when empty), without their entries.
    func prefixLists(_ db: Database, ids: [String]) throws -> [ManagedPrefixList] {
        var sql = "SELECT id, name, family, max_entries, owner_id FROM prefix_list"
        if !ids.isEmpty { sql += " WHERE id IN (\(databaseQuestionMarks(count: ids.count)))" }
        sql += " ORDER BY seq"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(ids)).map { row in
            ManagedPrefixList(
                id: row["id"], name: row["name"], family: CIDR.Family(wireName: row["family"]) ?? .ipv4,
                maxEntries: row["max_entries"], ownerId: row["owner_id"], entries: [])
        }
    }

    /// Checks that every list a request's rules reference exists.
    /// - Throws: `InvalidPrefixListID.NotFound` for a list that does not exist (as EC2 does).
    func checkPrefixListsExist(_ db: Database, _ rules: [Rule]) throws {
        var ids: [String] = []
        for rule in rules {
            if case .prefixList(let id) = rule.peer, !ids.contains(id) { ids.append(id) }
        }
        guard !ids.isEmpty else { return }
        let found = Set(try prefixLists(db, ids: ids).map(\.id))
        if let missing = ids.first(where: { !found.contains($0) }) { throw BackendError.prefixListNotFound(missing) }
    }

    /// The lists a group's stored rules reference (for counting the quota).
    func prefixLists(_ db: Database, of rules: [StoredRule]) throws -> PrefixListCatalog {
        let ids = Set(rules.filter { $0.identity.peerKind == .prefixList }.map(\.identity.peer))
        guard !ids.isEmpty else { return [:] }
        return ManagedPrefixList.catalog(try prefixLists(db, ids: Array(ids)))
    }

    static func validatePrefixList(name: String, family: CIDR.Family, maxEntries: Int, entries: [CIDR]) throws {
        guard (1...255).contains(name.count), !name.lowercased().hasPrefix("com.amazonaws") else {
            throw BackendError.invalidValue(
                "The prefix list name '\(name)' is invalid: 1 to 255 characters, not starting with com.amazonaws.")
        }
        guard (1...1000).contains(maxEntries) else {
            throw BackendError.invalidValue("The value \(maxEntries) for MaxEntries is out of range (1 to 1000).")
        }
        if let wrong = entries.first(where: { $0.family != family }) {
            throw BackendError.invalidValue("The CIDR \(wrong) is not of the list's address family \(family.wireName).")
        }
        guard Set(entries).count <= maxEntries else {
            throw BackendError.invalidValue(
                "The list would hold \(Set(entries).count) entries, more than its MaxEntries \(maxEntries).")
        }
    }
}
