// A decoded JSON value, for reading the conformance vectors' free-form parts.

import Foundation

enum JSONValue: Decodable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    struct Mismatch: Error, CustomStringConvertible {
        let description: String
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
    var int: Int? { if case .number(let value) = self, value == value.rounded() { Int(value) } else { nil } }
    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    var object: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    var isNull: Bool { self == .null }

    subscript(key: String) -> JSONValue? { object?[key] }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let items): "[\(items.map(\.description).joined(separator: ", "))]"
        case .object(let members):
            "{\(members.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))}"
        }
    }
}

/// Reads an object's members and records which were read, so that an adapter
/// can fail on a member it does not understand instead of ignoring it.
final class JSONReader {
    private let members: [String: JSONValue]
    private var read: Set<String> = []
    let context: String

    init(_ value: JSONValue?, context: String) throws {
        guard let object = value?.object else { throw JSONValue.Mismatch(description: "\(context): not an object") }
        members = object
        self.context = context
    }

    func value(_ key: String) -> JSONValue? {
        read.insert(key)
        guard let value = members[key], !value.isNull else { return nil }
        return value
    }

    func string(_ key: String) throws -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.string else { throw JSONValue.Mismatch(description: "\(context).\(key): not a string") }
        return text
    }

    func int(_ key: String) throws -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = value.int else { throw JSONValue.Mismatch(description: "\(context).\(key): not an integer") }
        return number
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.bool else { throw JSONValue.Mismatch(description: "\(context).\(key): not a boolean") }
        return flag
    }

    func array(_ key: String) throws -> [JSONValue] {
        guard let value = value(key) else { return [] }
        guard let items = value.array else { throw JSONValue.Mismatch(description: "\(context).\(key): not a list") }
        return items
    }

    func strings(_ key: String) throws -> [String] {
        try array(key).map { item in
            guard let text = item.string else {
                throw JSONValue.Mismatch(description: "\(context).\(key): not strings")
            }
            return text
        }
    }

    /// Throws when the object has a member that was never read.
    func finish() throws {
        let unread = Set(members.keys).subtracting(read)
        if !unread.isEmpty {
            throw JSONValue.Mismatch(description: "\(context): members not understood: \(unread.sorted())")
        }
    }
}
