import Foundation
import GRDB
import Parsers

/// A family's file as the portal's dashboard shows it: the `summary` reply and `maildaemon family show --json`.
public struct FamilyReport: Codable, Sendable {
    public struct Guardian: Codable, Sendable {
        public var firstName: String, lastName: String, email: String, phone: String, active: Bool
        enum CodingKeys: String, CodingKey { case email, phone, active; case firstName = "first_name", lastName = "last_name" }
    }
    public struct Booking: Codable, Sendable {
        public var date: String, activityId: String, activity: String, slot: String, status: String
        enum CodingKeys: String, CodingKey { case date, activity, slot, status; case activityId = "activity_id" }
    }
    public struct Absence: Codable, Sendable {
        public var id: Int64, firstDay: String, lastDay: String, justified: Bool, certificateDeadline: String
        /// No certificate yet, deadline not passed, and booked days were affected.
        public var certificateDue: Bool
        enum CodingKeys: String, CodingKey {
            case id, justified; case firstDay = "first_day", lastDay = "last_day"
            case certificateDeadline = "certificate_deadline", certificateDue = "certificate_due"
        }
    }
    public struct Child: Codable, Sendable {
        public var id: String, firstName: String, lastName: String, birthDate: String?, school: String, grade: String
        public var bookings: [Booking]
        public var absences: [Absence]
        enum CodingKeys: String, CodingKey {
            case id, school, grade, bookings, absences
            case firstName = "first_name", lastName = "last_name", birthDate = "birth_date"
        }
    }
    public struct Invoice: Codable, Sendable {
        public var id: String, label: String, issueDate: String, dueDate: String, amountCents: Int, paid: Bool
        public var paidAt: String?
        public var payfipLink: String?
        enum CodingKeys: String, CodingKey {
            case id, label, paid; case issueDate = "issue_date", dueDate = "due_date", amountCents = "amount_cents"
            case paidAt = "paid_at", payfipLink = "payfip_link"
        }

        var templateData: [String: Any] {
            ["id": id, "label": label, "amount": FrenchFormat.amount(cents: amountCents),
             "due_date": CivilDate(iso: dueDate).map(FrenchFormat.date) ?? dueDate,
             "paid": paid, "paid_at": paidAt.flatMap(CivilDate.init(iso:)).map(FrenchFormat.date) ?? "",
             "has_paid_at": paidAt != nil,
             "link": payfipLink ?? "", "has_link": payfipLink != nil]
        }
    }
    public struct Pending: Codable, Sendable {
        public var token: String, summary: String, expiresAt: Date, guardianEmail: String
        enum CodingKeys: String, CodingKey { case token, summary; case expiresAt = "expires_at", guardianEmail = "guardian_email" }
    }

    public var familyId: String
    public var name: String
    public var address: String, postalCode: String, city: String
    public var einvoice: Bool
    public var einvoiceChangedAt: Date?
    public var guardians: [Guardian]
    public var children: [Child]
    public var invoices: [Invoice]
    public var pending: [Pending]
    /// Invoices due soon and holiday bookings closing: the reminders' items (`Reminders.due`) with the configured
    /// lead times, whether or not the town mails them (certificates are in `children[].absences`).
    public var notices: [ReminderItem] = []
    /// The address put in the notices' PayFiP links.
    var linkEmail = ""
    /// From `today` to `today + 27`.
    public var bookingsFrom: String, bookingsTo: String
    /// For the notices' template data (PayFiP links).
    var settings: Settings?

    enum CodingKeys: String, CodingKey {
        case name, address, city, einvoice, guardians, children, invoices, pending, notices
        case familyId = "family_id", postalCode = "postal_code", einvoiceChangedAt = "einvoice_changed_at"
        case bookingsFrom = "bookings_from", bookingsTo = "bookings_to"
    }

    /// The family by id, or by one of its guardians' email addresses.
    public static func resolveFamilyId(_ idOrEmail: String, _ db: Database) throws -> String? {
        if try FamilyRecord.exists(db, key: idOrEmail) { return idOrEmail }
        return try GuardianRecord.filter(Column("email") == idOrEmail.lowercased()).fetchOne(db)?.familyId
    }

