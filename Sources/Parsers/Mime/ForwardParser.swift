/// Reads the header block of an inline forward ("De : …", "Date: …", "Objet : …") and the original
/// text under it.
enum ForwardParser {
    static func parse(lines: [Substring], normalized: [String], block: Markers.ForwardBlock) -> ForwardedOriginal {
        var values: [String: String] = [:]
        var i = block.headerStart
        var lastKey: String? = nil
        // Quoted forwards (Apple Mail replies to forwards) carry "> " on every line.
        func strip(_ l: Substring) -> String {
            var s = l
            while s.first == ">" { s = s.dropFirst(); if s.first == " " { s = s.dropFirst() } }
            return String(s).replacingOccurrences(of: "\u{A0}", with: " ")
        }
        while i < lines.count {
            let raw = strip(lines[i])
            let trimmed = raw.trimmedSpaces
            if trimmed.isEmpty { if values.isEmpty { i += 1; continue } else { break } }
            if let (k, _) = Markers.headerLine(trimmed.lowercased()) {
                // Value from the original (case kept).
                let colon = trimmed.firstIndex(of: ":")!
                let v = trimmed[trimmed.index(after: colon)...].trimming(" *\t")
                if values[k] == nil { values[k] = v }
                lastKey = k
            } else if let k = lastKey, k == "to" || k == "cc", trimmed.utf8.contains(64) {
                // Wrapped recipient list. Anything else ends the block: HTML-converted forwards have
                // no blank line before the body.
                values[k, default: ""] += " " + trimmed
            } else {
                break
            }
            i += 1
        }
        let bodyLines = Array(lines[min(i, lines.count)...]).map { Substring(strip($0)) }
        let bodyNorm = bodyLines.map(TextAnalysis.norm)
        // The original may itself contain a quote or a nested forward; keep its own new text.
        let text: String
        if let nested = Markers.forwardStart(bodyNorm, outlookBlocksAreForwards: false) {
            text = TextAnalysis.newText(Array(bodyLines[0..<nested.index]), Array(bodyNorm[0..<nested.index]))
        } else {
            text = TextAnalysis.newText(bodyLines, bodyNorm)
        }
        // Older Outlook writes "Name [mailto:a@b]".
        let from = values["from"].flatMap {
            AddressParser.parseList($0.replacingOccurrences(of: "[mailto:", with: "<").replacingOccurrences(of: "]", with: ">")).first
        }
        let date = values["date"].flatMap(DateParser.parse)
        return ForwardedOriginal(from: from, date: date, subject: values["subject"], text: text, attachments: [],
                                 viaAttachedMessage: false)
    }
}
