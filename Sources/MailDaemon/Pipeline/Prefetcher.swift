import Foundation

/// Fetches the inbox's messages ahead of the handler, in order, on its own IMAP connection and thread, at most
/// `depth` ahead: the server's time for each fetch overlaps the handling of the message before. Nothing is handled
/// out of order; a fetch error is handed over for that message only, as when the handler fetched it itself.
final class Prefetcher: @unchecked Sendable {
    private let uids: [Int64]
    private let depth: Int
    private let fetch: @Sendable (Int64) throws -> [UInt8]
    private let cond = NSCondition()
    private var ready: [Int64: Result<[UInt8], Error>] = [:]
    private var fetchedUIDs: [Int64] = []
    private var cancelled = false
    private var over = false
    private let finished = DispatchSemaphore(value: 0)

    init(uids: [Int64], depth: Int = 8, fetch: @escaping @Sendable (Int64) throws -> [UInt8]) {
        self.uids = uids; self.depth = max(1, depth); self.fetch = fetch
    }

    func start() {
        let t = Thread { [self] in
            for uid in uids {
                cond.lock()
                while ready.count >= depth && !cancelled { cond.wait() }
                let stop = cancelled
                cond.unlock()
                if stop { break }
                let result = Result { try fetch(uid) }
                cond.lock()
                ready[uid] = result
                fetchedUIDs.append(uid)
                cond.broadcast()
                cond.unlock()
            }
            cond.lock(); over = true; cond.broadcast(); cond.unlock()
            finished.signal()
        }
        t.name = "imap-prefetch"
        t.start()
    }

    /// The bytes of `uid` (the next one in order), waiting for its fetch.
    func take(_ uid: Int64) throws -> [UInt8] {
        cond.lock()
        defer { cond.unlock() }
        while ready[uid] == nil && !over { cond.wait() }
        guard let r = ready.removeValue(forKey: uid) else { throw CancellationError() }
        cond.broadcast()
        return try r.get()
    }

    /// Stops fetching ahead and waits for the fetch in flight; returns every UID fetched (their \Seen flag is set).
    func finish() -> [Int64] {
        cond.lock()
        let first = !cancelled
        cancelled = true
        cond.broadcast()
        cond.unlock()
        if first { finished.wait() }
        return cond.withLock { fetchedUIDs }
    }
}
