import EspaceCore
import Foundation
import GRDB
import Parsers

extension ReminderQueue {
    /// For `templates check`: the scenario town's real reminder items (every kind switched on, leads long enough to
    /// reach its absences, invoices and a holiday period added to its calendar), and the summary that shows them.
    static func samples(settings base: Settings, store: Store) throws -> [String: [[String: Any]]] {
        var settings = base
        if !Settings.PayFiP.isRealNumcli(settings.payfip.numcli) { settings.payfip.numcli = "012345" }
        settings.reminders.missingCertificate = .init(daysBefore: 30); settings.reminders.missingCertificate.enabled = true
        settings.reminders.unpaidInvoice = .init(daysBefore: 30); settings.reminders.unpaidInvoice.enabled = true
        settings.reminders.bookingWindow.enabled = true; settings.reminders.bookingWindow.daysBefore = 30
        let now = ParisTime(date: CivilDate(iso: "2027-03-08")!, hour: 8, minute: 0).instant
        try store.write { db in try TemplateScenario.addSpringHoliday(db) }
        var out: [String: [[String: Any]]] = [:]
        let items = try store.read { try Reminders.due($0, settings: settings, now: now) }
        for item in items {
            out[item.kind.template, default: []].append(item.templateData(settings: settings, email: "camille@exemple.test"))
        }
        // Without a PayFiP link, too.
        if let invoice = items.first(where: { $0.kind == .unpaidInvoice }) {
            var plain = settings; plain.payfip.numcli = ""
            out[invoice.kind.template, default: []].append(invoice.templateData(settings: plain, email: "camille@exemple.test"))
        }
        let families = Set(items.map(\.familyId))
        for family in families.sorted() {
            if let report = try store.read({ try FamilyReport.build(familyId: family, settings: settings, now: now, $0) }) {
                out["summary", default: []].append(report.templateData)
            }
        }
        return out
    }
}
