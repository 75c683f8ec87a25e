// Asks for an MFA code on the controlling terminal (/dev/tty), so it works
// even when the script arrives on stdin; without a terminal there is no
// prompt and the assume-role provider refuses with a clear message.

import Foundation

enum CredentialPrompt {
    /// Reads one line from /dev/tty after writing the prompt there; nil without a terminal.
    @Sendable static func terminal(_ prompt: String) -> String? {
        guard let tty = FileHandle(forUpdatingAtPath: "/dev/tty") else { return nil }
        defer { try? tty.close() }
        tty.write(Data(prompt.utf8))
        var line: [UInt8] = []
        while true {
            guard let chunk = try? tty.read(upToCount: 1), let byte = chunk.first else { break }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        let code = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return code.isEmpty ? nil : code
    }
}
