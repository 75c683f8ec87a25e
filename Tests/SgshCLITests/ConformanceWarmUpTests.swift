import ArgumentParser
import Testing

@testable import SgshCLI

/// The start-up warm-up asks about the types ArgumentParser will reflect over: the command the
/// arguments name and every option group in it, nested ones included.
@Suite struct ConformanceWarmUpTests {
    private func names(_ types: [any ParsableArguments.Type]) -> [String] { types.map { "\($0)" } }

    @Test func theArgumentsNameTheCommandOrTheDefaultOneIsParsed() {
        #expect("\(ConformanceWarmUp.command(for: []))" == "RunCommand")
        #expect("\(ConformanceWarmUp.command(for: ["rules.sgsh"]))" == "RunCommand")
        #expect("\(ConformanceWarmUp.command(for: ["--backend", "aws", "-c", "print 1"]))" == "RunCommand")
        #expect("\(ConformanceWarmUp.command(for: ["plan", "rules.sgsh"]))" == "PlanCommand")
        #expect("\(ConformanceWarmUp.command(for: ["whoami"]))" == "WhoamiCommand")
    }

    @Test func everyOptionGroupIsFoundNestedOnesAfterTheirHolder() {
        #expect(
            names(ConformanceWarmUp.optionGroups(of: RunCommand.self))
                == ["ScriptOptions", "BackendOptions", "AWSOptions", "FleetOptions", "OutputOptions"])
        #expect(names(ConformanceWarmUp.optionGroups(of: WhoamiCommand.self)) == ["AWSOptions"])
        #expect(names(ConformanceWarmUp.optionGroups(of: FmtCommand.self)) == [])
    }
}
