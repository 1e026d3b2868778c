import CCurl
import EspaceCore
import Foundation
import Parsers

/// The few IMAP operations the daemon needs, over libcurl. Messages are fetched by UID, one per transfer, or several
/// per transfer for the read-ahead.
final class IMAPClient {
    private var curl: CurlHandle
    private let account: IMAPAccount
    /// Server capabilities, read once per client (MOVE, UIDPLUS).
    private var capabilities: Set<String>?
    /// Test hook: behave as if the server had no MOVE.
    var disableMove = false
    /// How many fetches libcurl's line reader could not carry and went through a raw session instead (tests, logs).
    private(set) var rawSessionFetches = 0

    init(server: Settings.Server) throws {
        curl = try CurlHandle()
        account = try IMAPAccount(server: server)
    }

    private func transfer(_ op: String, path: String, command: String?, maxBytes: Int = 200 << 20) throws -> [UInt8] {
        do {
            return try curl.perform(op, maxBytes: maxBytes) { c in configure(c, path: path, command: command) }
        } catch let e as MailTransportError where IMAPClient.connectionLost.contains(e.code) {
            // The kept connection was closed by the server meanwhile (restart, idle timeout), which libcurl only finds
            // out by using it: once more on a new connection, rather than failing the whole pass.
            curl = try CurlHandle()
            return try curl.perform(op, maxBytes: maxBytes) { c in configure(c, path: path, command: command) }
        }
    }

    /// CURLE_SEND_ERROR, CURLE_RECV_ERROR.
    static let connectionLost: Set<Int> = [Int(CURLE_SEND_ERROR.rawValue), Int(CURLE_RECV_ERROR.rawValue)]

    private func configure(_ c: CurlHandle, path: String, command: String?) {
        c.reset()
        account.apply(to: c, timeoutSeconds: 120)
        c.set(CURLOPT_URL, account.base + "/" + path)
        // libcurl percent-decodes custom requests: escape % so folder names survive.
        c.set(CURLOPT_CUSTOMREQUEST, command?.replacingOccurrences(of: "%", with: "%25"))
    }

