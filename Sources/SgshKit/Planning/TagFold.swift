// The desired tags of one group, folded from its live tags and the plan's
// `tag`/`untag` operations in order, and the diff against the live tags.

import SgshModel

/// Folds tag operations on one group into desired tags and diffs them.
struct TagFold {
    private let live: [String: String]
    private let liveOrder: [String]
    private var desired: [String: String]
    /// Keys the script set, in order of first mention.
    private var mentioned: [String] = []
    private var mentionedKeys: Set<String> = []

    init(live tags: [Tag]) {
        var live: [String: String] = [:]
        var order: [String] = []
        for tag in tags where live[tag.key] == nil {
            live[tag.key] = tag.value
            order.append(tag.key)
        }
        self.live = live
        self.liveOrder = order
        self.desired = live
    }

    /// `tag K=V …`: sets the values.
    mutating func tag(_ tags: [Tag]) {
        for tag in tags {
            desired[tag.key] = tag.value
            if mentionedKeys.insert(tag.key).inserted { mentioned.append(tag.key) }
        }
    }

    /// The value `key` has after the operations folded so far; nil when it has none.
    func value(of key: String) -> String? { desired[key] }

    /// `untag K …`: removes the keys (only when the value matches, if one is given, as DeleteTags does).
    mutating func untag(_ selectors: [TagSelector]) {
        for selector in selectors {
            guard let value = desired[selector.key] else { continue }
            if let wanted = selector.value, wanted != value { continue }
            desired[selector.key] = nil
        }
    }

    /// The difference between the live tags and the desired tags.
    func diff(group: GroupTarget) -> TagChange {
        var change = TagChange(group: group)
        for key in mentioned {
            guard let value = desired[key] else { continue }
            if live[key] == value {
                change.unchanged.append(Tag(key: key, value: value))
            } else {
                change.set.append(TagUpdate(tag: Tag(key: key, value: value), previous: live[key]))
            }
        }
        for key in liveOrder where desired[key] == nil {
            change.removed.append(Tag(key: key, value: live[key]!))
        }
        return change
    }
}
