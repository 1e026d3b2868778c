import Foundation

/// Writes outgoing RFC 5322 messages: UTF-8, quoted-printable bodies with CRLF line ends (libcurl sends no
/// 8BITMIME), RFC 2047 headers, and no header value able to inject a line.
enum MimeWriter {
    /// Removes CR, LF and other control characters: a value from a message or the store never adds a header.
    static func sanitize(_ value: String) -> String {
        // Printable ASCII (most names, addresses and subjects) has nothing to replace.
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return value.trimmedWhitespace }
        return String(value.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
            .trimmedWhitespace
    }

    /// RFC 2047 `B` encoding, split into words of at most 75 characters without cutting a UTF-8 sequence.
    static func encodeWord(_ value: String) -> String {
        let clean = sanitize(value)
        if clean.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) && !clean.contains("=?") { return clean }
        var words: [String] = []
        var chunk = ""
        for ch in clean {
            if (chunk + String(ch)).utf8.count > 45 { words.append(chunk); chunk = "" }
            chunk.append(ch)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: "\r\n ")
    }

    /// `"Name" <address>` with the name encoded when needed.
    static func mailbox(name: String?, address: String) -> String {
        let addr = sanitize(address).filter { $0 != "<" && $0 != ">" && $0 != "," && $0 != " " }
        guard let name, !name.isEmpty else { return "<\(addr)>" }
        let clean = sanitize(name)
        let shown = clean.unicodeScalars.allSatisfy(\.isASCII)
            ? "\"" + clean.replacingEvery("\\", with: "").replacingEvery("\"", with: "") + "\""
            : encodeWord(clean)
        return "\(shown) <\(addr)>"
    }

    /// Quoted-printable with CRLF line ends and soft breaks before 76 columns, built on bytes.
    static func quotedPrintable(_ text: String) -> String {
        let hex = HexDigits.upper
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 2)
        var column = 0
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1; continue } // CRLF handled at LF
            if b == 0x0A { out.append(0x0D); out.append(0x0A); column = 0; i += 1; continue }
            let atLineEnd = i + 1 == bytes.count || bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D
            let literal = (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !atLineEnd)
            let width = literal ? 1 : 3
            if column + width > 75 { out.append(0x3D); out.append(0x0D); out.append(0x0A); column = 0 }
            if literal { out.append(b) } else { out.append(0x3D); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)]) }
            column += width
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Tue, 09 Mar 2027 07:00:00 +0000`, in UTC with English names as RFC 5322 wants; by hand, because a
    /// DateFormatter costs more than the rest of the headers together, on every reply.
    static func rfc5322Date(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        let two = { (n: Int32) in CivilDate.padded(Int(n), 2) }
        return "\(weekdays[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(Int(parts.tm_year) + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    struct Outgoing {
        var from: (name: String, address: String)
        var to: String
        var subject: String
        var date: Date
        var messageId: String
        var inReplyTo: String?
        var references: [String]
        var loopMarker: String
        var text: String
        var html: String
        /// RFC 3834: `auto-replied` for an answer, `auto-generated` for a mail of our own (reminders).
        var autoSubmitted = "auto-replied"
    }

    static func build(_ o: Outgoing) -> [UInt8] {
        // 128 random bits from getrandom (Foundation's UUID opens /dev/urandom for each one).
        var rng = SystemRandomNumberGenerator()
        let boundary = "=_ef_" + [rng.next(), rng.next()].map { (n: UInt64) in
            let h = String(n, radix: 16)
            return String(repeating: "0", count: 16 - h.count) + h
        }.joined()
        var h: [String] = []
        h.append("From: " + mailbox(name: o.from.name, address: o.from.address))
        h.append("To: " + mailbox(name: nil, address: o.to))
        h.append("Subject: " + encodeWord(o.subject))
        h.append("Date: " + rfc5322Date(o.date))
        h.append("Message-ID: <\(sanitize(o.messageId))>")
        if let r = o.inReplyTo { h.append("In-Reply-To: <\(sanitize(r))>") }
        let refs = o.references.map { "<\(sanitize($0))>" }
        if !refs.isEmpty { h.append("References: " + refs.joined(separator: "\r\n ")) }
        h.append("Auto-Submitted: \(o.autoSubmitted)")
        h.append("X-Auto-Response-Suppress: All")
        h.append("\(AutomatedMailHeader.name): \(sanitize(o.loopMarker))")
        h.append("MIME-Version: 1.0")
        h.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
        var body = h.joined(separator: "\r\n") + "\r\n\r\n"
        body += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        body += quotedPrintable(o.text) + "\r\n"
        body += "--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        body += quotedPrintable(o.html) + "\r\n"
        body += "--\(boundary)--\r\n"
        return Array(body.utf8)
    }
}

import Parsers
enum AutomatedMailHeader {
    static let name = AutomatedMail.loopHeader
}
