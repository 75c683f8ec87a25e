// The SQLite schema of a local state file.
//
// One table per EC2 resource kind. Rules are stored one peer per row, in the
// canonical form SgshModel gives them, so identity (EC2's duplicate check) is a
// plain column comparison and the UNIQUE index is a safety net behind it. The
// row id orders rules and groups by creation, which is the order EC2 reports.

import GRDB
import SgshModel

extension LocalBackend {
    /// Bump when the schema changes; older files are upgraded in `migrate`, one step per version.
    static let schemaVersion = 2

    /// Creates the tables of an empty file; a no-op for a current one.
    static func migrate(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version > schemaVersion {
            throw BackendError(
                code: "InternalError",
                message: "the state file has schema version \(version); this sgsh understands up to \(schemaVersion)")
        }
        guard version < schemaVersion else { return }
        if version < 1 { try createVersion1(db) }
        if version < 2 { try addVersion2(db) }
        try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
    }

    /// Groups, rules and tags: the first schema.
    private static func createVersion1(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS vpc (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    is_default INTEGER NOT NULL,
                    ipv6 INTEGER NOT NULL
                );
                CREATE TABLE IF NOT EXISTS security_group (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL,
                    description TEXT NOT NULL,
                    vpc_id TEXT NOT NULL REFERENCES vpc(id),
                    is_default INTEGER NOT NULL,
                    UNIQUE (vpc_id, name_key)
                );
                CREATE TABLE IF NOT EXISTS rule (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    group_id TEXT NOT NULL REFERENCES security_group(id) ON DELETE CASCADE,
                    is_egress INTEGER NOT NULL,
                    protocol TEXT NOT NULL,
                    from_port INTEGER NOT NULL,
                    to_port INTEGER NOT NULL,
                    peer_kind INTEGER NOT NULL,
                    peer TEXT NOT NULL,
                    peer_user TEXT,
                    description TEXT,
                    UNIQUE (group_id, is_egress, protocol, from_port, to_port, peer_kind, peer, peer_user)
                );
                CREATE INDEX IF NOT EXISTS rule_by_group ON rule (group_id, is_egress);
                CREATE INDEX IF NOT EXISTS rule_by_referenced_group ON rule (peer) WHERE peer_kind = 3;
                CREATE TABLE IF NOT EXISTS tag (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    resource_id TEXT NOT NULL,
                    key TEXT NOT NULL,
                    value TEXT NOT NULL,
                    UNIQUE (resource_id, key)
                );
                """)
    }

    /// Version 2: managed prefix lists with their entries, and network interfaces with their groups.
    private static func addVersion2(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS prefix_list (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    family TEXT NOT NULL,
                    max_entries INTEGER,
                    owner_id TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS prefix_list_entry (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    list_id TEXT NOT NULL REFERENCES prefix_list(id) ON DELETE CASCADE,
                    cidr TEXT NOT NULL,
                    UNIQUE (list_id, cidr)
                );
                CREATE TABLE IF NOT EXISTS network_interface (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    description TEXT NOT NULL,
                    interface_type TEXT NOT NULL,
                    requester_id TEXT,
                    instance_id TEXT
                );
                CREATE TABLE IF NOT EXISTS network_interface_group (
                    interface_id TEXT NOT NULL REFERENCES network_interface(id) ON DELETE CASCADE,
                    group_id TEXT NOT NULL REFERENCES security_group(id),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (interface_id, group_id)
                );
                CREATE INDEX IF NOT EXISTS network_interface_by_group ON network_interface_group (group_id);
                """)
    }
}
