import Foundation

/// A calendar day with no time zone: what parents and the town's calendar talk about.
public struct CivilDate: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((dayNumber % 7 + 7 + 3) % 7) + 1 }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    public func days(until other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `2027-03-09`. Dates are formatted for every query and every reading: interpolation, not `String(format:)`,
    /// which went through Foundation's formatter each time.
    public var iso: String { "\(CivilDate.padded(year, 4))-\(CivilDate.padded(month, 2))-\(CivilDate.padded(day, 2))" }

    /// `n` in decimal, zeros in front up to `width` digits.
    public static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return n < 0 || digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public var description: String { iso }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = CivilDate(iso: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(s)"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

/// Wall-clock time in Europe/Paris, computed from the EU summer-time rule (last Sunday of March to last Sunday of
/// October, switching at 01:00 UTC) so that pure code needs no time zone database.
public struct ParisTime: Sendable, Equatable {
    public let date: CivilDate
    public let hour: Int
    public let minute: Int

    public init(date: CivilDate, hour: Int, minute: Int) {
        self.date = date; self.hour = hour; self.minute = minute
    }

    public init(_ instant: Date) {
        // A hostile Date header must not trap the conversion: clamp to years 0–9999.
        let raw = instant.timeIntervalSince1970
        let bounded = raw.isFinite ? min(max(raw, -62_167_219_200), 253_402_300_799) : 0
        let seconds = Int(bounded.rounded(.down))
        let offset = ParisTime.utcOffsetSeconds(atUnix: seconds)
        let local = seconds + offset
        let days = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let rest = local - days * 86400
        date = CivilDate(dayNumber: days)
        hour = rest / 3600
        minute = (rest % 3600) / 60
    }

    public static func utcOffsetSeconds(atUnix t: Int) -> Int {
        let utcDay = CivilDate(dayNumber: t >= 0 ? t / 86400 : (t - 86399) / 86400)
        let start = lastSunday(month: 3, year: utcDay.year).dayNumber * 86400 + 3600
        let end = lastSunday(month: 10, year: utcDay.year).dayNumber * 86400 + 3600
        return (t >= start && t < end) ? 7200 : 3600
    }

    static func lastSunday(month: Int, year: Int) -> CivilDate {
        let last = CivilDate(year: year, month: month, day: CivilDate.daysIn(month: month, year: year))!
        return last.adding(days: -(last.weekday % 7))
    }

    /// The instant at which this wall-clock time happens in Paris.
    public var instant: Date {
        let naive = date.dayNumber * 86400 + hour * 3600 + minute * 60
        let offset = ParisTime.utcOffsetSeconds(atUnix: naive - 3600)
        return Date(timeIntervalSince1970: TimeInterval(naive - offset))
    }
}
