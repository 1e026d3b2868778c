import CCurl
import EspaceCore
import Foundation

/// The IMAP server and credentials, secrets resolved once.
struct IMAPAccount: Sendable {
    let base: String
    let username: String?
    let password: String?
    let oauthToken: String?
    let requireTLS: Bool

    init(server: Settings.Server) throws {
        base = server.url.hasSuffix("/") ? String(server.url.dropLast()) : server.url
        username = server.username
        password = try server.password?.resolve()
        oauthToken = try server.oauthToken?.resolve()
        requireTLS = server.requireTLS ?? false
    }

    /// The same connection, TLS and login options for every libcurl handle (transfers and raw sessions).
    func apply(to c: CurlHandle, timeoutSeconds: Int) {
        c.applyServer(username: username, password: password, oauthToken: oauthToken, requireTLS: requireTLS,
                      timeoutSeconds: timeoutSeconds)
    }
}

/// A raw IMAP conversation for what libcurl has no verb for (IDLE) or cannot carry whole. libcurl connects with
/// CURLOPT_CONNECT_ONLY — implicit TLS or STARTTLS, LOGIN, SASL or XOAUTH2 exactly as for the transfers — then
/// commands are written with curl_easy_send and responses read with curl_easy_recv, waiting on the socket with
/// poll() in short slices so that a stop request is seen promptly.
final class IMAPSession {
    private let curl: CurlHandle
    private var buffer: [UInt8] = []
    private var counter = 0
    let timeoutSeconds: Int
    /// Literals above this size fail the read (a message over the size limit).
    var maxLiteral = Int.max

    init(account: IMAPAccount, timeoutSeconds: Int = 60, abort: (() -> Bool)? = nil) throws {
        self.timeoutSeconds = timeoutSeconds
        curl = try CurlHandle()
        _ = try curl.perform("IMAP connect", abort: abort) { c in
            account.apply(to: c, timeoutSeconds: timeoutSeconds)
            c.set(CURLOPT_URL, account.base + "/")
            c.set(CURLOPT_CONNECT_ONLY, 1)
            // An IDLE connection is silent for minutes: keepalives hold NAT mappings and reveal a dead peer.
            c.set(CURLOPT_TCP_KEEPALIVE, 1)
            c.set(CURLOPT_TCP_KEEPIDLE, 60)
            c.set(CURLOPT_TCP_KEEPINTVL, 30)
        }
    }

    /// Sends `TAG text` and returns the tag.
    @discardableResult
    func send(_ text: String) throws -> String {
        counter += 1
        let tag = "M\(counter)"
        try sendLine("\(tag) \(text)")
        return tag
    }

    /// Sends one untagged line (IDLE's `DONE`).
    func sendLine(_ line: String) throws {
        try curl.send(Array((line + "\r\n").utf8), operation: "IMAP send", timeoutSeconds: timeoutSeconds)
    }

    /// Sends a command and reads its responses up to the tagged one, which must be OK.
    @discardableResult
    func command(_ text: String) throws -> [IMAPResponse] {
        let tag = try send(text)
        return try responses(until: tag, verb: String(text.prefix { $0 != " " }))
    }

    /// Reads responses up to the one tagged `tag` (included); throws unless it is OK.
    func responses(until tag: String, verb: String, onUntagged: (IMAPResponse) throws -> Void = { _ in }) throws -> [IMAPResponse] {
        var out: [IMAPResponse] = []
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        while true {
            guard let r = try read(until: deadline) else {
                throw MailTransportError(operation: "IMAP \(verb)", code: Int(CURLE_OPERATION_TIMEDOUT.rawValue),
                                         detail: "no answer in \(timeoutSeconds) s")
            }
            out.append(r)
            if r.tag == tag {
                guard r.word == "OK" else {
                    throw MailTransportError(operation: "IMAP \(verb)", code: -1, detail: String(r.text.prefix(200)))
                }
                return out
            }
            if r.tag == "*" && r.word == "BYE" {
                throw MailTransportError(operation: "IMAP \(verb)", code: -1, detail: String(r.text.prefix(200)))
            }
            try onUntagged(r)
        }
    }

    /// The next response, waiting until `deadline`; nil at the deadline or as soon as `interrupted` says so
    /// (checked at least every 200 ms). Throws when the server closes the connection.
    func read(until deadline: Date, interrupted: () -> Bool = { false }) throws -> IMAPResponse? {
        while true {
            if let (r, end) = try IMAPResponseParser.next(buffer, from: 0, maxLiteral: maxLiteral) {
                buffer.removeFirst(end)
                return r
            }
            // Read what is there before waiting: TLS may hold decrypted bytes the socket no longer shows.
            if let chunk = try curl.receiveAvailable(operation: "IMAP read") {
                guard !chunk.isEmpty else {
                    throw MailTransportError(operation: "IMAP read", code: Int(CURLE_RECV_ERROR.rawValue), detail: "connection closed by the server")
                }
                buffer += chunk
                continue
            }
            let left = deadline.timeIntervalSinceNow
            if interrupted() || left <= 0 { return nil }
            _ = try curl.wait(events: Int16(POLLIN), milliseconds: Int32(min(200, max(1, left * 1000))))
        }
    }

    /// Capabilities, as the server lists them now (after login they may differ from the greeting's).
    func capabilities() throws -> Set<String> {
        var caps = Set<String>()
        for r in try command("CAPABILITY") where r.tag == "*" && r.word == "CAPABILITY" {
            caps.formUnion(r.text.split(separator: " ").dropFirst(2).map { $0.uppercased() })
        }
        return caps
    }

    /// Ends the session politely; errors do not matter any more.
    func logout() {
        _ = try? command("LOGOUT")
    }

    /// Drops a connection in an unknown state (mid-IDLE, server hung): libcurl's own LOGOUT at cleanup then fails at
    /// once instead of waiting for an answer that will not come.
    func abandon() {
        if let fd = try? curl.activeSocket() { shutdown(fd, Int32(SHUT_RDWR)) }
    }
}
