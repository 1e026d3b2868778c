import Foundation
import Parsers

/// One IMAP server response (RFC 3501 §7) as it came on the wire: the text around its literals and the literals'
/// exact bytes.
struct IMAPResponse: Equatable {
    /// The text before, between and after the literals (one more than `literals`), line ends dropped, the `{n}`
    /// markers kept.
    var segments: [[UInt8]]
    var literals: [[UInt8]]

    /// The text with each literal left out (its marker stays), for matching.
    var text: String { segments.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") }
    /// `*` (untagged), `+` (continuation) or the command's tag.
    var tag: String { String(text.prefix { $0 != " " }) }
    /// The word after the tag (`OK`, `NO`, `BAD`, `BYE`, or the number of `* 3 EXISTS`), upper-cased.
    var word: String { String(text.split(separator: " ").dropFirst().first ?? "").uppercased() }
    /// `* n NAME` → (n, NAME): EXISTS, EXPUNGE, FETCH.
    var numbered: (number: Int64, name: String)? {
        let words = text.split(separator: " ", maxSplits: 3)
        guard words.count >= 3, words[0] == "*", let n = Int64(words[1]) else { return nil }
        return (n, words[2].uppercased())
    }
}

/// Splits the server's byte stream into responses. A line that ends with a literal marker `{n}` (or `{n+}`)
/// continues after exactly n bytes, whatever they hold: CRLFs, bare CRs, NULs, 8-bit bytes, `)`, lines that look
/// like `{123}`, like `* 1 EXISTS` or like a tagged `OK`. Pure: bytes in, responses out.
enum IMAPResponseParser {
    enum Failure: Error, Equatable, CustomStringConvertible {
        /// The server announces a literal larger than we accept (the message is over the size limit).
        case literalTooLarge(Int)
        /// The stream does not hold the complete, well-formed exchange we expected.
        case malformed(String)
        /// A complete, successful exchange without the message: it is no longer in the mailbox.
        case noSuchMessage(Int64)

        var description: String {
            switch self {
            case .literalTooLarge(let n): return "literal of \(n) bytes over the limit"
            case .malformed(let why): return "malformed response: \(why)"
            case .noSuchMessage(let uid): return "no message with UID \(uid)"
            }
        }
    }

    static let lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// The next complete response starting at `start`, and where the one after it starts; nil when the bytes end
    /// before it does (read more and call again).
    static func next(_ bytes: [UInt8], from start: Int, maxLiteral: Int = .max) throws -> (IMAPResponse, Int)? {
        var segments: [[UInt8]] = [], literals: [[UInt8]] = []
        var pos = start
        while true {
            guard let lineEnd = bytes[pos...].firstIndex(of: lf) else { return nil }
            var segment = Array(bytes[pos..<lineEnd])
            if segment.last == cr { segment.removeLast() }
            segments.append(segment)
            guard let size = literalSize(segment) else {
                return (IMAPResponse(segments: segments, literals: literals), lineEnd + 1)
            }
            guard size <= maxLiteral else { throw Failure.literalTooLarge(size) }
            let literalStart = lineEnd + 1
            guard bytes.count - literalStart >= size else { return nil }
            literals.append(Array(bytes[literalStart..<literalStart + size]))
            pos = literalStart + size
        }
    }

