// The managed-prefix-list actions sgsh sends: reading lists for the quota and
// for policies, and creating one (`sgsh prefix-list create`).

import SgshModel

extension EC2QueryRequest {
    /// DescribeManagedPrefixLists, one page. Ids go in a `prefix-list-id` filter rather than
    /// PrefixListId.N, so an id that names no list is left out instead of failing the call.
    public static func describeManagedPrefixLists(
        ids: [String], maxResults: Int? = nil, nextToken: String? = nil
    ) -> EC2QueryRequest {
        let filters = ids.isEmpty ? [] : [SecurityGroupQuery.Filter(name: "prefix-list-id", values: ids)]
        return EC2QueryRequest(
            action: "DescribeManagedPrefixLists",
            input: .structure([
                .init("Filter", Self.filters(filters)),
                .init("NextToken", .string(nextToken)),
                .init("MaxResults", .integer(maxResults)),
            ]))
    }

    /// GetManagedPrefixListEntries, one page.
    public static func managedPrefixListEntries(
        id: String, maxResults: Int? = nil, nextToken: String? = nil
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "GetManagedPrefixListEntries",
            input: .structure([
                .init("PrefixListId", .string(id)),
                .init("NextToken", .string(nextToken)),
                .init("MaxResults", .integer(maxResults)),
            ]))
    }

    /// CreateManagedPrefixList.
    public static func createManagedPrefixList(
        name: String, family: CIDR.Family, maxEntries: Int, entries: [CIDR]
    ) -> EC2QueryRequest {
        EC2QueryRequest(
            action: "CreateManagedPrefixList",
            input: .structure([
                .init("PrefixListName", .string(name)),
                .init("AddressFamily", .string(family.wireName)),
                .init("MaxEntries", .integer(maxEntries)),
                .init("Entry", .list(entries.map { .structure([.init("Cidr", .string($0.description))]) })),
            ]))
    }
}
