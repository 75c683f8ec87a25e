// How long a temporary rule lives (`allow … for 2h`), read and written in one
// place: the parser checks what a script writes with `seconds(_:)`, reports
// say what is left with `text(_:)`. A duration is whole days, hours and
// minutes, largest first (`7d`, `2h`, `1h30m`), at least a minute and at most
// a year: a rule meant to stay longer is not temporary.

/// Durations of temporary rules.
package enum RuleLifetime {
    /// The units, largest first, with their length in seconds.
    static let units: [(unit: Character, seconds: Int)] = [("d", 86_400), ("h", 3_600), ("m", 60)]

    /// The longest lifetime a script may give: 365 days.
    package static let maximum = 365 * 86_400

    /// The seconds `text` (`2h`, `1h30m`, `7d`) stands for.
    /// - Throws: `RuleFactError` (duration-invalid) saying what is wrong with it.
    package static func seconds(_ text: String) throws(RuleFactError) -> Int {
        var total = 0
        var number = ""
        var nextUnit = 0
        for character in text {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let position = units.firstIndex(where: { $0.unit == character }) else {
                throw RuleFactError(.lifetimeUnknownUnit(String(character), in: text))
            }
            guard !number.isEmpty else { throw RuleFactError(.lifetimeUnknownUnit(String(character), in: text)) }
            guard position >= nextUnit else { throw RuleFactError(.lifetimeUnitOrder(text)) }
            guard let value = Int(number), value <= maximum else { throw RuleFactError(.lifetimeTooLong(text)) }
            total += value * units[position].seconds
            guard total <= maximum else { throw RuleFactError(.lifetimeTooLong(text)) }
            number = ""
            nextUnit = position + 1
        }
        guard number.isEmpty else { throw RuleFactError(.lifetimeUnitMissing(text)) }
        guard total > 0 else { throw RuleFactError(.lifetimeZero(text)) }
        return total
    }

    /// A span of seconds as reports say it, to the minute: `2h`, `1h 59m`, `3d 4h`, `<1m`.
    package static func text(_ seconds: Int) -> String {
        guard seconds >= 60 else { return "<1m" }
        var left = seconds / 60 * 60
        var parts: [String] = []
        for (unit, length) in units where left >= length {
            parts.append("\(left / length)\(unit)")
            left %= length
        }
        // Days and hours say enough: minutes only when the span is under a day.
        return parts.prefix(seconds >= 86_400 ? 2 : 3).joined(separator: " ")
    }

    /// What is left of a rule that expires at `expiry`, at `now`: `expires in 1h 59m`, `expired 5m ago`.
    package static func remaining(until expiry: Int, now: Int) -> String {
        expiry > now ? "expires in \(text(expiry - now))" : "expired \(text(now - expiry)) ago"
    }
}
