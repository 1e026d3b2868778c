import EspaceCore
import Foundation
import Logging
import Parsers

/// What `run` does besides mail: the staff digest at its hour, the day's reminders, the metrics file after each
/// cycle. Each daily job is recorded in the store (audit `staff-digest`, `reminder` rows), so a restart sends
/// nothing twice; the in-memory marks only spare the store a query on every poll.
final class TownHallJobs {
    let settings: Settings
    let store: Store
    let composer: ReplyComposer
    let log: Logger
    private var remindedOn: CivilDate?
    private var digestOn: CivilDate?
    private var warnedNoRecipient = false

    init(settings: Settings, store: Store, composer: ReplyComposer, log: Logger) {
        self.settings = settings; self.store = store; self.composer = composer; self.log = log
    }

    /// The digest and the reminders when their hour has come; true when something was queued (wake the sender).
    @discardableResult
    func daily(now: Date) -> Bool {
        let queued = digest(now: now)
        return reminders(now: now) || queued
    }

    private func digest(now: Date) -> Bool {
        guard let s = settings.staffDigest else { return false }
        let paris = ParisTime(now)
        guard digestOn != paris.date, s.weekdays.contains(paris.date.weekday), paris.hour >= s.hour else { return false }
        let to = s.to.isEmpty ? settings.staff : s.to
        guard !to.isEmpty else {
            // A configuration mistake, said once rather than at every poll.
            if !warnedNoRecipient { log.error("lettre du matin : aucun destinataire (staff_digest.to ou staff)") }
            warnedNoRecipient = true
            return false
        }
        do {
            if try store.read({ try StaffDigest.alreadySent($0, on: paris.date) }) { digestOn = paris.date; return false }
            var recipients = DigestSettings(to: to)
            recipients.hour = s.hour; recipients.weekdays = s.weekdays
            let digest = try store.read { try StaffDigest.build($0, today: paris.date, now: now) }
            let result = try DigestCommand.queue(DigestMail(digest: digest, composer: composer), store: store, settings: recipients,
                                                 today: paris.date, now: now, checkSchedule: true)
            log.info("lettre du matin : \(result)")
            digestOn = paris.date
            return true
        } catch {
            log.error("lettre du matin reportée : \(FailureCause(error))")
            return false
        }
    }

    private func reminders(now: Date) -> Bool {
        let paris = ParisTime(now)
        guard settings.reminders.anyEnabled, remindedOn != paris.date, paris.hour >= settings.reminders.hour else { return false }
        do {
            let outcome = try ReminderQueue(settings: settings, store: store, composer: composer).run(now: now)
            remindedOn = paris.date
            if !outcome.queued.isEmpty || !outcome.capped.isEmpty {
                ReminderQueue.describe(outcome, dryRun: false).forEach { log.info("\($0)") }
            }
            return !outcome.queued.isEmpty
        } catch {
            log.error("rappels reportés : \(FailureCause(error))")
            return false
        }
    }

    /// After each cycle: a successful poll's instant in the store (`status`), then the metrics file.
    func cycleEnded(_ report: Daemon.Report?, seconds: Double, at: Date) {
        if report != nil {
            do { try store.write { try ServiceStatus.recordPoll($0, at: at) } }
            catch { log.warning("dernier relevé non enregistré : \(FailureCause(error))") }
        }
        guard let path = settings.metricsFile else { return }
        do {
            try MetricsFile.write(try MetricsFile.render(store: store, storePath: settings.storePath,
                                                         cycle: .init(report: report, seconds: seconds, at: at)), to: path)
        } catch {
            log.warning("fichier de métriques \(path) non écrit : \(FailureCause(error))")
        }
    }
}
