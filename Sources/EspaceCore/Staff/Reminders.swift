import Foundation
import GRDB
import Parsers

/// One thing a family has to do before a deadline: a medical certificate, an invoice to pay, the holiday centre's
/// bookings closing. Computed from the records alone (`Reminders.due`); the same list feeds the reminder mails
/// (`maildaemon remind`, `run`'s daily job) and the « notifications en attente » of the family's summary.
public struct ReminderItem: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case missingCertificate = "missing-certificate", unpaidInvoice = "unpaid-invoice", bookingWindow = "booking-window"
        /// The reply template of the item's section (`templates/NAME.txt.mustache`).
        public var template: String {
            switch self {
            case .missingCertificate: return "reminder_certificate"
            case .unpaidInvoice: return "reminder_invoice"
            case .bookingWindow: return "reminder_booking_window"
            }
        }
    }
    public var kind: Kind
    /// What the item is: the absence's id, the invoice's id, « activity:first day » of a holiday period.
    public var itemKey: String
    public var familyId: String
    /// The last day to act (the certificate's deadline, the invoice's due date, the day bookings close).
    public var deadline: String
    /// Certificate: the absent child; booking window: the children of the age not booked yet.
    public var children: [String] = []
    /// The absence's days, or the holiday period's.
    public var firstDay: String?
    public var lastDay: String?
    public var activity: String?
    /// Booking window: the hour bookings close on the deadline day (Paris).
    public var closesHour: Int?
    public var invoice: InvoiceRecord?

    /// The data of the item's template section; `email` goes into the PayFiP link (`mel`).
    public func templateData(settings: Settings, email: String) -> [String: Any] {
        func day(_ iso: String?) -> String { iso.flatMap(CivilDate.init(iso:)).map(FrenchFormat.date) ?? (iso ?? "") }
        var d: [String: Any] = ["deadline": day(deadline), "kind": kind.rawValue]
        switch kind {
        case .missingCertificate:
            d["first_name"] = children.first ?? ""
            d["first_day"] = day(firstDay); d["last_day"] = day(lastDay); d["single_day"] = firstDay == lastDay
        case .unpaidInvoice:
            let link = invoice.flatMap { PayFiPLink.make(invoice: $0, payfip: settings.payfip, email: email) }
            d["id"] = invoice?.id ?? itemKey; d["label"] = invoice?.label ?? ""
            d["amount"] = FrenchFormat.amount(cents: invoice?.amountCents ?? 0)
            d["due_date"] = day(deadline); d["link"] = link ?? ""; d["has_link"] = link != nil
        case .bookingWindow:
            d["activity"] = activity ?? ""
            d["first_day"] = day(firstDay); d["last_day"] = day(lastDay)
            d["closes"] = "\(day(deadline)) à \(FrenchFormat.hour(closesHour ?? 12))"
            d["children"] = children.map { ["first_name": $0] }
            d["children_names"] = FrenchFormat.list(children)
        }
        return d
    }
}

public enum Reminders {
    /// Holiday-centre days further apart than this are two periods (a week-end and a bank holiday are not a gap).
    static let periodGapDays = 7

    /// Every item due on `now`'s day: for one family, or all; only the kinds switched on, or all of them with their
    /// lead times (the summary shows pending items whether or not the town mails them).
    public static func due(_ db: Database, settings: Settings, now: Date, familyId: String? = nil,
                           onlyEnabled: Bool = true) throws -> [ReminderItem] {
        let r = settings.reminders
        var items: [ReminderItem] = []
        if r.missingCertificate.enabled || !onlyEnabled {
            items += try certificates(db, settings: settings, now: now, familyId: familyId)
        }
        if r.unpaidInvoice.enabled || !onlyEnabled {
            items += try invoices(db, settings: settings, now: now, familyId: familyId)
        }
        if r.bookingWindow.enabled || !onlyEnabled {
            items += try bookingWindows(db, settings: settings, now: now, familyId: familyId)
        }
        return items
    }