    static func encodePath(_ mailbox: String) -> String {
        // Every byte but ASCII letters, digits and -_.~ as %XX (what Foundation's percent-encoding gave, without
        // bridging the name on every fetch).
        let hex = HexDigits.upper
        var out: [UInt8] = []
        out.reserveCapacity(mailbox.utf8.count)
        for b in mailbox.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(b)
            default:
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func quote(_ mailbox: String) -> String {
        "\"" + mailbox.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Creates the folder unless the server already lists it.
    func ensureFolder(_ name: String) throws {
        if try !hasFolder(name) { _ = try transfer("IMAP CREATE", path: "", command: "CREATE \(IMAPClient.quote(name))") }
    }

    func hasFolder(_ name: String) throws -> Bool {
        let out = String(decoding: try transfer("IMAP LIST", path: "", command: "LIST \"\" \"*\""), as: UTF8.self)
        return out.split(whereSeparator: \.isNewline).contains { line in
            line.hasPrefix("* LIST") && (line.hasSuffix(" " + IMAPClient.quote(name)) || line.hasSuffix(" " + name))
        }
    }

    /// UIDs matching a SEARCH criterion (e.g. `ALL`, `HEADER X-Name "value"`).
    func search(_ mailbox: String, _ criterion: String) throws -> [Int64] {
        let out = String(decoding: try transfer("IMAP SEARCH", path: IMAPClient.encodePath(mailbox),
                                                command: "UID SEARCH \(criterion)"), as: UTF8.self)
        var uids: [Int64] = []
        for line in out.split(whereSeparator: \.isNewline) where line.hasPrefix("* SEARCH") {
            uids += line.dropFirst("* SEARCH".count).split(separator: " ").compactMap { Int64($0) }
        }
        return uids.sorted()
    }

    /// APPENDs a message to a folder.
    func append(_ mailbox: String, raw: [UInt8]) throws {
        _ = try curl.perform("IMAP APPEND", upload: raw) { c in
            c.reset()
            account.apply(to: c, timeoutSeconds: 120)
            c.set(CURLOPT_URL, account.base + "/" + IMAPClient.encodePath(mailbox))
            c.set(CURLOPT_UPLOAD, 1)
            c.set(CURLOPT_INFILESIZE_LARGE, offset: raw.count)
        }
    }

    /// Deletes these messages for good (UID EXPUNGE with UIDPLUS, else EXPUNGE).
    func delete(_ mailbox: String, uids: [Int64]) throws {
        guard !uids.isEmpty else { return }
        let path = IMAPClient.encodePath(mailbox), set = IMAPClient.uidSet(uids)
        _ = try transfer("IMAP STORE", path: path, command: "UID STORE \(set) +FLAGS.SILENT (\\Deleted)")
        _ = try transfer("IMAP EXPUNGE", path: path, command: try capabilitySet().contains("UIDPLUS") ? "UID EXPUNGE \(set)" : "EXPUNGE")
    }

    func uidValidity(_ mailbox: String) throws -> Int64 {
        let out = String(decoding: try transfer("IMAP STATUS", path: "",
                                                command: "STATUS \(IMAPClient.quote(mailbox)) (UIDVALIDITY)"), as: UTF8.self)
        guard let r = out.range(of: "UIDVALIDITY "),
              let v = Int64(out[r.upperBound...].prefix { $0.isNumber }) else {
            throw MailTransportError(operation: "IMAP STATUS", code: -1, detail: "no UIDVALIDITY in \(out.prefix(200))")
        }
        return v
    }

    /// UIDs of every message in the mailbox, in Date order then arrival order (RFC 5256 `SORT (DATE)`: a message
    /// without a valid Date counts by its arrival), so that a batch is handled in the order its mails were written.
    /// A server without SORT gives arrival (UID) order.
    func allUIDs(_ mailbox: String) throws -> [Int64] {
        // libcurl keeps the mailbox selected across transfers; NOOP makes the server report mail delivered since.
        _ = try transfer("IMAP NOOP", path: IMAPClient.encodePath(mailbox), command: "NOOP")
        if let sorted = try? transfer("IMAP SORT", path: IMAPClient.encodePath(mailbox), command: "UID SORT (DATE) UTF-8 ALL"),
           let uids = IMAPClient.numbers(after: "* SORT", in: sorted) {
            return uids
        }
        let out = try transfer("IMAP SEARCH", path: IMAPClient.encodePath(mailbox), command: "UID SEARCH UID 1:*")
        return (IMAPClient.numbers(after: "* SEARCH", in: out) ?? []).sorted()
    }

    /// The size of every message of the mailbox by UID (`UID FETCH 1:* (RFC822.SIZE)`): the read-ahead fetches small
    /// ones several per command.
    func sizes(_ mailbox: String) throws -> [Int64: Int] {
        try IMAPResponseParser.fetchedSizes(
            transfer("IMAP FETCH", path: IMAPClient.encodePath(mailbox), command: "UID FETCH 1:* (RFC822.SIZE)"))
    }

    /// The numbers of the untagged `prefix` response lines, nil when there is none.
    static func numbers(after prefix: String, in response: [UInt8]) -> [Int64]? {
        var found = false
        var out: [Int64] = []
        for line in String(decoding: response, as: UTF8.self).split(whereSeparator: \.isNewline) where line.hasPrefix(prefix) {
            found = true
            out += line.dropFirst(prefix.count).split(separator: " ").compactMap { Int64($0.trimmedWhitespace) }
        }
        return found ? out : nil
    }

    /// CAPABILITY, once.
    func capabilitySet() throws -> Set<String> {
        if let capabilities { return capabilities }
        let out = String(decoding: try transfer("IMAP CAPABILITY", path: "", command: "CAPABILITY"), as: UTF8.self)
        var caps = Set<String>()
        for line in out.split(whereSeparator: \.isNewline) where line.hasPrefix("* CAPABILITY") {
            caps.formUnion(line.split(separator: " ").dropFirst(2).map { $0.uppercased() })
        }
        capabilities = caps
        return caps
    }

    /// The raw message, left unseen: `UID FETCH n BODY.PEEK[]` as a custom request (libcurl's `;UID=n` URL fetch
    /// sends `BODY[]`, which sets \Seen). libcurl hands a custom request's untagged lines to the write callback but
    /// the literal's lines only to the header callback, which sees every response line in order: the message is
    /// cut from that stream by its exact `{n}` count. A mail libcurl's line reader cannot carry whole (a line past
    /// half its 512 KiB buffer is clipped; a line starting with libcurl's own tag ends the command early) fails the
    /// stream's checks and is fetched again over a raw session; that connection is dropped, since it may still hold
    /// the rest of the literal.
    func fetch(_ mailbox: String, uid: Int64, maxBytes: Int) throws -> [UInt8] {
        let path = IMAPClient.encodePath(mailbox)
        // The stream also carries the FETCH line, and on a new connection the greeting, login and SELECT.
        let stream: [UInt8]
        do {
            stream = try curl.performCollectingHeaders("IMAP FETCH", maxBytes: maxBytes + 64 * 1024) { c in
                configure(c, path: path, command: "UID FETCH \(uid) BODY.PEEK[]")
            }
        } catch let e as MailTransportError where [Int(CURLE_WEIRD_SERVER_REPLY.rawValue), Int(CURLE_RECV_ERROR.rawValue)].contains(e.code) {
            // libcurl's line reader gives up on a line that outgrows its buffer.
            return try fetchAgainOverSession(mailbox, uid: uid, maxBytes: maxBytes)
        }
        do {
            return try IMAPResponseParser.fetchedBody(stream, uid: uid, maxBytes: maxBytes)
        } catch IMAPResponseParser.Failure.literalTooLarge(let n) {
            throw MailTransportError(operation: "IMAP FETCH", code: Int(CURLE_WRITE_ERROR.rawValue), detail: "message of \(n) bytes over the limit")
        } catch IMAPResponseParser.Failure.noSuchMessage {
            throw MailTransportError(operation: "IMAP FETCH", code: -1, detail: "UID \(uid) no longer in \(mailbox)")
        } catch {
            // Parse failures only (a transport error is thrown by perform, above the do).
            return try fetchAgainOverSession(mailbox, uid: uid, maxBytes: maxBytes)
        }
    }

    /// Several messages in one `UID FETCH` (the read-ahead: one command and one round trip instead of one per mail),
    /// byte-exact like `fetch`, within the same byte bound for all of them together. Throws on whatever `fetch` deals
    /// with itself — a message or a group over the bound, a line libcurl's reader cannot carry, a response it cannot
    /// parse —, after which the connection is a new one; the caller then fetches those messages one by one.
    func fetch(_ mailbox: String, uids: [Int64], maxBytes: Int) throws -> [Int64: [UInt8]] {
        let path = IMAPClient.encodePath(mailbox)
        do {
            let stream = try curl.performCollectingHeaders("IMAP FETCH", maxBytes: maxBytes + 64 * 1024) { c in
                configure(c, path: path, command: "UID FETCH \(IMAPClient.uidSet(uids)) BODY.PEEK[]")
            }
            return try IMAPResponseParser.fetchedBodies(stream, uids: uids, maxBytes: maxBytes)
        } catch {
            curl = try CurlHandle()
            throw error
        }
    }

    private func fetchAgainOverSession(_ mailbox: String, uid: Int64, maxBytes: Int) throws -> [UInt8] {
        curl = try CurlHandle()
        rawSessionFetches += 1
        return try fetchOverSession(mailbox, uid: uid, maxBytes: maxBytes)
    }

    /// The same fetch on a connection of its own (CONNECT_ONLY), read-only (EXAMINE) and parsed by us whole.
    func fetchOverSession(_ mailbox: String, uid: Int64, maxBytes: Int) throws -> [UInt8] {
        let session = try IMAPSession(account: account, timeoutSeconds: 120)
        session.maxLiteral = maxBytes
        do {
            try session.command("EXAMINE \(IMAPClient.quote(mailbox))")
            let body = try IMAPResponseParser.fetchedBody(try session.command("UID FETCH \(uid) BODY.PEEK[]"), uid: uid)
            session.logout()
            return body
        } catch {
            // Possibly mid-literal (a message over the limit): drop the connection rather than read the rest.
            session.abandon()
            switch error {
            case IMAPResponseParser.Failure.literalTooLarge(let n):
                throw MailTransportError(operation: "IMAP FETCH", code: Int(CURLE_WRITE_ERROR.rawValue), detail: "message of \(n) bytes over the limit")
            case let failure as IMAPResponseParser.Failure:
                throw MailTransportError(operation: "IMAP FETCH", code: -1, detail: "UID \(uid): \(failure)")
            default:
                throw error
            }
        }
    }

    func move(_ mailbox: String, uid: Int64, to folder: String) throws {
        try move(mailbox, uids: [uid], to: folder)
    }

    /// One UID MOVE for many messages (`3,5:9,12`): a move per message costs the server an expunge each time.
    /// Without MOVE (RFC 6851): UID COPY, then \Deleted and UID EXPUNGE of exactly those UIDs (UIDPLUS), or a plain
    /// EXPUNGE when the server has no UIDPLUS either.
    func move(_ mailbox: String, uids: [Int64], to folder: String) throws {
        guard !uids.isEmpty else { return }
        let set = IMAPClient.uidSet(uids)
        let path = IMAPClient.encodePath(mailbox)
        let caps = try capabilitySet()
        if caps.contains("MOVE") && !disableMove {
            _ = try transfer("IMAP MOVE", path: path, command: "UID MOVE \(set) \(IMAPClient.quote(folder))")
            return
        }
        _ = try transfer("IMAP COPY", path: path, command: "UID COPY \(set) \(IMAPClient.quote(folder))")
        _ = try transfer("IMAP STORE", path: path, command: "UID STORE \(set) +FLAGS.SILENT (\\Deleted)")
        _ = try transfer("IMAP EXPUNGE", path: path, command: caps.contains("UIDPLUS") ? "UID EXPUNGE \(set)" : "EXPUNGE")
    }

    static func uidSet(_ uids: [Int64]) -> String {
        let sorted = Array(Set(uids)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i]):\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}
