// NetworkThread: a single-target aws command's async work runs on one event loop of the group
// the transport's connections use, and stays there across awaits, child tasks and real calls.

import NIOCore
import NIOPosix
import SgshEC2
import SgshModel
import Testing

@Suite struct NetworkThreadTests {
    /// The event loop the calling code runs on, if it runs on one of the transport's.
    static func currentLoop() -> ObjectIdentifier? {
        // `any()` is the caller's own loop when called on one of the group's threads.
        let loop = MultiThreadedEventLoopGroup.singleton.any()
        return loop.inEventLoop ? ObjectIdentifier(loop) : nil
    }

    @Test func outsideRunTheWorkIsNotOnAnEventLoop() async {
        #expect(Self.currentLoop() == nil)
    }

    @Test func theBodyAndItsChildTasksRunOnOneEventLoopAcrossAwaits() async throws {
        let loops = try await NetworkThread.run { () async throws -> [ObjectIdentifier?] in
            let first = Self.currentLoop()
            try await Task.sleep(for: .milliseconds(2))
            let afterSleep = Self.currentLoop()
            async let child = Self.currentLoop()
            let inGroup = await withTaskGroup(of: ObjectIdentifier?.self) { group in
                group.addTask { Self.currentLoop() }
                return await group.next() ?? nil
            }
            return [first, afterSleep, await child, inGroup]
        }
        #expect(loops.allSatisfy { $0 != nil && $0 == loops[0] }, "\(loops)")
    }

    /// The tasks sgsh starts for itself (a call sent to its end, the rollback) keep the preference
    /// through PreferredTaskExecutor; a plain `Task {}` would not.
    @Test func unstructuredTasksStartedWithThePreferredExecutorRunOnTheSameLoop() async throws {
        let (body, kept, plain) = try await NetworkThread.run {
            let kept = await Task(executorPreference: PreferredTaskExecutor.current) { Self.currentLoop() }.value
            let plain = await Task { Self.currentLoop() }.value
            return (Self.currentLoop(), kept, plain)
        }
        #expect(body != nil)
        #expect(kept == body)
        #expect(plain == nil)
        #expect(PreferredTaskExecutor.current == nil)
    }

    @Test func aCallOnMotoIsAnsweredAndResumesOnTheSameEventLoop() async throws {
        let (before, after, groups) = try await NetworkThread.run {
            try await Moto.withBackend { backend in
                let before = Self.currentLoop()
                let groups = try await backend.describeSecurityGroups(.all)
                return (before, Self.currentLoop(), groups)
            }
        }
        #expect(before != nil)
        #expect(after == before)
        // moto's default VPC always has its default group.
        #expect(groups.contains { $0.groupName == "default" })
    }
}
