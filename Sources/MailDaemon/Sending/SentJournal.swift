import Foundation

/// The replies the SMTP server accepted, appended (one `write(2)`, no fsync) the instant the server said 250, before
/// the store records them. The store's record waits for its write lock (mail being handled holds it); this file
/// does not, so a process killed after the 250 leaves the acceptance here, and the next start records it as sent
/// instead of sending it again. Durable against the death of the process (the kernel has the bytes), not against a
/// power cut — then the reply is re-sent once, as before this file existed.
///
/// One line per event: `data <outbox id> <unix time> .` when the message is out and the final "." is next, `sent …`
/// at the 250 (a line torn by a full disk lacks its final `.` and is ignored). A reply left `sending` with no `data`
/// line was never complete on the server: it is simply sent again. Emptied once the store holds the outcomes; the
/// `data` lines of replies still in doubt are kept.
final class SentJournal: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var fd: Int32 = -1

    init(path: String) { self.path = path }

    deinit { if fd >= 0 { close(fd) } }

    enum Event: String {
        /// The whole message is out, the final "." is next: from here the server may take it.
        case dataEnd = "data"
        /// The server answered 250.
        case sent
    }

    /// Records an event; false when the file cannot be written (the caller keeps the old window).
    @discardableResult
    func append(_ id: Int64, at: Date, event: Event = .sent) -> Bool {
        let line = Array("\(event.rawValue) \(id) \(Int64(at.timeIntervalSince1970)) .\n".utf8)
        return lock.withLock {
            if fd < 0 { fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600) }
            guard fd >= 0 else { return false }
            return line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == line.count
        }
    }

    /// The acceptances written and not yet cleared (a torn line is ignored).
    func entries() -> [(id: Int64, at: Date)] {
        lines().filter { $0.event == .sent }.map { ($0.id, $0.at) }
    }

    /// Replies whose DATA ended (the server may have them) — with or without a 250 after.
    func dataEnded() -> Set<Int64> {
        Set(lines().filter { $0.event == .dataEnd }.map(\.id))
    }

    private func lines() -> [(event: Event, id: Int64, at: Date)] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count == 4, let event = Event(rawValue: String(f[0])), f[3] == ".", let id = Int64(f[1]),
                  let t = Int64(f[2]) else { return nil }
            return (event, id, Date(timeIntervalSince1970: TimeInterval(t)))
        }
    }

    /// Empties the file once the store holds every entry read (no send may be in flight meanwhile).
    func clear() {
        lock.withLock {
            if fd >= 0 { _ = ftruncate(fd, 0) } else { _ = truncate(path, 0) }
        }
    }
}
