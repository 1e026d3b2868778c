import Foundation

/// Writes outgoing RFC 5322 messages: UTF-8, quoted-printable bodies with CRLF line ends (libcurl sends no
/// 8BITMIME), RFC 2047 headers, and no header value able to inject a line.
enum MimeWriter {
    /// Removes CR, LF and other control characters: a value from a message or the store never adds a header.
    static func sanitize(_ value: String) -> String {
        String(value.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
            .trimmingCharacters(in: .whitespaces)
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
            ? "\"" + clean.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "") + "\""
            : encodeWord(clean)
        return "\(shown) <\(addr)>"
    }

    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            var current = ""
            let bytes = Array(line.utf8)
            for (j, b) in bytes.enumerated() {
                let isLast = j == bytes.count - 1
                var piece: String
                if (b >= 33 && b <= 126 && b != 61) || (b == 32 && !isLast) || (b == 9 && !isLast) {
                    piece = String(UnicodeScalar(b))
                } else {
                    piece = String(format: "=%02X", b)
                }
                if current.count + piece.count > 75 {
                    out += current + "=\r\n"
                    current = ""
                }
                current += piece
            }
            out += current
            if i < lines.count - 1 { out += "\r\n" }
        }
        return out
    }

    static func rfc5322Date(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 0)
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
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
    }

    static func build(_ o: Outgoing) -> [UInt8] {
        let boundary = "=_ef_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var h: [String] = []
        h.append("From: " + mailbox(name: o.from.name, address: o.from.address))
        h.append("To: " + mailbox(name: nil, address: o.to))
        h.append("Subject: " + encodeWord(o.subject))
        h.append("Date: " + rfc5322Date(o.date))
        h.append("Message-ID: <\(sanitize(o.messageId))>")
        if let r = o.inReplyTo { h.append("In-Reply-To: <\(sanitize(r))>") }
        let refs = o.references.map { "<\(sanitize($0))>" }
        if !refs.isEmpty { h.append("References: " + refs.joined(separator: "\r\n ")) }
        h.append("Auto-Submitted: auto-replied")
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
