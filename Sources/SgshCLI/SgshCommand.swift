import ArgumentParser
import Foundation
import SgshKit

/// The `sgsh` command.
@main
struct SgshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgsh",
        abstract: "A scripting shell for security-group rules.",
        version: "0.1.0",
        subcommands: [DumpAST.self]
    )
}

struct DumpAST: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump-ast", shouldDisplay: false)
    @Argument var file: String
    func run() throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let source = SourceFile(name: file, text: text)
        let (program, diagnostics) = ProgramChecker.check(source)
        print(ASTPrinter.print(program), terminator: "")
        FileHandle.standardError.write(DiagnosticRenderer().render(diagnostics).data(using: .utf8)!)
    }
}
