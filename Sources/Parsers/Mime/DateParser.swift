import Foundation

/// Dates as mail clients write them: RFC 5322 and its obsolete forms (2-digit years, named and
/// military zones, missing seconds or weekday), asctime, ISO 8601, and the human forms of forward
/// headers ("sam. 6 mars 2027 à 10:31", "dimanche 7 mars 2027 20:03", "March 8, 2027 at 10:12 AM").
/// A date without a zone is read as Paris wall-clock time.
public enum DateParser {
    static let months: [String: Int] = [
        "jan": 1, "january": 1, "janv": 1, "janvier": 1, "feb": 2, "february": 2, "fev": 2, "fevr": 2, "février": 2,
        "fevrier": 2, "févr": 2, "fév": 2, "mar": 3, "march": 3, "mars": 3, "apr": 4, "april": 4, "avr": 4,
        "avril": 4, "may": 5, "mai": 5, "jun": 6, "june": 6, "juin": 6, "jul": 7, "july": 7, "juil": 7,
        "juillet": 7, "aug": 8, "august": 8, "aou": 8, "août": 8, "aout": 8, "sep": 9, "sept": 9, "september": 9,
        "septembre": 9, "oct": 10, "october": 10, "octobre": 10, "nov": 11, "november": 11, "novembre": 11,
        "dec": 12, "december": 12, "déc": 12, "décembre": 12, "decembre": 12,
    ]
    static let zones: [String: Int] = [
        "gmt": 0, "ut": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420,
        "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "met": 60, "mest": 120, "bst": 60,
        "wet": 0, "west": 60, "eet": 120, "eest": 180,
    ]

    static let weekdays: Set<String> = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    public static func parse(_ value: String) -> Date? {
        // Tokens: runs of letters, runs of digits, and single punctuation marks.
        var tokens: [String] = []
        var cur = ""
        var curIsDigit = false
        let lowered = value.lowercased()
        for ch in lowered.prefix(200) {
            let isDigit = ch.isASCII && ch.isNumber
            let isLetter = ch.isLetter
            if isDigit || isLetter {
                if !cur.isEmpty && curIsDigit != isDigit { tokens.append(cur); cur = "" }
                cur.append(ch); curIsDigit = isDigit
            } else {
                if !cur.isEmpty { tokens.append(cur); cur = "" }
                if ch == "+" || ch == "-" || ch == ":" || ch == "/" || ch == "." || ch == "(" || ch == ")" { tokens.append(String(ch)) }
            }
        }
        if !cur.isEmpty { tokens.append(cur) }

        var day: Int?, month: Int?, year: Int?
        var hour: Int?, minute = 0, second = 0
        var zone: Int? = nil
        // "UTC+1": a named zone may be followed by an offset.
        var zoneFromName = false
        var pm: Bool? = nil
        var inComment = false
        var k = 0
        func num(_ t: String) -> Int? { t.first?.isNumber == true ? Int(t) : nil }
        while k < tokens.count {
            let t = tokens[k]
            if t == "(" { inComment = true; k += 1; continue }
            if t == ")" { inComment = false; k += 1; continue }
            if inComment { k += 1; continue }
            if let v = num(t) {
                // Time hh:mm[:ss] or hh h mm.
                if k + 2 < tokens.count, tokens[k + 1] == ":" || tokens[k + 1] == "h", let m = num(tokens[k + 2]), hour == nil {
                    hour = v; minute = m; k += 3
                    if k + 1 < tokens.count, tokens[k] == ":", let sec = num(tokens[k + 1]) { second = sec; k += 2 }
                    // ".123" fractions.
                    if k + 1 < tokens.count, tokens[k] == ".", num(tokens[k + 1]) != nil { k += 2 }
                    continue
                }
                // Numeric zone after a time: +0100 / -05:00.
                if hour != nil, k > 0, tokens[k - 1] == "+" || tokens[k - 1] == "-", t.count <= 4, t.count != 3,
                   zone == nil || zoneFromName,
                   day != nil || year != nil {
                    var hh = 0, mm = 0
                    if t.count == 4 { hh = v / 100; mm = v % 100 }
                    else { hh = v; if k + 2 < tokens.count, tokens[k + 1] == ":", let m = num(tokens[k + 2]) { mm = m; k += 2 } }
                    zone = (tokens[k - 1] == "-" ? -1 : 1) * (hh * 60 + mm) + (zoneFromName ? zone ?? 0 : 0)
                    zoneFromName = false
                    k += 1; continue
                }
                // Numeric dates: 2027-03-08, 08/03/2027, 08.03.2027.
                if k + 4 < tokens.count, ["-", "/", "."].contains(tokens[k + 1]), tokens[k + 3] == tokens[k + 1],
                   let b = num(tokens[k + 2]), let c = num(tokens[k + 4]), day == nil, month == nil {
                    if t.count == 4 { year = v; month = b; day = c } else { day = v; month = b; year = c }
                    k += 5
                    if k < tokens.count, tokens[k] == "t" { k += 1 }
                    continue
                }
                if t.count >= 3 || (day != nil && month != nil && year == nil) || v > 31 {
                    if year == nil { year = v }
                } else if day == nil { day = v }
                else if year == nil { year = v }
                k += 1; continue
            }
            if !weekdays.contains(t), let m = months[t] ?? (t.count >= 3 ? months[String(t.prefix(3))] : nil) {
                // The last month word wins: in "mar. 9 mars", "mar" is Tuesday.
                month = m
            }
            else if let z = zones[t], zone == nil, hour != nil { zone = z; zoneFromName = true }
            else if t == "pm" { pm = true } else if t == "am" { pm = false }
            k += 1
        }
        guard let d = day, let mo = month, var y = year else { return nil }
        if y < 50 { y += 2000 } else if y < 100 || (y >= 100 && y < 1000) { y += 1900 }
        // Far years would overflow the seconds arithmetic (found by the fuzzer).
        guard (1000...9999).contains(y) else { return nil }
        var h = hour ?? 0
        if let pm { if pm && h < 12 { h += 12 } else if !pm && h == 12 { h = 0 } }
        guard let civil = CivilDate(year: y, month: mo, day: d), (0...23).contains(h), (0...59).contains(minute),
              (0...60).contains(second) else { return nil }
        guard let z = zone else {
            return ParisTime(date: civil, hour: h, minute: minute).instant.addingTimeInterval(TimeInterval(second))
        }
        let t = civil.dayNumber * 86400 + h * 3600 + minute * 60 + second - z * 60
        return Date(timeIntervalSince1970: TimeInterval(t))
    }
}
