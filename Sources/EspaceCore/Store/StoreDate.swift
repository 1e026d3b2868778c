import Foundation
import GRDB
import Parsers
#if canImport(Glibc)
import Glibc
#endif

/// Dates in the text GRDB stores ("yyyy-MM-dd HH:mm:ss.SSS", UTC, milliseconds rounded as Foundation rounds them),
/// written by hand: GRDB formats every date with a DateFormatter, and each mail stores half a dozen.
public enum StoreDate {
    public static func text(_ date: Date) -> String {
        // Milliseconds since 1970 to the nearest (halves up), computed as Foundation hands the instant to ICU.
        let ms = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1000 + 0.5).rounded(.down)
        // Gregorian years 1583–9999 only: before the 1582 reform ICU writes Julian dates, and GRDB's text stays the
        // reference for anything outside (no stored date is).
        guard ms.isFinite, ms >= -12_212_553_600_000, ms < 253_402_300_800_000 else {
            return String.fromDatabaseValue(date.databaseValue) ?? ""
        }
        var (seconds, milli) = Int64(ms).quotientAndRemainder(dividingBy: 1000)
        if milli < 0 { seconds -= 1; milli += 1000 }
        var t = time_t(seconds), p = tm()
        gmtime_r(&t, &p)
        let two = { (n: Int32) in CivilDate.padded(Int(n), 2) }
        return "\(CivilDate.padded(Int(p.tm_year) + 1900, 4))-\(two(p.tm_mon + 1))-\(two(p.tm_mday)) "
            + "\(two(p.tm_hour)):\(two(p.tm_min)):\(two(p.tm_sec)).\(CivilDate.padded(Int(milli), 3))"
    }
}

/// A record whose dates are stored through `StoreDate` (same text as GRDB's, without a DateFormatter).
public protocol StoreDatedRecord: EncodableRecord {}

extension StoreDatedRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy {
        .custom { StoreDate.text($0) }
    }
}
