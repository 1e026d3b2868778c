import Foundation

/// Runs the sending stage on its own thread, so replies go out while mail is being handled and while IMAP is down,
/// and a hung SMTP server never holds up the handling of new mail. One thread drives the passes; each pass sends
/// over the sender's small pool of SMTP connections, so concurrency is bounded by construction.
///
/// While replies keep coming (a backlog), passes start at most every `batchGap` seconds: each pass costs two commits,
/// an fsync and a pool of threads whatever it carries, and woken after every commit it carried one or two replies.
/// A reply that comes after a quiet spell still goes at once.
final class SendingLoop: @unchecked Sendable {
    private let sender: OutboxSender
    private let stop: StopFlag
    private let finish: StopFlag
    private let idleSeconds: Double
    /// The least time between the starts of two passes that both had replies to send.
    static let batchGap = 0.15
    private let wakeup = DispatchSemaphore(value: 0)
    /// Signalled by stop and finish only: the wait between two busy passes is not cut short by every commit.
    private let interrupt = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// `finish` ends the loop between two replies, letting the one in flight complete and be recorded (`run --once`
    /// once the inbox is handled; the sender process once its daemon is gone); `stop` (SIGTERM) also aborts it.
    init(sender: OutboxSender, stop: StopFlag, idleSeconds: Double, finish: StopFlag = StopFlag()) {
        self.sender = sender; self.stop = stop; self.finish = finish; self.idleSeconds = max(0.05, idleSeconds)
        stop.onRequest { [wakeup, interrupt] in wakeup.signal(); interrupt.signal() }
        finish.onRequest { [wakeup, interrupt] in wakeup.signal(); interrupt.signal() }
    }

    func start() {
        let t = Thread { [self] in
            while !stop.requested && !finish.requested {
                let started = DispatchTime.now()
                let tally = sender.pass(stop: stop, finish: finish)
                let busy = tally.sent > 0 || tally.failed > 0
                if busy {
                    sender.log.info("envoi : \(tally.sent) réponse(s) envoyée(s), \(tally.failed) en attente")
                }
                // Woken by new replies or by stop; otherwise retries and backoffs come due on their own.
                _ = wakeup.wait(timeout: .now() + idleSeconds)
                if busy {
                    // Replies are flowing: let the next pass carry the ones committed meanwhile, together.
                    _ = interrupt.wait(timeout: started + SendingLoop.batchGap)
                }
                while wakeup.wait(timeout: .now()) == .success {} // one pass covers every commit before it
            }
            finished.signal()
        }
        t.name = "outbox-sender"
        t.start()
    }

    /// New replies were committed.
    func wake() { wakeup.signal() }

    /// Waits for the thread to finish its in-flight pass (at most one SMTP timeout after a stop).
    func join() { finished.wait() }
}
