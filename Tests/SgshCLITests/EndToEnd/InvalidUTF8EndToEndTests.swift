// A script with a byte that is not UTF-8 (a Latin-1 'é' in a description) is
// an error at that byte on the built binary, for check and run alike, and
// nothing is sent: sgsh never replaces the byte, which would change the
// description EC2 stores (issue 13).

import Foundation
import Testing

@Suite struct InvalidUTF8EndToEndTests {
    static let latin1 = Data("sg create \"web\" \"caf".utf8) + Data([0xE9]) + Data(" tier\"\n".utf8)

    @Test func checkAndRunStopAtTheByte() async throws {
        let dir = try TemporaryDirectory()
        let file = dir.path("latin1.sgsh")
        try Self.latin1.write(to: URL(fileURLWithPath: file))
        for command in [["check"], ["run", "--state", dir.state]] {
            let result = try await runSgsh(command + [file], in: dir)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout == "")
            #expect(
                result.stderr.hasPrefix("\(file):1:21: error: byte 0xE9 is not UTF-8; sgsh scripts are UTF-8 text\n"),
                "\(result)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.state), "nothing was sent: no state was even opened")
    }

    @Test func aModuleThatIsNotUTF8IsNamedWithItsPosition() async throws {
        let dir = try TemporaryDirectory()
        try Self.latin1.write(to: URL(fileURLWithPath: dir.path("lib.sgsh")))
        let main = try dir.write("main.sgsh", "use \"lib\"\n")
        let result = try await runSgsh(["check", main], in: dir)
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("lib.sgsh:1:21: error: byte 0xE9 is not UTF-8"), "\(result)")
    }
}
