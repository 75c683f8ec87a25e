// CreateTags and DeleteTags for security groups (sg-) and rules (sgr-).

import GRDB
import SgshModel

extension LocalBackend {
    /// CreateTags on groups and rules; an existing key gets the new value.
    public func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws {
        try LocalBackend.validate(tags: tags)
        try await write { db in
            if resourceIds.isEmpty { throw BackendError.missingParameter("ResourceId") }
            if tags.isEmpty { throw BackendError.missingParameter("Tag") }
            for id in resourceIds {
                try self.requireTaggable(db, id)
                try self.setTags(db, resourceId: id, tags)
            }
            if dryRun { throw BackendError.dryRun() }
        }
    }

    /// DeleteTags: a selector with a value deletes the tag only when the value matches.
    public func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws {
        try await write { db in
            if resourceIds.isEmpty { throw BackendError.missingParameter("ResourceId") }
            for id in resourceIds {
                try self.requireTaggable(db, id)
                if tags.isEmpty {
                    // EC2: DeleteTags without tags deletes every tag of the resource.
                    try db.execute(sql: "DELETE FROM tag WHERE resource_id = ?", arguments: [id])
                }
                for selector in tags {
                    if let value = selector.value {
                        try db.execute(
                            sql: "DELETE FROM tag WHERE resource_id = ? AND key = ? AND value = ?",
                            arguments: [id, selector.key, value])
                    } else {
                        try db.execute(
                            sql: "DELETE FROM tag WHERE resource_id = ? AND key = ?", arguments: [id, selector.key])
                    }
                }
            }
            if dryRun { throw BackendError.dryRun() }
        }
    }

    /// Checks that a resource id names an existing group or rule.
    private func requireTaggable(_ db: Database, _ id: String) throws {
        if id.hasPrefix("sgr-") {
            _ = try storedRule(db, id: id)
        } else if id.hasPrefix("sg-") {
            _ = try group(db, id: id)
        } else {
            throw BackendError(code: "InvalidID", message: "The ID '\(id)' is not valid")
        }
    }
}
