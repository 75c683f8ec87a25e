import Synchronization
import Testing

@testable import SgshKit

/// A host whose modules are strings in memory, counting how often each is asked for.
final class MemoryModuleHost: SgshKit.Host {
    let modules: [String: String]
    let requests = Mutex<[String]>([])
    let lines = Mutex<[String]>([])

    init(_ modules: [String: String]) { self.modules = modules }

    func print(_ text: String) { lines.withLock { $0.append(text) } }

    func loadModule(_ name: String, importer: String) throws -> ModuleSource? {
        requests.withLock { $0.append(name) }
        return modules[name].map { ModuleSource(name: name, text: $0) }
    }
}

@Suite struct ModuleTests {
    @Test func theStandardLibraryComesBeforeTheHost() async throws {
        let host = MemoryModuleHost(["ports": "let ssh = 2222"])
        _ = try await Interpreter(host: host).plan(source: "use \"ports\"\nprint ssh", name: "main.sgsh")
        #expect(host.lines.withLock { $0 } == ["22"])
        #expect(host.requests.withLock { $0 }.isEmpty)
    }

    @Test func aModuleRunsOnceHoweverOftenItIsUsed() async throws {
        let host = MemoryModuleHost([
            "a.sgsh": "use \"shared.sgsh\"\nlet a = 1",
            "b.sgsh": "use \"shared.sgsh\"\nlet b = 2",
            "shared.sgsh": "print \"shared runs\"\nlet s = 3",
        ])
        _ = try await Interpreter(host: host)
            .plan(source: "use \"a.sgsh\"\nuse \"b.sgsh\"\nuse \"shared.sgsh\"\nprint a + b + s", name: "main.sgsh")
        #expect(host.lines.withLock { $0 } == ["shared runs", "6"])
    }

    @Test func aModuleWithErrorsMakesTheProgramInvalid() async {
        let host = MemoryModuleHost(["broken.sgsh": "let x = \nprint x"])
        let interpreter = Interpreter(host: host)
        let diagnostics = interpreter.check(source: "use \"broken.sgsh\"", name: "main.sgsh")
        #expect(diagnostics.hasErrors)
        #expect(diagnostics.allSatisfy { $0.range.file.name == "broken.sgsh" })
        do {
            _ = try await interpreter.plan(source: "use \"broken.sgsh\"", name: "main.sgsh")
            Issue.record("expected an invalid program")
        } catch {
            // Each run reads the module afresh, so compare the rendered diagnostics.
            guard case .invalidProgram(let planned) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(planned.map(\.description) == diagnostics.map(\.description))
        }
    }

    @Test func anUnknownModuleIsReportedByTheChecker() {
        let diagnostics = Interpreter(host: MemoryModuleHost([:])).check(source: "use \"nowhere.sgsh\"", name: "m.sgsh")
        #expect(diagnostics.map(\.id) == [.unknownModule])
    }

    @Test func namesAModuleDefinesAreVisibleOnlyAfterUse() {
        let host = MemoryModuleHost(["lib.sgsh": "let office = [10.0.0.0/8]\ndef helper() { return 1 }"])
        let interpreter = Interpreter(host: host)
        #expect(interpreter.check(source: "use \"lib.sgsh\"\nprint office, helper()", name: "m.sgsh") == [])
        #expect(interpreter.check(source: "print office", name: "m.sgsh").map(\.id) == [.undefinedName])
    }

    @Test func exportsAreTheTopLevelDefinitions() {
        let file = SourceFile(
            name: "lib.sgsh",
            text:
                "let a = 1\ndef f() { let local = 2 }\nfor i in [1] { let b = i }\nif true { let c = 3 } else { let d = 4 }"
        )
        let (program, _) = Parser.parse(file)
        #expect(ModuleLoader.exports(of: program) == ["a", "f", "i", "b", "c", "d"])
    }
}