    /// An absence that cancelled booked days, with no certificate received, whose deadline (last day +
    /// `rules.certificate_deadline_days`, as the absence reply said) is today or within `days_before`.
    static func certificates(_ db: Database, settings: Settings, now: Date, familyId: String?) throws -> [ReminderItem] {
        let today = ParisTime(now).date
        let grace = settings.rules.certificateDeadlineDays, lead = settings.reminders.missingCertificate.daysBefore
        // deadline in [today, today + lead] ⇔ last_day in [today − grace, today + lead − grace]
        let rows = try Row.fetchAll(db, sql: """
            SELECT a.id, a.first_day, a.last_day, c.first_name, c.family_id FROM absence a JOIN child c ON c.id = a.child_id
            WHERE a.certificate_path IS NULL AND a.certificate_received_at IS NULL
              AND a.last_day >= ? AND a.last_day <= ? AND (? IS NULL OR c.family_id = ?)
              AND EXISTS (SELECT 1 FROM reservation r WHERE r.absence_id = a.id)
            ORDER BY c.family_id, a.first_day, a.id
            """, arguments: [today.adding(days: -grace).iso, today.adding(days: lead - grace).iso, familyId, familyId])
        return rows.map { row in
            let last: String = row["last_day"]
            let deadline = (CivilDate(iso: last) ?? today).adding(days: grace)
            return ReminderItem(kind: .missingCertificate, itemKey: String(row["id"] as Int64), familyId: row["family_id"],
                                deadline: deadline.iso, children: [row["first_name"]], firstDay: row["first_day"], lastDay: last)
        }
    }

    /// An unpaid invoice whose due date is today or within `days_before` (an overdue one is the treasury's
    /// business, not a reminder's).
    static func invoices(_ db: Database, settings: Settings, now: Date, familyId: String?) throws -> [ReminderItem] {
        let today = ParisTime(now).date
        var request = InvoiceRecord.filter(Column("status") == "unpaid" && Column("amount_cents") > 0
                                           && Column("due_date") >= today.iso
                                           && Column("due_date") <= today.adding(days: settings.reminders.unpaidInvoice.daysBefore).iso)
        if let familyId { request = request.filter(Column("family_id") == familyId) }
        return try request.order(Column("family_id"), Column("due_date"), Column("id")).fetchAll(db).map {
            ReminderItem(kind: .unpaidInvoice, itemKey: $0.id, familyId: $0.familyId, deadline: $0.dueDate, invoice: $0)
        }
    }