    /// - Parameter linkEmail: the address put in PayFiP links (`mel`); the first guardian's when nil.
    public static func build(familyId: String, settings: Settings, now: Date, linkEmail: String? = nil,
                             _ db: Database) throws -> FamilyReport? {
        guard let family = try FamilyRecord.fetchOne(db, key: familyId) else { return nil }
        let today = ParisTime(now).date
        let until = today.adding(days: 27)
        let guardians = try GuardianRecord.filter(Column("family_id") == familyId).order(Column("id")).fetchAll(db)
        let childRecords = try ChildRecord.filter(Column("family_id") == familyId).order(Column("birth_date"), Column("id")).fetchAll(db)
        let activities = Dictionary(uniqueKeysWithValues: try ActivityRecord.fetchAll(db).map { ($0.id, $0) })
        var children: [Child] = []
        for c in childRecords {
            let bookings = try ReservationRecord
                .filter(Column("child_id") == c.id && Column("date") >= today.iso && Column("date") <= until.iso
                        && Column("status") != "cancelled")
                .order(Column("date"), Column("activity_id"), Column("slot")).fetchAll(db)
                .map { r in Booking(date: r.date, activityId: r.activityId, activity: activities[r.activityId]?.name ?? r.activityId,
                                    slot: r.slot, status: r.status) }
            let recentFrom = today.adding(days: -30)
            let absences = try AbsenceRecord.filter(Column("child_id") == c.id && Column("last_day") >= recentFrom.iso)
                .order(Column("first_day").desc).fetchAll(db)
                .map { a -> Absence in
                    let deadline = (CivilDate(iso: a.lastDay) ?? today).adding(days: settings.rules.certificateDeadlineDays)
                    let affected = try ReservationRecord.filter(Column("absence_id") == a.id).fetchCount(db)
                    return Absence(id: a.id ?? 0, firstDay: a.firstDay, lastDay: a.lastDay, justified: a.certificatePath != nil,
                                   certificateDeadline: deadline.iso,
                                   certificateDue: a.certificatePath == nil && deadline >= today && affected > 0)
                }
            children.append(Child(id: c.id, firstName: c.firstName, lastName: c.lastName, birthDate: c.birthDate,
                                  school: c.school, grade: c.grade, bookings: bookings, absences: absences))
        }
        let pending = try PendingRequestRecord
            .filter(Column("family_id") == familyId && Column("state") == "waiting" && Column("expires_at") > now)
            .order(Column("created_at")).fetchAll(db)
            .map { Pending(token: $0.token, summary: $0.summary, expiresAt: $0.expiresAt, guardianEmail: $0.guardianEmail) }
        return FamilyReport(
            familyId: family.id, name: family.name, address: family.address, postalCode: family.postalCode, city: family.city,
            einvoice: family.einvoice, einvoiceChangedAt: family.einvoiceChangedAt,
            guardians: guardians.map { Guardian(firstName: $0.firstName, lastName: $0.lastName, email: $0.email, phone: $0.phone,
                                                active: $0.isActive) },
            children: children,
            invoices: try invoices(familyId: familyId, email: linkEmail ?? guardians.first?.email ?? "", settings: settings, db),
            pending: pending,
            notices: try Reminders.due(db, settings: settings, now: now, familyId: familyId, onlyEnabled: false)
                .filter { $0.kind != .missingCertificate },
            linkEmail: linkEmail ?? guardians.first?.email ?? "",
            bookingsFrom: today.iso, bookingsTo: until.iso, settings: settings)
    }

