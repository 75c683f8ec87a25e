// SigV4 time stamps without DateFormatter: the Unix time's calendar date
// (CivilDate), always UTC.

import Foundation
import SgshModel

/// The two UTC time stamps SigV4 uses: `20150830T123600Z` and `20150830`.
struct AMZDate {
    let dateTime: String
    let date: String

    init(_ instant: Date) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let civil = CivilDate(daysSince1970: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        date = pad(civil.year, 4) + pad(civil.month, 2) + pad(civil.day, 2)
        dateTime =
            date + "T" + pad(secondOfDay / 3600, 2) + pad(secondOfDay % 3600 / 60, 2) + pad(secondOfDay % 60, 2) + "Z"
    }
}
