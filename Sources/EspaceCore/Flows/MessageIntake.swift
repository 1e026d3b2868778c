import Crypto
import Foundation
import Parsers

/// What the daemon decides about a message's bytes before reading it: the size bound, the parser's limits and the
/// ledger key. Shared by the daemon and `explain`, so both see the same message.
public enum MessageIntake {
    public static func parseLimits(_ settings: Settings) -> ParseLimits {
        var l = ParseLimits.default
        l.maxMessageBytes = settings.limits.maxMessageBytes
        return l
    }

    public static func isOversize(_ byteCount: Int, _ settings: Settings) -> Bool {
        byteCount > settings.limits.maxMessageBytes
    }

    /// The ledger outcome of a message over `limits.max_message_bytes` (filed for review untouched).
    public static func oversizeOutcome(_ settings: Settings) -> String {
        "message trop volumineux (> \(settings.limits.maxMessageBytes) octets)"
    }

    /// Trace fields servers put on top of a message in transit: a second delivery of the same mail differs there only.
    static let traceFields: Set<String> = [
        "return-path", "received", "delivered-to", "x-original-to", "authentication-results", "received-spf",
        "arc-seal", "arc-message-signature", "arc-authentication-results", "dkim-filter", "x-envelope-from",
        "x-envelope-to", "x-spam-status", "x-spam-score", "x-spam-flag", "x-spam-checker-version", "x-spam-level",
        "x-virus-scanned", "x-rspamd-queue-id", "x-rspamd-server", "x-rspamd-action",
    ]

    /// SHA-256 of the message from its first field that is not a trace field: identical bytes re-delivered are the
    /// same content, a different mail under a reused Message-ID is not.
    public static func contentHash(_ raw: [UInt8]) -> String {
        var start = 0
        var i = 0
        while i < raw.count {
            var end = i
            while end < raw.count && raw[end] != 10 { end += 1 }
            let line = raw[i..<end]
            if line.isEmpty || line == [13] { start = i; break }  // end of the header: only trace fields above
            if line.first != 32 && line.first != 9 {
                // The field name up to ':', without surrounding blanks, ASCII-lowercased (field names are ASCII).
                let name = line.prefix { $0 != 58 }.drop { $0 == 32 || $0 == 9 }
                let trimmed = name.prefix(name.count - name.reversed().prefix { $0 == 32 || $0 == 9 }.count)
                let lowered = String(decoding: trimmed.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
                if !traceFields.contains(lowered) { start = i; break }
            }
            i = end + 1
            start = i
        }
        return hex(SHA256.hash(data: raw[min(start, raw.count)...]))
    }

    /// Lowercase hexadecimal, by table: `String(format:)` per byte cost more than the hash itself.
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        let digits = HexDigits.lower
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The ledger key: Message-ID plus the content hash (a client that reuses a Message-ID still gets each new mail
    /// handled), or the content hash alone without a Message-ID.
    public static func ledgerKey(messageID: String?, raw: [UInt8]) -> String {
        let hash = contentHash(raw)
        return messageID.map { "mid:\($0)#sha256:\(hash)" } ?? "sha256:" + hash
    }

    /// The keys the ledger used before content hashes (`mid:<Message-ID>`, or `sha256:` of all the bytes): a message
    /// recorded under one of them before an upgrade is still known, never applied twice.
    public static func legacyKeys(messageID: String?, raw: [UInt8]) -> [String] {
        guard let messageID else { return ["sha256:" + hex(SHA256.hash(data: raw))] }
        return ["mid:" + messageID]
    }
}
