// Managed prefix lists over the Query API: one DescribeManagedPrefixLists for
// all the lists asked for, then GetManagedPrefixListEntries per list.

import SgshModel

extension EC2Backend: ManagedPrefixListCreating {
    public func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] {
        var lists = try await allPages(.describeManagedPrefixLists(ids: ids)) { $0.managedPrefixListsPage() }
        if !ids.isEmpty { lists = lists.filter { ids.contains($0.id) } }
        for index in lists.indices {
            lists[index].entries = try await allPages(.managedPrefixListEntries(id: lists[index].id)) {
                $0.prefixListEntriesPage()
            }
        }
        return lists
    }

    /// CreateManagedPrefixList: a customer-managed list in the backend's account and region.
    public func createManagedPrefixList(
        name: String, family: CIDR.Family, maxEntries: Int, entries: [CIDR]
    ) async throws -> ManagedPrefixList {
        let response = try await send(
            .createManagedPrefixList(name: name, family: family, maxEntries: maxEntries, entries: entries))
        do {
            var list = try response.createdPrefixList()
            list.entries = entries
            return list
        } catch {
            throw BackendError.from(error)
        }
    }
}
