import EspaceCore
import Foundation
import Logging

/// Push instead of poll: IMAP IDLE (RFC 2177) on a connection and a thread of its own. When the server announces a
/// new message (`* n EXISTS` above the count it gave before), `onNewMail` wakes the daemon's wait. The poll stays as
/// the safety net, and is all there is when the server has no IDLE or the connection fails (logged once; a new try
/// every `retrySeconds`). The inbox is opened read-only (EXAMINE): the watcher never changes a flag.
final class InboxWatcher: @unchecked Sendable {
    private let account: IMAPAccount
    private let mailbox: String
    private let pollSeconds: Int
    private let stop: StopFlag
    private let log: Logger
    private let onNewMail: @Sendable () -> Void
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    /// RFC 2177: a client re-issues IDLE at least every 29 minutes, or the server may log it out as inactive.
    static let reissueSeconds: TimeInterval = 25 * 60
    /// Pause before a new try after a failed connection.
    let retrySeconds: TimeInterval
    /// A connection that idled this long and then dropped is re-opened at once; one that drops sooner counts as a
    /// failure (retried every `retrySeconds`), so a server that keeps cutting it does not get a reconnect loop.
    let stableSeconds: TimeInterval

    init(account: IMAPAccount, mailbox: String, pollSeconds: Int, stop: StopFlag, log: Logger, retrySeconds: TimeInterval = 60,
         stableSeconds: TimeInterval = 30, onNewMail: @escaping @Sendable () -> Void) {
        self.account = account; self.mailbox = mailbox; self.pollSeconds = pollSeconds; self.retrySeconds = retrySeconds
        self.stableSeconds = stableSeconds
        self.stop = stop; self.log = log; self.onNewMail = onNewMail
    }

    func start() {
        let t = Thread { [self] in
            watch()
            finished.signal()
        }
        t.name = "imap-idle"
        thread = t
        t.start()
    }

    /// Waits (bounded) for the thread to log out after a stop request.
    func join(seconds: Int = 3) {
        guard thread != nil else { return }
        _ = finished.wait(timeout: .now() + .seconds(seconds))
    }

    private enum Outcome { case stopped, noIdle }
    /// A failure streak is logged once, at its start; the recovery once too.
    private var failing = false
    private var announced = false
    /// When the current connection got as far as IDLE.
    private var established: Date?

    private func watch() {
        while !stop.requested {
            var pause = retrySeconds
            established = nil
            do {
                switch try session() {
                case .stopped: return
                case .noIdle:
                    log.info("le serveur IMAP ne propose pas IDLE : relevé de \(mailbox) toutes les \(pollSeconds) s")
                    return
                }
            } catch where established.map({ Date().timeIntervalSince($0) >= stableSeconds }) ?? false {
                // A connection that worked for a while dropped (server restart, idle timeout): reconnect at once.
                log.info("IMAP IDLE : connexion perdue (\(error)), reconnexion")
                pause = 1
            } catch {
                if !failing {
                    log.warning("IMAP IDLE indisponible (\(error)) : relevé toutes les \(pollSeconds) s, nouvel essai toutes les \(Int(retrySeconds)) s")
                } else {
                    log.debug("IMAP IDLE : nouvel essai échoué (\(error))")
                }
                failing = true
            }
            // Stop-aware pause before the next try.
            let until = Date().addingTimeInterval(pause)
            while !stop.requested && Date() < until { Thread.sleep(forTimeInterval: 0.2) }
        }
    }

    /// One connection: log in, EXAMINE, then IDLE rounds until stop (or an error, thrown).
    private func session() throws -> Outcome {
        let session = try IMAPSession(account: account, timeoutSeconds: 30, abort: { [stop] in stop.requested })
        do {
            let outcome = try idle(session)
            session.logout()
            return outcome
        } catch {
            session.abandon()
            throw error
        }
    }

    private func idle(_ session: IMAPSession) throws -> Outcome {
        guard try session.capabilities().contains("IDLE") else { return .noIdle }
        var exists: Int64 = 0
        for r in try session.command("EXAMINE \(IMAPClient.quote(mailbox))") {
            if let (n, name) = r.numbered, name == "EXISTS" { exists = n }
        }
        if failing { log.info("IMAP IDLE rétabli sur \(mailbox)") }
        else if !announced { log.info("IMAP IDLE : \(mailbox) surveillé, chaque nouveau message est traité dès son arrivée") }
        failing = false
        announced = true
        established = Date()
        // Mail may have arrived between the daemon's last look and this EXAMINE, unannounced: look once more.
        if exists > 0 { onNewMail() }
        func note(_ r: IMAPResponse) throws {
            guard r.tag == "*" else { return }
            if r.word == "BYE" {
                throw MailTransportError(operation: "IMAP IDLE", code: -1, detail: String(r.text.prefix(200)))
            }
            guard let (n, name) = r.numbered else { return }
            switch name {
            case "EXISTS":
                if n > exists { onNewMail() }
                exists = n
            case "EXPUNGE":
                exists = max(0, exists - 1)
            default: break
            }
        }
        while !stop.requested {
            let tag = try session.send("IDLE")
            // The continuation request says IDLE has begun; untagged news may come first.
            let deadline = Date().addingTimeInterval(TimeInterval(session.timeoutSeconds))
            while true {
                guard let r = try session.read(until: deadline) else {
                    throw MailTransportError(operation: "IMAP IDLE", code: 28, detail: "no continuation")
                }
                if r.tag == "+" { break }
                if r.tag == tag { throw MailTransportError(operation: "IMAP IDLE", code: -1, detail: String(r.text.prefix(200))) }
                try note(r)
            }
            let reissue = Date().addingTimeInterval(Self.reissueSeconds)
            while let r = try session.read(until: reissue, interrupted: { [stop] in stop.requested }) {
                try note(r)
            }
            try session.sendLine("DONE")
            _ = try session.responses(until: tag, verb: "IDLE", onUntagged: note)
        }
        return .stopped
    }
}
