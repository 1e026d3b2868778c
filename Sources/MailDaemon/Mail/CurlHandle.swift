import CCurl
import Foundation

struct MailTransportError: Error, CustomStringConvertible {
    let operation: String
    let code: Int
    let detail: String
    var description: String { "\(operation): \(detail) (curl \(code))" }
}

/// One libcurl easy handle, reused across transfers so the IMAP/SMTP connection stays open between them.
final class CurlHandle {
    private let handle: UnsafeMutableRawPointer
    private var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

    /// Collects what the server sends (write callback) and feeds an upload (read callback).
    final class Exchange {
        var received: [UInt8] = []
        /// Every protocol response line, in order, when asked for (header callback): for IMAP this is the whole
        /// response stream, literals included, which the write callback does not carry for custom requests.
        var headers: [UInt8] = []
        var collectHeaders = false
        var upload: [UInt8] = []
        var uploadOffset = 0
        let maxBytes: Int
        /// Polled by libcurl about once a second, also while connecting: true aborts the transfer (stop requested).
        var abort: (() -> Bool)?
        /// Called once when the last bytes are handed to libcurl, before it ends the upload (SMTP: before the
        /// final ".").
        var uploadDone: (() -> Void)?
        init(maxBytes: Int) { self.maxBytes = maxBytes }
    }

    nonisolated(unsafe) private static var globalInitDone = false

    init() throws {
        if !CurlHandle.globalInitDone {
            curl_global_init(Int(CURL_GLOBAL_ALL))
            CurlHandle.globalInitDone = true
        }
        guard let h = curl_easy_init() else { throw MailTransportError(operation: "init", code: -1, detail: "curl_easy_init") }
        handle = h
    }

    deinit { curl_easy_cleanup(handle) }

    func reset() { curl_easy_reset(handle) }

    func set(_ option: CURLoption, _ value: Int) { _ = espace_setopt_long(handle, option, value) }
    func set(_ option: CURLoption, slist: UnsafeMutablePointer<curl_slist>?) { _ = espace_setopt_slist(handle, option, slist) }
    func set(_ option: CURLoption, offset: Int) { _ = espace_setopt_offset(handle, option, curl_off_t(offset)) }
    func set(_ option: CURLoption, _ value: String?) {
        if let value { _ = value.withCString { espace_setopt_string(handle, option, $0) } }
        else { _ = espace_setopt_pointer(handle, option, nil) }
    }

    /// Runs one transfer with the options set by `configure`. Returns the bytes received.
    func perform(_ operation: String, maxBytes: Int = 200 << 20, upload: [UInt8]? = nil, abort: (() -> Bool)? = nil,
                 uploadDone: (() -> Void)? = nil, configure: (CurlHandle) -> Void) throws -> [UInt8] {
        try exchange(operation, maxBytes: maxBytes, upload: upload, abort: abort, uploadDone: uploadDone, headers: false,
                     configure: configure).received
    }

    /// Runs one transfer and returns the protocol's response lines as the header callback saw them (at most
    /// `maxBytes`, past which the transfer fails with CURLE_WRITE_ERROR).
    func performCollectingHeaders(_ operation: String, maxBytes: Int, configure: (CurlHandle) -> Void) throws -> [UInt8] {
        try exchange(operation, maxBytes: maxBytes, upload: nil, abort: nil, uploadDone: nil, headers: true, configure: configure).headers
    }

