// The `sgsh:expires` rule tag's time: ISO 8601 in UTC to the second
// (`2026-12-05T14:30:00Z`), written and read here without Foundation (SgshKit
// does no I/O and imports only SgshModel). Reading also takes what other tools
// write for the same instant: fractional seconds and a `+00:00` offset. The
// journal stamps its records to the millisecond with the same writer.

import SgshModel

/// Seconds since the Unix epoch as ISO 8601 UTC text, and back.
package enum UTCTimestamp {
    /// `2026-12-05T14:30:00Z`.
    package static func text(_ seconds: Int) -> String {
        clock(seconds) + "Z"
    }

    /// `2026-12-05T14:30:00.661Z`: to the millisecond, as the journal's records are stamped.
    /// - Parameters:
    ///   - seconds: seconds since the Unix epoch.
    ///   - milliseconds: 0–999, the milliseconds past `seconds`.
    package static func text(_ seconds: Int, milliseconds: Int) -> String {
        let digits = String(milliseconds)
        return clock(seconds) + "." + String(repeating: "0", count: max(0, 3 - digits.count)) + digits + "Z"
    }

    /// `2026-12-05T14:30:00`, without the zone.
    private static func clock(_ seconds: Int) -> String {
        let days = seconds.floorDivided(by: 86_400)
        let time = seconds - days * 86_400
        let date = CivilDate(daysSince1970: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(date.year)
        let yearText = String(repeating: "0", count: max(0, 4 - year.count)) + year
        let clock = "\(two(time / 3600)):\(two(time % 3600 / 60)):\(two(time % 60))"
        return "\(yearText)-\(two(date.month))-\(two(date.day))T\(clock)"
    }

    /// The seconds of `YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00)`, or nil when it is not such a time.
    package static func seconds(_ text: String) -> Int? {
        var body = Substring(text)
        if body.hasSuffix("Z") {
            body = body.dropLast()
        } else if body.hasSuffix("+00:00") {
            body = body.dropLast(6)
        } else {
            return nil
        }
        if let dot = body.firstIndex(of: ".") {
            guard body[body.index(after: dot)...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            body = body[..<dot]
        }
        let halves = body.split(separator: "T", omittingEmptySubsequences: false)
        guard halves.count == 2, let days = PolicyDate.day(String(halves[0])) else { return nil }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), let second = Int(clock[2]),
            hour < 24, minute < 60, second < 60
        else { return nil }
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }
}
