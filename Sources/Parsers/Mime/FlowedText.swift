/// RFC 3676 format=flowed: a line ending in a space continues on the next line (Thunderbird, Apple
/// Mail). Joining them gives back the paragraphs the sender typed.
enum FlowedText {
    static func unflow(_ text: String, delSp: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var first = true
        var continuing = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw
            // Space-stuffing: one leading space was added by the sender.
            if line.first == " " { line = line.dropFirst() }
            if !first && !continuing { out += "\n" }
            first = false
            let isSignature = line == "-- "
            let quoted = line.first == ">"
            if line.last == " " && !isSignature && !quoted {
                out += delSp ? line.dropLast() : line
                continuing = true
            } else {
                out += line
                continuing = false
            }
        }
        return out
    }
}
