import SgshModel
import Testing

@testable import SgshKit

@Suite struct TagFoldTests {
    @Test func setsChangedValuesRemovesUntaggedKeysAndKeepsEqualOnes() {
        var fold = TagFold(live: [
            Tag(key: "Name", value: "web"), Tag(key: "env", value: "dev"), Tag(key: "owner", value: "al"),
        ])
        fold.tag([Tag(key: "Name", value: "web"), Tag(key: "env", value: "prod"), Tag(key: "tier", value: "1")])
        fold.untag([TagSelector(key: "owner"), TagSelector(key: "missing")])
        let change = fold.diff(group: .id("sg-1"))
        #expect(
            change.set == [
                TagUpdate(tag: Tag(key: "env", value: "prod"), previous: "dev"),
                TagUpdate(tag: Tag(key: "tier", value: "1"), previous: nil),
            ])
        #expect(change.removed == [Tag(key: "owner", value: "al")])
        #expect(change.unchanged == [Tag(key: "Name", value: "web")])
    }

    @Test func untagWithValueOnlyRemovesMatchingValue() {
        var fold = TagFold(live: [Tag(key: "env", value: "dev")])
        fold.untag([TagSelector(key: "env", value: "prod")])
        #expect(!fold.diff(group: .id("sg-1")).hasChanges)
        fold.untag([TagSelector(key: "env", value: "dev")])
        #expect(fold.diff(group: .id("sg-1")).removed == [Tag(key: "env", value: "dev")])
    }
}
