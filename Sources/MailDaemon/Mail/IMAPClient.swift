import CCurl
import EspaceCore
import Foundation

/// The few IMAP operations the daemon needs, over libcurl. Messages are fetched one per transfer by UID.
final class IMAPClient {
    private let curl: CurlHandle
    private let base: String
    private let username: String?
    private let password: String?
    private let oauthToken: String?
    private let requireTLS: Bool
    /// Server capabilities, read once per client (MOVE, UIDPLUS).
    private var capabilities: Set<String>?
    /// Test hook: behave as if the server had no MOVE.
    var disableMove = false

    init(server: Settings.Server) throws {
        curl = try CurlHandle()
        base = server.url.hasSuffix("/") ? String(server.url.dropLast()) : server.url
        username = server.username
        password = try server.password?.resolve()
        oauthToken = try server.oauthToken?.resolve()
        requireTLS = server.requireTLS ?? false
    }

    private func transfer(_ op: String, path: String, command: String?, maxBytes: Int = 200 << 20) throws -> [UInt8] {
        try curl.perform(op, maxBytes: maxBytes) { c in
            c.reset()
            c.applyServer(username: username, password: password, oauthToken: oauthToken, requireTLS: requireTLS,
                          timeoutSeconds: 120)
            c.set(CURLOPT_URL, base + "/" + path)
            // libcurl percent-decodes custom requests: escape % so folder names survive.
            c.set(CURLOPT_CUSTOMREQUEST, command?.replacingOccurrences(of: "%", with: "%25"))
        }
    }

    static func encodePath(_ mailbox: String) -> String {
        mailbox.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? mailbox
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
            c.applyServer(username: username, password: password, oauthToken: oauthToken, requireTLS: requireTLS,
                          timeoutSeconds: 120)
            c.set(CURLOPT_URL, base + "/" + IMAPClient.encodePath(mailbox))
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

    /// The numbers of the untagged `prefix` response lines, nil when there is none.
    static func numbers(after prefix: String, in response: [UInt8]) -> [Int64]? {
        var found = false
        var out: [Int64] = []
        for line in String(decoding: response, as: UTF8.self).split(whereSeparator: \.isNewline) where line.hasPrefix(prefix) {
            found = true
            out += line.dropFirst(prefix.count).split(separator: " ").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
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

    /// UIDs without \Seen. libcurl fetches with BODY[] (its URL fetch cannot PEEK, and a custom FETCH drops the
    /// literal's lines), which sets \Seen: the daemon notes which messages were unseen and clears the flag again.
    func unseenUIDs(_ mailbox: String) throws -> Set<Int64> {
        let out = String(decoding: try transfer("IMAP SEARCH", path: IMAPClient.encodePath(mailbox),
                                                command: "UID SEARCH UNSEEN"), as: UTF8.self)
        var uids = Set<Int64>()
        for line in out.split(whereSeparator: \.isNewline) where line.hasPrefix("* SEARCH") {
            uids.formUnion(line.dropFirst("* SEARCH".count).split(separator: " ").compactMap { Int64($0) })
        }
        return uids
    }

    /// Clears \Seen on these messages (they were unseen before the daemon read them).
    func markUnseen(_ mailbox: String, uids: [Int64]) throws {
        guard !uids.isEmpty else { return }
        _ = try transfer("IMAP STORE", path: IMAPClient.encodePath(mailbox),
                         command: "UID STORE \(IMAPClient.uidSet(uids)) -FLAGS.SILENT (\\Seen)")
    }

    func fetch(_ mailbox: String, uid: Int64, maxBytes: Int) throws -> [UInt8] {
        try transfer("IMAP FETCH", path: "\(IMAPClient.encodePath(mailbox))/;UID=\(uid)", command: nil, maxBytes: maxBytes)
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
