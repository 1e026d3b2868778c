/// RFC 3676 format=flowed: a line ending in a space continues on the next line (Thunderbird, Apple
/// Mail). Joining them gives back the paragraphs the sender typed.
enum FlowedText {
    /// One pass over the UTF-8 bytes (lines as Substrings cost a Character walk of the whole text).
    static func unflow(_ text: String, delSp: Bool) -> String {
        var text = text
        return text.withUTF8 { t in
            let n = t.count
            return String(unsafeUninitializedCapacity: n) { out in
                var w = 0
                var first = true, continuing = false
                var a = 0
                while a <= n {
                    var b = a
                    while b < n, t[b] != 10 { b += 1 }
                    var s = a
                    // Space-stuffing: one leading space was added by the sender.
                    if s < b, t[s] == 32 { s += 1 }
                    if !first && !continuing { out[w] = 10; w += 1 }
                    first = false
                    let isSignature = b - s == 3 && t[s] == 45 && t[s + 1] == 45 && t[s + 2] == 32
                    let quoted = s < b && t[s] == 62
                    var e = b
                    if s < b, t[b - 1] == 32, !isSignature, !quoted {
                        if delSp { e -= 1 }
                        continuing = true
                    } else {
                        continuing = false
                    }
                    for k in s..<e { out[w] = t[k]; w += 1 }
                    a = b + 1
                }
                return w
            }
        }
    }
}
