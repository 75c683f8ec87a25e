import ArgumentParser
import Testing

@testable import SgshCLI

/// The start-up warm-up asks about the types ArgumentParser will reflect over: the command the
/// arguments name, and the option groups, whose list must hold every command's groups.
@Suite struct ConformanceWarmUpTests {
    @Test func theArgumentsNameTheCommandOrTheDefaultOneIsParsed() {
        #expect("\(ConformanceWarmUp.command(for: []))" == "RunCommand")
        #expect("\(ConformanceWarmUp.command(for: ["rules.sgsh"]))" == "RunCommand")
        #expect("\(ConformanceWarmUp.command(for: ["--backend", "aws", "-c", "print 1"]))" == "RunCommand")
        #expect("\(ConformanceWarmUp.command(for: ["plan", "rules.sgsh"]))" == "PlanCommand")
        #expect("\(ConformanceWarmUp.command(for: ["whoami"]))" == "WhoamiCommand")
    }

    /// The guess that starts the aws backend's event loop threads early agrees with what the
    /// parse selects, for the ways of naming a backend.
    @Test func theGuessOfTheAWSBackendAgreesWithTheParse() throws {
        let lines = [
            [], ["rules.sgsh"], ["--backend", "aws", "rules.sgsh"], ["--backend=aws", "-c", "print 1"],
            ["--backend", "local", "rules.sgsh"], ["--region", "eu-west-1", "rules.sgsh"],
            ["--profile=prod", "rules.sgsh"], ["--endpoint-url", "http://127.0.0.1:9", "-c", "print 1"],
            ["--state", "s.sqlite", "rules.sgsh"], ["plan", "--expect-account", "123456789012", "rules.sgsh"],
        ]
        for line in lines {
            let parsed = try SgshCommand.parseAsRoot(line)
            let backend = try #require(Mirror(reflecting: parsed).children.first { $0.label == "_backendOptions" })
            let kind = try #require(backend.value as? OptionGroup<BackendOptions>).wrappedValue.kind
            #expect(BackendOptions.mayNameAWS(line) == (kind == .aws), "\(line)")
        }
    }

    /// The guess that gives a single-target command one event loop thread (SgshCommand.main)
    /// agrees with what the parse makes a fleet run.
    @Test func theGuessOfAFleetRunAgreesWithTheParse() throws {
        let lines = [
            [], ["rules.sgsh"], ["--regions", "eu-west-1,us-east-1", "rules.sgsh"], ["--regions=all", "rules.sgsh"],
            ["--profiles", "dev,prod", "rules.sgsh"],
            ["--accounts=organization", "--role-name", "Audit", "rules.sgsh"],
            ["--backend", "aws", "--region", "eu-west-1", "rules.sgsh"], ["--profile=prod", "-c", "print 1"],
        ]
        for line in lines {
            let parsed = try #require(try SgshCommand.parseAsRoot(line) as? RunCommand)
            #expect(FleetOptions.mayNameFleet(line) == parsed.fleet.isFleet, "\(line)")
        }
    }

    /// Found the way ArgumentParser finds them: every `@OptionGroup` of every command and
    /// subcommand, and the groups nested in those.
    @Test func theListHoldsEveryCommandsOptionGroupsAndNoOthers() {
        var found: Set<String> = []
        func groups(of arguments: any ParsableArguments.Type) {
            for child in Mirror(reflecting: arguments.init()).children {
                guard let group = child.value as? any OptionGroupContents else { continue }
                found.insert("\(group.contentsType)")
                groups(of: group.contentsType)
            }
        }
        func commands(_ command: any ParsableCommand.Type) {
            groups(of: command)
            command.configuration.subcommands.forEach(commands)
        }
        commands(SgshCommand.self)
        #expect(Set(ConformanceWarmUp.optionGroups.map { "\($0)" }) == found)
    }
}

/// The arguments type an `@OptionGroup` holds.
private protocol OptionGroupContents {
    var contentsType: any ParsableArguments.Type { get }
}

extension OptionGroup: OptionGroupContents {
    fileprivate var contentsType: any ParsableArguments.Type { Value.self }
}
