import CCurl
import EspaceCore
import Foundation

/// Submits finished RFC 5322 messages over SMTP with libcurl.
final class SMTPClient {
    private let curl: CurlHandle
    private let server: Settings.Server
    private let password: String?
    private let oauthToken: String?

    init(server: Settings.Server) throws {
        curl = try CurlHandle()
        self.server = server
        password = try server.password?.resolve()
        oauthToken = try server.oauthToken?.resolve()
    }

    /// `abort` is polled until the whole message is out: true gives up at once (curl 42, the server has no copy).
    /// `dataEnd` runs then, just before the final "."; from there on the server may have taken it, so a stop waits
    /// for its answer (bounded by the timeout) instead of leaving a reply in doubt that would be sent twice.
    func send(raw: [UInt8], from envelopeFrom: String, to recipients: [String], abort: (() -> Bool)? = nil,
              dataEnd: (() -> Void)? = nil) throws {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for r in recipients { list = curl_slist_append(list, "<\(r)>") }
        defer { curl_slist_free_all(list) }
        let dataOut = Flag() // libcurl calls both closures on this thread, inside perform
        let abortBeforeDataEnd = abort.map { abort in { !dataOut.value && abort() } }
        _ = try curl.perform("SMTP", upload: raw, abort: abortBeforeDataEnd, uploadDone: { dataOut.value = true; dataEnd?() }) { c in
            c.reset()
            c.applyServer(username: server.username, password: password, oauthToken: oauthToken,
                          requireTLS: server.requireTLS ?? false, timeoutSeconds: 120)
            c.set(CURLOPT_URL, server.url)
            c.set(CURLOPT_MAIL_FROM, "<\(envelopeFrom)>")
            c.set(CURLOPT_MAIL_RCPT, slist: list)
            c.set(CURLOPT_UPLOAD, 1)
            c.set(CURLOPT_INFILESIZE_LARGE, offset: raw.count)
        }
    }

    /// Connects, logs in and sends NOOP: the server and the credentials work (`check`, start of `run`).
    func verify() throws {
        _ = try curl.perform("SMTP NOOP") { c in
            c.reset()
            c.applyServer(username: server.username, password: password, oauthToken: oauthToken,
                          requireTLS: server.requireTLS ?? false, timeoutSeconds: 30)
            c.set(CURLOPT_CONNECTTIMEOUT, 5) // a check at start: an unreachable server only warns, quickly
            c.set(CURLOPT_URL, server.url)
            c.set(CURLOPT_CUSTOMREQUEST, "NOOP")
        }
    }
}

private final class Flag { var value = false }