    /// The size in a literal marker ending this line (`{123}`, or `{123+}` for LITERAL+), nil when there is none.
    static func literalSize(_ line: [UInt8]) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        var digits = line[(open + 1)..<(line.count - 1)]
        if digits.last == UInt8(ascii: "+") { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 12, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    /// Every complete response in `bytes`; throws when bytes are left over (a response cut short).
    static func all(_ bytes: [UInt8], maxLiteral: Int = .max) throws -> [IMAPResponse] {
        var out: [IMAPResponse] = []
        var pos = 0
        while pos < bytes.count {
            guard let (r, end) = try next(bytes, from: pos, maxLiteral: maxLiteral) else {
                throw Failure.malformed("\(bytes.count - pos) bytes left after the last complete response")
            }
            out.append(r)
            pos = end
        }
        return out
    }

    /// The message of `UID FETCH uid BODY.PEEK[]`, from the exchange's whole stream (which may begin with the
    /// greeting, login and SELECT of a new connection). The stream must end with the command's tagged OK, and the
    /// FETCH must close right after the literal: a literal cut short by the transport shows up as one of these.
    static func fetchedBody(_ stream: [UInt8], uid: Int64, maxBytes: Int = .max) throws -> [UInt8] {
        try fetchedBody(all(stream, maxLiteral: maxBytes), uid: uid)
    }

    static func fetchedBody(_ responses: [IMAPResponse], uid: Int64) throws -> [UInt8] {
        guard let last = responses.last, last.tag != "*", last.tag != "+" else {
            throw Failure.malformed("no tagged completion")
        }
        guard last.word == "OK" else { throw Failure.malformed("FETCH refused: \(last.text.prefix(200))") }
        for r in responses.dropLast() {
            guard r.tag == "*", let (_, name) = r.numbered, name == "FETCH" else { continue }
            guard let i = bodyLiteralIndex(r) else { continue } // an unsolicited FETCH (flags of another message)
            if let u = fetchedUID(r), u != uid { continue }
            let close = String(decoding: r.segments[r.segments.count - 1], as: UTF8.self)
            guard close.hasSuffix(")") else {
                throw Failure.malformed("FETCH does not close after the message (\(close.prefix(80)))")
            }
            return r.literals[i]
        }
        throw Failure.noSuchMessage(uid)
    }

    /// The messages of `UID FETCH set BODY.PEEK[]`, by UID. With several messages in one answer each FETCH must name
    /// its UID (RFC 3501 requires it in answer to UID FETCH), so that none is taken for another; every UID asked must
    /// be there.
    static func fetchedBodies(_ stream: [UInt8], uids: [Int64], maxBytes: Int = .max) throws -> [Int64: [UInt8]] {
        let responses = try all(stream, maxLiteral: maxBytes)
        guard let last = responses.last, last.tag != "*", last.tag != "+" else {
            throw Failure.malformed("no tagged completion")
        }
        guard last.word == "OK" else { throw Failure.malformed("FETCH refused: \(last.text.prefix(200))") }
        let wanted = Set(uids)
        var out: [Int64: [UInt8]] = [:]
        for r in responses.dropLast() {
            guard r.tag == "*", let (_, name) = r.numbered, name == "FETCH", let i = bodyLiteralIndex(r) else { continue }
            guard let u = fetchedUID(r) else { throw Failure.malformed("FETCH without UID") }
            guard wanted.contains(u) else { continue }
            let close = String(decoding: r.segments[r.segments.count - 1], as: UTF8.self)
            guard close.hasSuffix(")") else {
                throw Failure.malformed("FETCH does not close after the message (\(close.prefix(80)))")
            }
            out[u] = r.literals[i]
        }
        for u in uids where out[u] == nil { throw Failure.noSuchMessage(u) }
        return out
    }

    /// The literal that follows `BODY[]` (a server may echo it as `BODY[]<0>`).
    private static func bodyLiteralIndex(_ r: IMAPResponse) -> Int? {
        for i in r.literals.indices {
            var before = String(decoding: r.segments[i], as: UTF8.self).uppercased()
            guard let brace = before.lastIndex(of: "{") else { continue }
            before = String(before[..<brace]).trimmedWhitespace
            if before.hasSuffix("BODY[]") || before.hasSuffix("BODY[]<0>") { return i }
        }
        return nil
    }

    /// The `UID n` item of a FETCH response, when the server gives it outside the literals: the number after the
    /// first word `UID` (any case; words split at spaces and parentheses), read on bytes.
    static func fetchedUID(_ r: IMAPResponse) -> Int64? { number(after: "uid", in: r) }

    /// The sizes in the answer to `UID FETCH set (RFC822.SIZE)`, by UID (FETCH responses without both are left out).
    static func fetchedSizes(_ stream: [UInt8]) throws -> [Int64: Int] {
        var sizes: [Int64: Int] = [:]
        for r in try all(stream) {
            guard r.tag == "*", r.numbered?.name == "FETCH", let uid = fetchedUID(r),
                  let size = number(after: "rfc822.size", in: r), let n = Int(exactly: size) else { continue }
            sizes[uid] = n
        }
        return sizes
    }

    /// The number after the first word `word` (lower-case ASCII, matched in any case) outside the literals.
    private static func number(after word: String, in r: IMAPResponse) -> Int64? {
        let name = Array(word.utf8)
        for segment in r.segments {
            let words = segment.split(whereSeparator: { $0 == 32 || $0 == 40 || $0 == 41 })
            guard let i = words.firstIndex(where: { w in w.count == name.count && w.elementsEqual(name) { $0 | 0x20 == $1 } }),
                  i + 1 < words.count, let n = Int64(String(decoding: words[i + 1], as: UTF8.self)) else { continue }
            return n
        }
        return nil
    }
}
