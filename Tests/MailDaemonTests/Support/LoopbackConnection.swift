import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct TestNetError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A TCP connection to 127.0.0.1 read line by line: the transport of the tests' own IMAP and SMTP clients, which
/// talk to the mail stack without spawning a process per question (and independently of the daemon's libcurl code).
final class LoopbackConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// Bound on any single read; a server that stops answering fails the test instead of hanging it.
    var timeout: Double = 30

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestNetError("socket: errno \(errno)") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            let e = errno
            close(fd)
            throw TestNetError("connect 127.0.0.1:\(port): \(String(cString: strerror(e)))")
        }
    }

    deinit { close(fd) }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBufferPointer { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw TestNetError("send: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    func write(_ text: String) throws { try write(Array(text.utf8)) }

    /// Reads what arrives before `deadline`; false when nothing came in time.
    private func fill(before deadline: Date) throws -> Bool {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ms = Int32(max(0, min(deadline.timeIntervalSinceNow, 3600)) * 1000)
        let r = poll(&p, 1, ms)
        if r < 0 {
            if errno == EINTR { return true }
            throw TestNetError("poll: \(String(cString: strerror(errno)))")
        }
        if r == 0 { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        if n < 0 {
            if errno == EINTR { return true }
            throw TestNetError("recv: \(String(cString: strerror(errno)))")
        }
        if n == 0 { throw TestNetError("connection closed by the server") }
        if start > 0 && (start == buffer.count || start > 1 << 20) { buffer.removeFirst(start); start = 0 }
        buffer += chunk[0..<n]
        return true
    }

    /// One line without its line break; nil when `deadline` passes first (default: `timeout` from now, then throws).
    func readLine(before deadline: Date? = nil) throws -> [UInt8]? {
        let limit = deadline ?? Date().addingTimeInterval(timeout)
        while true {
            if let i = buffer[start...].firstIndex(of: 10) {
                var end = i
                if end > start && buffer[end - 1] == 13 { end -= 1 }
                let line = Array(buffer[start..<end])
                start = i + 1
                return line
            }
            guard try fill(before: limit) else {
                if deadline == nil { throw TestNetError("no answer within \(timeout) s") }
                return nil
            }
        }
    }

    func readLineText() throws -> String { String(decoding: try readLine()!, as: UTF8.self) }

    /// Exactly `count` bytes (an IMAP literal).
    func read(count: Int) throws -> [UInt8] {
        let limit = Date().addingTimeInterval(timeout)
        while buffer.count - start < count {
            guard try fill(before: limit) else { throw TestNetError("no answer within \(timeout) s") }
        }
        let bytes = Array(buffer[start..<(start + count)])
        start += count
        return bytes
    }
}
