import Foundation

/// Placeholder parser (headers + single text body) until the full MIME parser lands.
public enum MessageParser {
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) -> ParsedMessage {
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        let split = text.range(of: "\n\n")
        let head = split.map { String(text[..<$0.lowerBound]) } ?? text
        let body = split.map { String(text[$0.upperBound...]) } ?? ""
        var fields: [HeaderField] = []
        for line in head.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].raw += " " + line.trimmingCharacters(in: .whitespaces)
                fields[fields.count - 1].value = fields[fields.count - 1].raw
            } else if let colon = line.firstIndex(of: ":") {
                let v = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                fields.append(HeaderField(name: String(line[..<colon]), raw: v, value: v))
            }
        }
        let headers = MessageHeaders(fields: fields)
        let root = MimePart(headers: headers, contentType: "text/plain", parameters: [:], charset: "utf-8",
                            disposition: nil, filename: nil, children: [], message: nil, body: Array(body.utf8))
        return ParsedMessage(headers: headers, root: root, textBody: body, htmlBody: nil, newText: body,
                             attachments: [], forwarded: nil, defects: [])
    }
}

public enum AddressParser {
    public static func parseList(_ value: String) -> [EmailAddress] {
        value.split(separator: ",").compactMap { item in
            let s = item.trimmingCharacters(in: .whitespaces)
            if let lt = s.lastIndex(of: "<"), let gt = s.lastIndex(of: ">"), lt < gt {
                let name = s[..<lt].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                return EmailAddress(name: name.isEmpty ? nil : name, address: String(s[s.index(after: lt)..<gt]))
            }
            return s.contains("@") ? EmailAddress(name: nil, address: s) : nil
        }
    }
}

public enum DateParser {
    public static func parse(_ value: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        for format in ["EEE, d MMM yyyy HH:mm:ss Z", "d MMM yyyy HH:mm:ss Z"] {
            f.dateFormat = format
            if let d = f.date(from: value.components(separatedBy: " (").first ?? value) { return d }
        }
        return nil
    }
}

public enum MessageIDParser {
    public static func parseList(_ value: String) -> [String] {
        var out: [String] = []
        var rest = Substring(value)
        while let lt = rest.firstIndex(of: "<"), let gt = rest[lt...].firstIndex(of: ">") {
            out.append(String(rest[rest.index(after: lt)..<gt]))
            rest = rest[rest.index(after: gt)...]
        }
        return out
    }
}
