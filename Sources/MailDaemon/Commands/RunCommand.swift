import ArgumentParser
import EspaceCore
import Foundation
import Logging
import Parsers

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Relever la boîte du service, appliquer les demandes des familles et envoyer les réponses.")

    @OptionGroup var config: ConfigOptions
    @OptionGroup var today: TodayOption

    @Flag(help: "Traiter ce qui attend (messages reçus et réponses à envoyer), puis s’arrêter.")
    var once = false

    @Flag(help: "Reprendre la boîte réservée par une autre base (l’autre démon doit être arrêté).")
    var takeOver = false

    func run() throws {
        Log.bootstrap()
        let log = Logger(label: "maildaemon")
        // Refusals and failures end with their message alone (no usage line) and a meaningful exit code.
        do { try runDaemon(log: log) } catch { throw CommandFailure.report(error) }
    }

    private func runDaemon(log: Logger) throws {
        let settings = try config.load(secrets: true)
        let problems = settings.startProblems
        if !problems.isEmpty {
            // Never start with a setting that would mislead parents (a payment link to nobody's account).
            throw CommandFailure(problems.map { "run : configuration refusée — \($0)" }.joined(separator: "\n"),
                                 exitCode: CommandFailure.config)
        }
        if !settings.payfipEnabled {
            log.warning("aucune section « payfip » : les factures sont envoyées sans lien de paiement PayFiP")
        }
        if settings.trust.policy.lowercased() == "aligned" && OrganizationalDomains.system == nil {
            log.warning("liste des suffixes publics absente (\(OrganizationalDomains.defaultPath), paquet Debian publicsuffix) : l’alignement SPF/DKIM exige le domaine exact")
        }
        let lock = try ProcessLock(path: settings.storePath + ".lock")
        defer { lock.release() }
        let store = try Store(path: settings.storePath)
        let claimed = try preflight(settings: settings, store: store, log: log)
        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: try today.day()), log: log)
        if !claimed {
            // The server was unreachable at start: claim the mailbox before handling anything in it.
            let id = try MailboxClaim.storeIdentity(store)
            let takeOver = takeOver
            daemon.beforeFirstHandling = { imap in
                if case .other = try MailboxClaim(imap: imap, storeId: id).claim(storePath: settings.storePath, takeOver: takeOver) {
                    throw CommandFailure("boîte déjà relevée par une autre base (voir le dossier \(MailboxClaim.folder)) : rien n’est traité ; run --take-over pour la reprendre",
                                         exitCode: CommandFailure.config)
                }
            }
        }
        let stop = StopFlag()
        let signals = SignalWatcher(stop: stop)
        defer { signals.cancel() }
        var lastPurge: CivilDate? = nil
        func purgeDaily() {
            let day = daemon.clock.today
            guard lastPurge != day else { return }
            do {
                let purged = try Retention.purge(store: store, settings: settings, now: daemon.clock.now)
                log.info("conservation : \(purged)")
                lastPurge = day
            } catch {
                log.error("conservation reportée : \(FailureCause(error))")
            }
        }
        // The staff digest, the reminders and the metrics file (TownHallJobs.swift).
        let townHall = TownHallJobs(settings: settings, store: store, composer: daemon.composer, log: log)
        if once {
            purgeDaily()
            townHall.daily(now: daemon.clock.now)
            // Queued replies are sent even when the mailbox cannot be read (runOnce sends, then reports the error).
            let started = Date()
            do {
                let r = try daemon.runOnce(stop: stop)
                logCycle(r, log: log)
                townHall.cycleEnded(r, seconds: Date().timeIntervalSince(started), at: Date())
            } catch {
                townHall.cycleEnded(nil, seconds: Date().timeIntervalSince(started), at: Date())
                throw error
            }
            return
        }
        // Sending runs in its own process: replies leave while mail is handled, while IMAP is down, a hung SMTP
        // server never holds up new mail, and the death of this process leaves no reply in doubt (SenderProcess).
        let sending = SenderProcess(configPath: config.path, log: log)
        try sending.start()
        daemon.onReplies = { sending.wake() }
        let tick = DispatchSemaphore(value: 0)
        stop.onRequest { tick.signal() }
        // New mail wakes the wait at once (IMAP IDLE); the poll remains the safety net.
        let watcher = settings.imapIdle
            ? InboxWatcher(account: try IMAPAccount(server: settings.imap), mailbox: settings.folders.inbox,
                           pollSeconds: settings.pollSeconds, stop: stop, log: log) { tick.signal() }
            : nil
        watcher?.start()
        while !stop.requested {
            purgeDaily()
            if townHall.daily(now: daemon.clock.now) { sending.wake() }
            // Wake-ups from before this look are answered by it (a backlog's many EXISTS need one pass, not many).
            while tick.wait(timeout: .now()) == .success {}
            let started = Date()
            var report: Daemon.Report?
            do {
                report = try daemon.handleInbox(stop: stop)
                logCycle(report!, log: log)
            } catch {
                log.error("relevé interrompu : \(FailureCause(error))")
            }
            townHall.cycleEnded(report, seconds: Date().timeIntervalSince(started), at: Date())
            if !stop.requested { _ = tick.wait(timeout: .now() + .seconds(max(1, settings.pollSeconds))) }
        }
        log.info("arrêt demandé : fin de l’envoi en cours")
        sending.stop()
        watcher?.join()
        log.info("arrêté")
    }

    /// The checks of `maildaemon check`; a blocking failure (wrong password, mailbox claimed by another store,
    /// broken template) refuses to start, an unreachable server only warns (run retries).
    /// Returns whether the mailbox was claimed (false when IMAP could not be reached).
    private func preflight(settings: Settings, store: Store, log: Logger) throws -> Bool {
        let lines = Preflight(settings: settings, store: store, claim: true, takeOver: takeOver, rememberTemplates: true).run()
        for l in lines where l.verdict != .ok { log.warning("\(l.text)") }
        let blocking = lines.filter { $0.verdict == .failed && $0.blocking }
        guard blocking.isEmpty else {
            throw CommandFailure("démarrage refusé :\n" + blocking.map { "  " + $0.text }.joined(separator: "\n"),
                                 exitCode: CommandFailure.config)
        }
        return lines.contains { $0.text.hasPrefix(Preflight.claimedPrefix) }
    }

    private func logCycle(_ r: Daemon.Report, log: Logger) {
        guard r.fetched > 0 || r.sent > 0 || r.failedSends > 0 else { return }
        log.info("cycle: \(r.fetched) message(s), \(r.applied) traité(s), \(r.review) à revoir, \(r.ignored) ignoré(s), \(r.deferred) reporté(s), \(r.sent) réponse(s) envoyée(s), \(r.failedSends) en attente (traitement \(String(format: "%.1f", r.handlingSeconds)) s, envoi \(String(format: "%.1f", r.sendingSeconds)) s)")
    }
}

/// SIGINT/SIGTERM set the stop flag; the daemon stops between two messages and between two replies.
final class SignalWatcher: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    init(stop: StopFlag) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { stop.request() }
            s.resume()
            sources.append(s)
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}

/// One daemon per store: a second one would fetch the same messages.
final class ProcessLock {
    private let fd: Int32

    init(path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600) // not inherited by the sender process
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw CommandFailure("un autre maildaemon utilise déjà \(path)", exitCode: CommandFailure.busy)
        }
    }

    func release() { flock(fd, LOCK_UN); close(fd) }
}