    /// Unpaid first (oldest due first), then paid (most recent first); a link for each unpaid one.
    static func invoices(familyId: String, email: String, settings: Settings, _ db: Database) throws -> [Invoice] {
        let all = try InvoiceRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM invoice WHERE family_id = ?"), arguments: [familyId])
        let unpaid = all.filter { !$0.isPaid }.sorted { ($0.dueDate, $0.id) < ($1.dueDate, $1.id) }
        let paid = all.filter(\.isPaid).sorted { ($0.dueDate, $0.id) > ($1.dueDate, $1.id) }
        return (unpaid + paid).map { i in
            Invoice(id: i.id, label: i.label, issueDate: i.issueDate, dueDate: i.dueDate, amountCents: i.amountCents,
                    paid: i.isPaid, paidAt: i.paidAt, payfipLink: PayFiPLink.make(invoice: i, payfip: settings.payfip, email: email))
        }
    }

    public var json: String {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        enc.dateEncodingStrategy = .iso8601
        return (try? enc.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// The data of the `summary` section.
    public var templateData: [String: Any] {
        func day(_ iso: String) -> String { CivilDate(iso: iso).map(FrenchFormat.date) ?? iso }
        let statusLabel = ["booked": "réservé", "absent": "absence signalée", "waiting": "liste d’attente"]
        let certificatesDue = children.flatMap { c in
            c.absences.filter(\.certificateDue).map { a -> [String: Any] in
                ["first_name": c.firstName, "first_day": day(a.firstDay), "last_day": day(a.lastDay),
                 "single_day": a.firstDay == a.lastDay, "deadline": day(a.certificateDeadline)]
            }
        }
        let unpaid = invoices.filter { !$0.paid }
        let noticeData = settings.map { s in notices.map { $0.templateData(settings: s, email: linkEmail) } } ?? []
        let invoicesDue = zip(notices, noticeData).filter { $0.0.kind == .unpaidInvoice }.map(\.1)
        let bookingWindows = zip(notices, noticeData).filter { $0.0.kind == .bookingWindow }.map(\.1)
        return [
            "family_name": name, "family_id": familyId,
            "address": address, "postal_code": postalCode, "city": city,
            "guardians": guardians.map { ["first_name": $0.firstName, "last_name": $0.lastName, "email": $0.email,
                                          "phone": $0.phone, "has_phone": !$0.phone.isEmpty] },
            "children": children.map { c -> [String: Any] in
                [
                    "first_name": c.firstName, "last_name": c.lastName, "school": c.school, "grade": c.grade, "has_grade": !c.grade.isEmpty,
                    "bookings": c.bookings.map { b -> [String: Any] in
                        ["date": day(b.date), "activity": b.activity,
                         "slot": AlshSlot(rawValue: b.slot)?.recapLabel ?? "", "has_slot": !b.slot.isEmpty,
                         "status": statusLabel[b.status] ?? b.status]
                    },
                    "has_bookings": !c.bookings.isEmpty,
                    "absences": c.absences.map { a -> [String: Any] in
                        ["first_day": day(a.firstDay), "last_day": day(a.lastDay), "single_day": a.firstDay == a.lastDay,
                         "justified": a.justified, "certificate_due": a.certificateDue, "deadline": day(a.certificateDeadline)]
                    },
                    "has_absences": !c.absences.isEmpty,
                ]
            },
            "bookings_from": day(bookingsFrom), "bookings_to": day(bookingsTo),
            "invoices": invoices.map(\.templateData), "has_invoices": !invoices.isEmpty,
            "has_unpaid": !unpaid.isEmpty,
            "unpaid_total": FrenchFormat.amount(cents: unpaid.reduce(0) { $0 + $1.amountCents }),
            "einvoice": einvoice,
            "einvoice_since": einvoiceChangedAt.map { FrenchFormat.date(ParisTime($0).date) } ?? "",
            "has_einvoice_since": einvoiceChangedAt != nil,
            "pending": pending.map { ["token": $0.token, "summary": $0.summary, "expires": FrenchFormat.dateTime($0.expiresAt)] },
            "has_pending": !pending.isEmpty,
            "certificates_due": certificatesDue, "has_certificates_due": !certificatesDue.isEmpty,
            "invoices_due": invoicesDue, "booking_windows": bookingWindows,
            "has_waiting_items": !pending.isEmpty || !certificatesDue.isEmpty || !invoicesDue.isEmpty || !bookingWindows.isEmpty,
        ]
    }
}