    private func exchange(_ operation: String, maxBytes: Int, upload: [UInt8]?, abort: (() -> Bool)?,
                          uploadDone: (() -> Void)?, headers: Bool, configure: (CurlHandle) -> Void) throws -> Exchange {
        let exchange = Exchange(maxBytes: maxBytes)
        exchange.collectHeaders = headers
        if let upload { exchange.upload = upload }
        exchange.abort = abort
        exchange.uploadDone = uploadDone
        configure(self)
        let box = Unmanaged.passRetained(exchange)
        defer { box.release() }
        errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errBuf in
            _ = espace_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errBuf.baseAddress)
            _ = espace_setopt_pointer(handle, CURLOPT_WRITEDATA, box.toOpaque())
            _ = espace_setopt_write_callback(handle) { ptr, size, count, user in
                let ex = Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue()
                let n = size * count
                if ex.received.count + n > ex.maxBytes { return 0 } // aborts the transfer
                if let ptr { ptr.withMemoryRebound(to: UInt8.self, capacity: n) { ex.received.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) } }
                return n
            }
            if headers {
                _ = espace_setopt_pointer(handle, CURLOPT_HEADERDATA, box.toOpaque())
                _ = espace_setopt_header_callback(handle) { ptr, size, count, user in
                    let ex = Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue()
                    let n = size * count
                    if ex.headers.count + n > ex.maxBytes { return 0 } // aborts the transfer
                    if let ptr { ptr.withMemoryRebound(to: UInt8.self, capacity: n) { ex.headers.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) } }
                    return n
                }
            }
            if abort != nil {
                set(CURLOPT_NOPROGRESS, 0)
                _ = espace_setopt_pointer(handle, CURLOPT_XFERINFODATA, box.toOpaque())
                _ = espace_setopt_xferinfo_callback(handle) { user, _, _, _, _ in
                    let ex = Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue()
                    return ex.abort?() == true ? 1 : 0
                }
            }
            if upload != nil {
                _ = espace_setopt_pointer(handle, CURLOPT_READDATA, box.toOpaque())
                _ = espace_setopt_read_callback(handle) { ptr, size, count, user in
                    let ex = Unmanaged<Exchange>.fromOpaque(user!).takeUnretainedValue()
                    let n = min(size * count, ex.upload.count - ex.uploadOffset)
                    guard n > 0, let ptr else {
                        if let done = ex.uploadDone { ex.uploadDone = nil; done() }
                        return 0
                    }
                    ex.upload.withUnsafeBytes { src in
                        UnsafeMutableRawPointer(ptr).copyMemory(from: src.baseAddress! + ex.uploadOffset, byteCount: n)
                    }
                    ex.uploadOffset += n
                    // The last bytes: libcurl knows the size and may not ask again before ending the upload.
                    if ex.uploadOffset == ex.upload.count, let done = ex.uploadDone { ex.uploadDone = nil; done() }
                    return n
                }
            }
            let c = curl_easy_perform(handle)
            _ = espace_setopt_pointer(handle, CURLOPT_ERRORBUFFER, nil)
            detachCallbacks()
            return c
        }
        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw MailTransportError(operation: operation, code: Int(code.rawValue),
                                     detail: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
        }
        return exchange
    }

    // MARK: CURLOPT_CONNECT_ONLY: libcurl connects, negotiates TLS and logs in; the caller then talks on the socket.

    /// The connection's socket (after a CONNECT_ONLY perform), to wait on with poll().
    func activeSocket() throws -> Int32 {
        var fd: curl_socket_t = -1
        let code = espace_getinfo_socket(handle, &fd)
        guard code == CURLE_OK, fd >= 0 else {
            throw MailTransportError(operation: "socket", code: Int(code.rawValue), detail: "no active socket")
        }
        return fd
    }

    /// Sends all of `bytes` (through TLS when the connection has it), waiting on the socket when it is full.
    func send(_ bytes: [UInt8], operation: String, timeoutSeconds: Int) throws {
        var offset = 0
        let deadline = Date().addingTimeInterval(TimeInterval(timeoutSeconds))
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeBytes { buf in
                curl_easy_send(handle, buf.baseAddress! + offset, bytes.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                guard Date() < deadline else { throw MailTransportError(operation: operation, code: Int(CURLE_OPERATION_TIMEDOUT.rawValue), detail: "send timed out") }
                _ = try wait(events: Int16(POLLOUT), milliseconds: 200)
                continue
            }
            guard code == CURLE_OK else {
                throw MailTransportError(operation: operation, code: Int(code.rawValue), detail: String(cString: curl_easy_strerror(code)))
            }
            offset += sent
        }
    }

    /// What is there to read now: nil when nothing (CURLE_AGAIN), empty when the server closed the connection.
    func receiveAvailable(operation: String) throws -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var n = 0
        let code = buffer.withUnsafeMutableBytes { curl_easy_recv(handle, $0.baseAddress!, $0.count, &n) }
        if code == CURLE_AGAIN { return nil }
        guard code == CURLE_OK else {
            throw MailTransportError(operation: operation, code: Int(code.rawValue), detail: String(cString: curl_easy_strerror(code)))
        }
        return Array(buffer.prefix(n))
    }

    /// Waits up to `milliseconds` for the socket to be ready; true when it is.
    func wait(events: Int16, milliseconds: Int32) throws -> Bool {
        var p = pollfd(fd: try activeSocket(), events: events, revents: 0)
        let r = poll(&p, 1, milliseconds)
        return r > 0
    }

    /// The exchange is released after the transfer, but libcurl may still call back on this handle: its LOGOUT or
    /// QUIT when the kept connection is closed at cleanup reads responses and updates progress. Callbacks that touch
    /// no user data from now on.
    private func detachCallbacks() {
        set(CURLOPT_NOPROGRESS, 1)
        _ = espace_setopt_pointer(handle, CURLOPT_XFERINFODATA, nil)
        _ = espace_setopt_pointer(handle, CURLOPT_WRITEDATA, nil)
        _ = espace_setopt_write_callback(handle) { _, size, count, _ in size * count }
        _ = espace_setopt_pointer(handle, CURLOPT_READDATA, nil)
        _ = espace_setopt_read_callback(handle) { _, _, _, _ in 0 }
        _ = espace_setopt_pointer(handle, CURLOPT_HEADERDATA, nil)
        _ = espace_setopt_header_callback(handle, nil)
    }

    /// Connection and authentication options shared by IMAP and SMTP.
    func applyServer(username: String?, password: String?, oauthToken: String?, requireTLS: Bool, timeoutSeconds: Int) {
        set(CURLOPT_USERNAME, username)
        set(CURLOPT_PASSWORD, oauthToken == nil ? password : nil)
        if let oauthToken {
            set(CURLOPT_XOAUTH2_BEARER, oauthToken)
            set(CURLOPT_LOGIN_OPTIONS, "AUTH=XOAUTH2")
        }
        if requireTLS { set(CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        set(CURLOPT_CONNECTTIMEOUT, 20)
        set(CURLOPT_TIMEOUT, timeoutSeconds)
        set(CURLOPT_NOSIGNAL, 1)
        // Keep the connection across polls (the default max age would drop it between two of them).
        set(CURLOPT_MAXAGE_CONN, 3600)
        set(CURLOPT_BUFFERSIZE, 512 * 1024)
    }
}
