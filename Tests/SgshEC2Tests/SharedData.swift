// Locates the shared test vectors (../shared/data beside the repository).
//
// From this file, …/<repo>/Tests/SgshEC2Tests/SharedData.swift, three levels up
// is the directory that holds the repository, and `shared/data` sits there both
// in /work and in a CI clone. SGSH_SHARED_DATA overrides it. A missing
// directory is an error, so the tests that need it fail rather than skip.

import Foundation

enum SharedData {
    struct NotFound: Error, CustomStringConvertible {
        let tried: [String]
        var description: String {
            "shared test data not found (tried \(tried.joined(separator: ", "))); set SGSH_SHARED_DATA to the shared/data directory"
        }
    }

    /// The shared data directory.
    static func root(filePath: String = #filePath) throws -> URL {
        var tried: [String] = []
        if let override = ProcessInfo.processInfo.environment["SGSH_SHARED_DATA"], !override.isEmpty {
            let url = URL(fileURLWithPath: override)
            if isDirectory(url) { return url }
            tried.append(override)
        }
        let url = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/data").standardizedFileURL
        if isDirectory(url) { return url }
        tried.append(url.path)
        throw NotFound(tried: tried)
    }

    /// A file or directory below the shared data directory.
    static func url(_ relative: String) throws -> URL { try root().appendingPathComponent(relative) }

    /// The bytes of a shared file.
    static func data(_ relative: String) throws -> Data { try Data(contentsOf: url(relative)) }

    /// The text of a shared file.
    static func text(_ relative: String) throws -> String { String(decoding: try data(relative), as: UTF8.self) }

    /// Decodes a shared JSON file.
    static func json<T: Decodable>(_ type: T.Type, _ relative: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(relative))
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }
}
