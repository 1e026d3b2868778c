import Foundation

/// Runs the sending stage on its own thread, so replies go out while mail is being handled and while IMAP is down,
/// and a hung SMTP server never holds up the handling of new mail. One thread, one SMTP connection: concurrency is
/// bounded by construction, and the `sending` mark needs no claim between workers.
final class SendingLoop: @unchecked Sendable {
    private let sender: OutboxSender
    private let stop: StopFlag
    private let idleSeconds: Double
    private let wakeup = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(sender: OutboxSender, stop: StopFlag, idleSeconds: Int) {
        self.sender = sender; self.stop = stop; self.idleSeconds = Double(max(1, idleSeconds))
        stop.onRequest { [wakeup] in wakeup.signal() }
    }

    func start() {
        let t = Thread { [self] in
            while !stop.requested {
                let tally = sender.pass(stop: stop)
                if tally.sent > 0 || tally.failed > 0 {
                    sender.log.info("envoi : \(tally.sent) réponse(s) envoyée(s), \(tally.failed) en attente")
                }
                // Woken by new replies or by stop; otherwise retries and backoffs come due on their own.
                _ = wakeup.wait(timeout: .now() + idleSeconds)
            }
            finished.signal()
        }
        t.name = "outbox-sender"
        t.start()
    }

    /// New replies were committed.
    func wake() { wakeup.signal() }

    /// Waits for the thread to finish its in-flight reply (at most one SMTP timeout).
    func join() { finished.wait() }
}
