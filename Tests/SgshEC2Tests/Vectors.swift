// Reads the conformance vectors kept in Tests/SgshEC2Tests/Fixtures.
//
// The folder sits beside this file, so #filePath finds it wherever the
// repository is cloned; Package.swift excludes it from the target's sources.
// A missing file is an error, so the tests that need it fail rather than skip.

import Foundation

enum Vectors {
    /// The Fixtures directory beside this source file.
    static func root(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// A file or directory below Fixtures.
    static func url(_ relative: String) -> URL { root().appendingPathComponent(relative) }

    /// The bytes of a vector file.
    static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

    /// The text of a vector file.
    static func text(_ relative: String) throws -> String { String(decoding: try data(relative), as: UTF8.self) }

    /// Decodes a JSON vector file.
    static func json<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(relative))
    }
}
