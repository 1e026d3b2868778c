import Foundation
import Parsers

/// Dates, hours and amounts written the French way for replies ("jeudi 11 mars 2027", "16h30", "92,10 €").
public enum FrenchFormat {
    static let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    static let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                         "octobre", "novembre", "décembre"]
    /// U+00A0, before € and after « / before ».
    public static let nbsp = "\u{00A0}"
    /// U+202F, thousands separator.
    public static let narrowNbsp = "\u{202F}"

    static func dayNumber(_ d: CivilDate) -> String { d.day == 1 ? "1er" : "\(d.day)" }

    /// "jeudi 11 mars 2027", "lundi 1er mars 2027".
    public static func date(_ d: CivilDate) -> String {
        "\(weekdays[d.weekday - 1]) \(dayNumber(d)) \(months[d.month - 1]) \(d.year)"
    }

    /// "5 mars" (the year only when it is not `year`).
    public static func shortDate(_ d: CivilDate, currentYear: Int? = nil) -> String {
        let base = "\(dayNumber(d)) \(months[d.month - 1])"
        return currentYear == d.year ? base : base + " \(d.year)"
    }

    /// "12h", "16h30".
    public static func hour(_ h: Int, _ m: Int = 0) -> String { m == 0 ? "\(h)h" : String(format: "%dh%02d", h, m) }

    /// "jeudi 11 mars 2027 à 12h".
    public static func dateTime(_ t: ParisTime) -> String { "\(date(t.date)) à \(hour(t.hour, t.minute))" }
    public static func dateTime(_ instant: Date) -> String { dateTime(ParisTime(instant)) }

    /// "92,10 €", "1 234,50 €" (narrow no-break space for thousands, no-break space before €).
    public static func amount(cents: Int) -> String {
        let negative = cents < 0
        let c = abs(cents)
        var units = String(c / 100)
        var groups: [String] = []
        while units.count > 3 {
            groups.insert(String(units.suffix(3)), at: 0)
            units = String(units.dropLast(3))
        }
        groups.insert(units, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: narrowNbsp) + String(format: ",%02d", c % 100) + nbsp + "€"
    }

    /// "Élise", "Élise et Éliott", "Élise, Éliott et Léa".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " et " + items.last!
        }
    }

    /// A day list: "du lundi 8 au vendredi 12 mars 2027" style is not needed; dates one by one.
    public static func dates(_ days: [CivilDate]) -> String { list(days.map(date)) }
}
