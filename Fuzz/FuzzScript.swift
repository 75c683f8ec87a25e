// The libFuzzer entry point (issue 13): every input goes through the whole
// front end and, when it checks, the evaluator under tight limits — lexer →
// parser → resolver → evaluator — with no backend and no I/O. A crash, a trap
// or a hang (libFuzzer's -timeout) is a bug; diagnostics and runtime errors
// are the expected answers to hostile input.
//
// Built by scripts/fuzz with swiftc -sanitize=fuzzer,address into .build-fuzz/,
// so the package's own `swift build` never compiles it.

import Dispatch
import SgshKit

/// A host that grants nothing: no modules, no environment, no backend.
struct SilentHost: Host {
    func print(_ text: String) {}
}

/// Small limits, so one input stays well under libFuzzer's timeout.
let limits = ExecutionLimits(
    maxSteps: 20_000, maxCallDepth: 50, maxOutputBytes: 1 << 16, maxOperations: 500, maxValueBytes: 1 << 20)
let interpreter = Interpreter(host: SilentHost(), limits: limits)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let diagnostics = interpreter.check(bytes: bytes, name: "fuzz.sgsh")
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return 0 }
    let text = String(decoding: bytes, as: UTF8.self)
    // libFuzzer's callback is synchronous; the evaluator is async.
    let finished = DispatchSemaphore(value: 0)
    Task {
        _ = try? await interpreter.plan(source: text, name: "fuzz.sgsh")
        finished.signal()
    }
    finished.wait()
    return 0
}