    /// A holiday period (a run of an `alsh-vacances` activity's open days) still ahead, whose bookings close —
    /// the first day's booking deadline, `rules.cutoff_hour` — today or within `days_before` and not yet: for each
    /// family, its children of `min_age`…`max_age` on the first day (birth date unknown: counted) that have no
    /// booking in the period yet.
    static func bookingWindows(_ db: Database, settings: Settings, now: Date, familyId: String?) throws -> [ReminderItem] {
        let today = ParisTime(now).date
        let window = settings.reminders.bookingWindow
        let activities = try ActivityRecord.filter(Column("kind") == ActivityKind.alshVacances.rawValue).order(Column("id")).fetchAll(db)
        var items: [ReminderItem] = []
        for activity in activities {
            let days = try String.fetchAll(db, sql: "SELECT date FROM activity_day WHERE activity_id = ? AND date > ? ORDER BY date",
                                           arguments: [activity.id, today.iso]).compactMap(CivilDate.init(iso:))
            for period in periods(days) {
                let rule = BookingRules.Deadline(days: activity.bookingDeadlineDays, cutoffHour: settings.rules.cutoffHour,
                                                 workingDaysOnly: settings.rules.workingDaysOnly)
                let closes = BookingRules.deadline(for: period.first, rule)
                guard closes.date >= today, today.days(until: closes.date) <= window.daysBefore, now <= closes.instant else { continue }
                // The period's booked children in one range of the day index (a per-child NOT EXISTS would scan
                // that range once per child: 25 s for a 20,000-child town).
                let booked = Set(try String.fetchAll(db, sql: """
                    SELECT DISTINCT child_id FROM reservation WHERE activity_id = ? AND date >= ? AND date <= ? AND status <> 'cancelled'
                    """, arguments: [activity.id, period.first.iso, period.last.iso]))
                let rows = try Row.fetchAll(db, sql: """
                    SELECT c.id, c.family_id, c.first_name, c.birth_date FROM child c
                    WHERE (? IS NULL OR c.family_id = ?) ORDER BY c.family_id, c.birth_date, c.id
                    """, arguments: [familyId, familyId])
                var byFamily: [(String, [String])] = []
                for row in rows where !booked.contains(row["id"]) {
                    let birth = (row["birth_date"] as String?).flatMap(CivilDate.init(iso:))
                    if let birth {
                        let age = years(from: birth, to: period.first)
                        guard age >= window.minAge, age <= window.maxAge else { continue }
                    }
                    let family: String = row["family_id"]
                    if byFamily.last?.0 == family { byFamily[byFamily.count - 1].1.append(row["first_name"]) }
                    else { byFamily.append((family, [row["first_name"]])) }
                }
                for (family, names) in byFamily {
                    items.append(ReminderItem(kind: .bookingWindow, itemKey: "\(activity.id):\(period.first.iso)", familyId: family,
                                              deadline: closes.date.iso, children: names, firstDay: period.first.iso,
                                              lastDay: period.last.iso, activity: activity.name, closesHour: closes.hour))
                }
            }
        }
        return items
    }

    /// Consecutive runs of open days, split where two days are more than `periodGapDays` apart.
    static func periods(_ days: [CivilDate]) -> [(first: CivilDate, last: CivilDate)] {
        var out: [(first: CivilDate, last: CivilDate)] = []
        for d in days {
            if let last = out.last, last.last.days(until: d) <= periodGapDays { out[out.count - 1].last = d }
            else { out.append((d, d)) }
        }
        return out
    }

    /// Completed years of age on `day`.
    static func years(from birth: CivilDate, to day: CivilDate) -> Int {
        var age = day.year - birth.year
        if (day.month, day.day) < (birth.month, birth.day) { age -= 1 }
        return age
    }

    // MARK: - Sent once

    /// The family's addresses a reminder may go to: guardians whose space is active (the address on file, proven
    /// by the activation key). A family without one gets no reminder by mail.
    public static func recipients(_ db: Database, familyId: String) throws -> [GuardianRecord] {
        try GuardianRecord.filter(Column("family_id") == familyId && Column("activated_at") != nil).order(Column("id")).fetchAll(db)
    }

    public static func alreadySent(_ db: Database, _ item: ReminderItem, to recipient: String) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminder WHERE kind = ? AND item_key = ? AND recipient = ?",
                         arguments: [item.kind.rawValue, item.itemKey, recipient.lowercased()])! > 0
    }

    /// The record that makes a second send impossible, and its audit row; in the outbox row's transaction.
    public static func record(_ db: Database, _ item: ReminderItem, to recipient: String, outboxId: Int64?, now: Date) throws {
        try db.execute(sql: """
            INSERT INTO reminder(kind, item_key, family_id, recipient, deadline, outbox_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [item.kind.rawValue, item.itemKey, item.familyId, recipient.lowercased(), item.deadline, outboxId, now])
        try AuditRecord.log(db, at: now, message: nil, family: item.familyId, actor: "daemon", action: "reminder",
                            detail: "\(item.kind.rawValue) \(item.itemKey) → \(recipient.lowercased()) (échéance \(item.deadline))")
    }

    /// The audit action of a reminder held back by the reply caps (tried again the next day while still due).
    public static let cappedAction = "reminder-capped"

    /// Reminders queued so far, by kind (metrics).
    public static func sentCounts(_ db: Database) throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) AS n FROM reminder GROUP BY kind") { out[row["kind"]] = row["n"] }
        return out
    }
}
