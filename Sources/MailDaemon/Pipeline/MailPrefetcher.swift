import EspaceCore
import Foundation
import Parsers

/// Fetches and parses the next messages of a pass on its own thread and IMAP connection while the daemon handles the
/// current one, so the server's round trip and the MIME parse overlap with the store work instead of adding to it.
/// Small mails of the free part of its window are fetched in one command (`UID FETCH 5:8 BODY.PEEK[]`).
///
/// It also reads the request ahead (`MessageHandler.prepare`, on a read-only store connection): the daemon's
/// transaction reuses that reading only when the family, children, calendar and day it was read from are unchanged.
///
/// Only a read-ahead cache: it never changes the mailbox (BODY.PEEK, its own connection) and decides nothing. Any
/// failure — the second login refused, a transport error, a mail over the size limit — is handed over as `nil`, and
/// the daemon fetches that message itself, on its own connection, exactly as without read-ahead. Bounded in count and
/// in bytes, so a backlog of large mails cannot fill memory.
final class MailPrefetcher: @unchecked Sendable {
    struct Fetched {
        let raw: [UInt8]
        let parsed: ParsedMessage
        /// Read ahead from a snapshot of the store; the daemon's transaction reuses it only if the store still agrees.
        let interpretation: Interpretation?
        /// The hashes the daemon needs (ledger keys, the archive's checksum), computed here: they depend on the bytes
        /// alone, and every one taken off the daemon's thread shortens the one path that cannot run in parallel.
        let digests: MessageDigests
    }

    static let depth = 8
    static let maxBufferedBytes = 32 << 20
    /// Mails fetched together: each of known size up to this, and their sum too (libcurl refuses an answer whose
    /// lines pass 300 KB; anything refused is fetched again one by one).
    static let groupBytes = 96 << 10

    private let uids: [Int64]
    /// Sizes the server gave for the pass's mails (empty: one fetch per mail).
    private let sizes: [Int64: Int]
    private let mailbox: String
    private let maxBytes: Int
    private let limits: ParseLimits
    private let makeClient: () throws -> IMAPClient
    private let prepare: (ParsedMessage) -> Interpretation?
    private let lock = NSCondition()
    private var ready: [Int64: Fetched?] = [:]
    private var bufferedBytes = 0
    private var consumed = 0
    /// The read-ahead thread, waiting for room, is woken when `consumed` reaches this: half the window at once, not
    /// one mail at a time (each wake-up is a context switch on both sides).
    private var wakeAt = 0
    private var cancelled = false
    private var finished = false

    init(uids: [Int64], sizes: [Int64: Int] = [:], mailbox: String, maxBytes: Int, limits: ParseLimits,
         makeClient: @escaping () throws -> IMAPClient, prepare: @escaping (ParsedMessage) -> Interpretation? = { _ in nil }) {
        self.uids = uids; self.sizes = sizes; self.mailbox = mailbox; self.maxBytes = maxBytes; self.limits = limits
        self.makeClient = makeClient; self.prepare = prepare
    }

    func start() {
        guard uids.count > 1 else { finished = true; return } // nothing to overlap with
        let t = Thread { [self] in run() }
        t.name = "imap-prefetch"
        t.start()
    }

    /// The message with this UID, in the order of `uids`; nil when the daemon must fetch it itself.
    func take(_ uid: Int64) -> Fetched? {
        lock.lock()
        defer { lock.unlock() }
        consumed += 1
        if consumed >= wakeAt { lock.broadcast() }
        while ready[uid] == nil && !finished && !cancelled { lock.wait() }
        guard let entry = ready.removeValue(forKey: uid) else { return nil }
        if let f = entry { bufferedBytes -= f.raw.count }
        return entry
    }

    /// Ends the read-ahead (stop requested, pass over); the thread exits after the fetch in flight.
    func cancel() {
        lock.lock()
        cancelled = true
        ready = [:]
        lock.broadcast()
        lock.unlock()
    }

    private func run() {
        defer {
            lock.lock(); finished = true; lock.broadcast(); lock.unlock()
        }
        guard let client = try? makeClient() else { return }
        var index = 0
        while index < uids.count {
            lock.lock()
            // Stay at most `depth` mails (and the byte bound) ahead of the daemon; once full, go on when half is free.
            if index - consumed >= MailPrefetcher.depth {
                wakeAt = index - MailPrefetcher.depth / 2
                while !cancelled && consumed < wakeAt { lock.wait() }
            }
            while !cancelled && bufferedBytes >= MailPrefetcher.maxBufferedBytes && index > consumed {
                wakeAt = consumed + 1
                lock.wait()
            }
            wakeAt = 0
            let stop = cancelled
            let room = max(1, MailPrefetcher.depth - (index - consumed))
            lock.unlock()
            if stop { return }
            // Small mails of the free part of the window in one command; if it fails, those mails are fetched one by
            // one, as without grouping.
            var group = [uids[index]], total = sizes[uids[index]] ?? Int.max
            while group.count < room, index + group.count < uids.count,
                  let next = sizes[uids[index + group.count]], next <= MailPrefetcher.groupBytes - total {
                group.append(uids[index + group.count])
                total += next
            }
            index += group.count
            let together = group.count > 1 ? try? client.fetch(mailbox, uids: group, maxBytes: maxBytes) : nil
            for uid in group {
                var item: Fetched?
                if let raw = together?[uid] ?? (try? client.fetch(mailbox, uid: uid, maxBytes: maxBytes)) {
                    let parsed = MessageParser.parse(raw, limits: limits)
                    item = Fetched(raw: raw, parsed: parsed, interpretation: prepare(parsed),
                                   digests: MessageDigests(raw: raw, messageID: parsed.messageID))
                }
                lock.lock()
                let stop = cancelled
                if !stop {
                    ready[uid] = .some(item)
                    bufferedBytes += item?.raw.count ?? 0
                    lock.broadcast()
                }
                lock.unlock()
                if stop { return }
            }
        }
    }
}
