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

    func run() throws {
        let settings = try config.load()
        let problems = settings.startProblems
        if !problems.isEmpty {
            // Never start with a setting that would mislead parents (a payment link to nobody's account).
            for p in problems { FileHandle.standardError.write(Data("maildaemon run : configuration refusée — \(p)\n".utf8)) }
            throw ExitCode(78)  // EX_CONFIG
        }
        Log.bootstrap()
        let log = Logger(label: "maildaemon")
        if !settings.payfipEnabled {
            log.warning("aucune section « payfip » : les factures sont envoyées sans lien de paiement PayFiP")
        }
        if settings.trust.policy.lowercased() == "aligned" && OrganizationalDomains.system == nil {
            log.warning("liste des suffixes publics absente (\(OrganizationalDomains.defaultPath), paquet Debian publicsuffix) : l’alignement SPF/DKIM exige le domaine exact")
        }
        if settings.trust.policy.lowercased() == "none" {
            log.warning("politique de confiance « none » : les expéditeurs ne sont PAS vérifiés (tests et démonstrations uniquement)")
        }
        let lock = try ProcessLock(path: settings.storePath + ".lock")
        defer { lock.release() }
        let store = try Store(path: settings.storePath)
        let daemon = try Daemon(settings: settings, store: store, clock: .init(fixedDay: try today.day()), log: log)
        let stop = StopSignal()
        var lastPurge: CivilDate? = nil
        repeat {
            do {
                let day = daemon.clock.today
                if lastPurge != day {
                    let purged = try Retention.purge(store: store, settings: settings, now: daemon.clock.now)
                    log.info("conservation : \(purged)")
                    lastPurge = day
                }
                let r = try daemon.runOnce()
                if r.fetched > 0 || r.sent > 0 || r.failedSends > 0 {
                    log.info("cycle: \(r.fetched) message(s), \(r.applied) traité(s), \(r.review) à revoir, \(r.ignored) ignoré(s), \(r.sent) réponse(s) envoyée(s), \(r.failedSends) en attente (traitement \(String(format: "%.1f", r.handlingSeconds)) s, envoi \(String(format: "%.1f", r.sendingSeconds)) s)")
                }
            } catch {
                if once { throw error }
                log.error("cycle interrompu : \(error)")
            }
            if once { break }
            stop.wait(seconds: settings.pollSeconds)
        } while !stop.requested
    }
}

/// SIGINT/SIGTERM end the loop between two cycles, never in the middle of a message.
final class StopSignal: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var sources: [DispatchSourceSignal] = []
    private(set) var requested = false

    init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { [weak self] in self?.requested = true; self?.semaphore.signal() }
            s.resume()
            sources.append(s)
        }
    }

    func wait(seconds: Int) { _ = semaphore.wait(timeout: .now() + .seconds(max(1, seconds))) }
}

/// One daemon per store: a second one would fetch the same messages.
final class ProcessLock {
    private let fd: Int32

    init(path: String) throws {
        let dir = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        fd = open(path, O_CREAT | O_RDWR, 0o600)
        guard fd >= 0, flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            throw ValidationError("un autre maildaemon utilise déjà \(path)")
        }
    }

    func release() { flock(fd, LOCK_UN); close(fd) }
}
