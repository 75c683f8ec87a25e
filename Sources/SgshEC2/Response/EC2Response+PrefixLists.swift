// Reading DescribeManagedPrefixLists, GetManagedPrefixListEntries and
// CreateManagedPrefixList answers.

import SgshModel

extension EC2Response {
    /// DescribeManagedPrefixLists output (lists without their entries).
    public func managedPrefixListsPage() -> Page<ManagedPrefixList> {
        Page(items: root.items("prefixListSet").map(Self.prefixList), nextToken: nextToken)
    }

    /// GetManagedPrefixListEntries output: the entries' CIDR blocks (unparsable ones left out).
    public func prefixListEntriesPage() -> Page<CIDR> {
        let entries = root.items("entrySet").compactMap { $0.string("cidr").flatMap { CIDR($0.trimmed) } }
        return Page(items: entries, nextToken: nextToken)
    }

    /// CreateManagedPrefixList output.
    public func createdPrefixList() throws(EC2ClientError) -> ManagedPrefixList {
        guard let node = root.child("prefixList"), node.string("prefixListId") != nil else {
            throw .malformedResponse(action: "CreateManagedPrefixList", detail: "no prefixList")
        }
        return Self.prefixList(node)
    }

    static func prefixList(_ node: XMLNode) -> ManagedPrefixList {
        ManagedPrefixList(
            id: node.string("prefixListId")?.trimmed ?? "", name: node.string("prefixListName")?.trimmed ?? "",
            family: node.string("addressFamily").flatMap { CIDR.Family(wireName: $0.trimmed) } ?? .ipv4,
            maxEntries: node.int("maxEntries"), ownerId: node.string("ownerId")?.trimmed ?? "", entries: [])
    }
}
