import Foundation
import GRDB
import Parsers

/// "Signaler une absence": every booking of the child on the covered days is marked absent; a certificate
/// (attached now or later) justifies the absence.
enum AbsenceFlow {
    struct Booked {
        var reservation: ReservationRecord
        var activity: ActivityRecord
        var label: String {
            let slot = AlshSlot(rawValue: reservation.slot).map { " (\($0.shortLabel))" } ?? ""
            return activity.name + slot
        }
    }

    static func apply(_ r: Request, children: [ChildRecord], _ ctx: FlowContext, _ db: Database,
                      held: PendingRequests.Held?) throws -> FlowOutcome {
        var certificate = held?.certificate
        var certificateProblem: String? = nil
        if certificate == nil {
            switch try CertificateStore.storeFirst(ctx.attachments, settings: ctx.settings, today: ctx.today) {
            case .stored(let s): certificate = s
            case .rejected(let why): certificateProblem = why
            case .none: break
            }
        }
        if r.dates.isEmpty {
            return try attachLater(children: children, certificate: certificate, problem: certificateProblem, ctx, db)
        }
        let first = r.dates.first!, last = r.dates.last!
        let deadline = last.adding(days: ctx.settings.rules.certificateDeadlineDays)
        var items: [[String: Any]] = []
        var anyBooked = false
        var justifiedAll = true
        for child in children {
            let booked = try bookings(child: child, dates: r.dates, statuses: ["booked"], db)
            let alreadyAbsent = try bookings(child: child, dates: r.dates, statuses: ["absent"], db)
            // The same absence declared again (e.g. with its certificate) is completed, not duplicated.
            var absence = try AbsenceRecord.fetchOne(db.cachedStatement(sql: """
                SELECT * FROM absence WHERE child_id = ? AND first_day <= ? AND last_day >= ? ORDER BY created_at DESC
                """), arguments: [child.id, first.iso, last.iso])
            let isNew = absence == nil
            if absence == nil {
                absence = AbsenceRecord(id: nil, childId: child.id, firstDay: first.iso, lastDay: last.iso,
                                        reason: r.reason ?? "", certificatePath: nil, certificateReceivedAt: nil,
                                        messageId: ctx.messageId, createdAt: ctx.now)
            }
            if let certificate, absence!.certificatePath == nil {
                absence!.certificatePath = certificate.path
                absence!.certificateReceivedAt = ctx.now
            }
            try absence!.save(db)
            for var b in booked.map(\.reservation) {
                b.status = "absent"; b.absenceId = absence!.id; b.updatedAt = ctx.now
                try b.update(db)
            }
            let justified = absence!.certificatePath != nil
            justifiedAll = justifiedAll && justified
            anyBooked = anyBooked || !booked.isEmpty || !alreadyAbsent.isEmpty
            let detail = "\(child.firstName) (\(child.id)) du \(first.iso) au \(last.iso) : " +
                (booked.isEmpty ? "aucune réservation" : booked.map { "\($0.reservation.date) \($0.activity.id)" }.joined(separator: ", ")) +
                (certificate != nil ? " ; certificat \(certificate!.originalName.isEmpty ? "sans nom" : certificate!.originalName) → \(certificate!.path)" : "")
            try ctx.audit(db, isNew ? "absence" : "absence-update", detail)
            items.append([
                "first_name": child.firstName,
                "dates": FrenchFormat.dates(r.dates),
                "days": days(booked),
                "has_bookings": !booked.isEmpty,
                "already_absent": days(alreadyAbsent),
                "has_already_absent": !alreadyAbsent.isEmpty,
                "nothing_booked": booked.isEmpty && alreadyAbsent.isEmpty,
                "justified": justified,
            ])
        }
        let data: [String: Any] = [
            "children": items,
            "dates": FrenchFormat.dates(r.dates),
            "has_certificate": certificate != nil,
            "certificate_name": certificate?.originalName ?? "",
            "certificate_problem": certificateProblem ?? "",
            "has_certificate_problem": certificateProblem != nil,
            "justified": justifiedAll,
            "billed_unless_certificate": anyBooked && !justifiedAll,
            "anything_booked": anyBooked,
            "certificate_deadline": FrenchFormat.date(deadline),
        ]
        return FlowOutcome(code: anyBooked ? "absence-recorded" : "absence-nothing-booked", changed: true,
                           section: .init("absence_recorded", data))
    }

    /// "Ci-joint le certificat pour l'absence de Léa": the certificate goes to the child's open absence.
    static func attachLater(children: [ChildRecord], certificate: CertificateStore.Stored?, problem: String?,
                            _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        guard let certificate else {
            return FlowOutcome(code: "certificate-missing", changed: false, section: .init("certificate_missing", [
                "problem": problem ?? "aucun fichier n’était joint à votre message", "has_problem": true,
            ]))
        }
        var attached: [[String: Any]] = []
        var notFound: [String] = []
        for child in children {
            guard var absence = try AbsenceRecord
                .filter(Column("child_id") == child.id && Column("certificate_path") == nil)
                .order(Column("last_day").desc, Column("created_at").desc).fetchOne(db) else {
                notFound.append(child.firstName)
                continue
            }
            absence.certificatePath = certificate.path
            absence.certificateReceivedAt = ctx.now
            try absence.update(db)
            let first = CivilDate(iso: absence.firstDay)!, last = CivilDate(iso: absence.lastDay)!
            let deadline = last.adding(days: ctx.settings.rules.certificateDeadlineDays)
            try ctx.audit(db, "absence-certificate", "\(child.firstName) (\(child.id)) absence \(absence.id ?? 0) du \(absence.firstDay) au \(absence.lastDay) ; certificat \(certificate.originalName) → \(certificate.path)")
            let days = stride(from: first.dayNumber, through: last.dayNumber, by: 1).map(CivilDate.init(dayNumber:))
            attached.append([
                "first_name": child.firstName,
                "dates": first == last ? "le \(FrenchFormat.date(first))" : "du \(FrenchFormat.date(first)) au \(FrenchFormat.date(last))",
                "late": ctx.today > deadline,
                "certificate_deadline": FrenchFormat.date(deadline),
                "day_count": days.count,
            ])
        }
        return FlowOutcome(code: attached.isEmpty ? "certificate-no-open-absence" : "certificate-attached",
                           changed: !attached.isEmpty, section: .init("certificate_attached", [
                               "attached": attached, "has_attached": !attached.isEmpty,
                               "not_found": FrenchFormat.list(notFound), "has_not_found": !notFound.isEmpty,
                               "certificate_name": certificate.originalName,
                           ]))
    }

    static func bookings(child: ChildRecord, dates: [CivilDate], statuses: [String], _ db: Database) throws -> [Booked] {
        guard !dates.isEmpty, !statuses.isEmpty else { return [] }
        // Cached statements (one per number of days and statuses): run for every absence and cancellation.
        let marks = { (n: Int) in Array(repeating: "?", count: n).joined(separator: ",") }
        let rows = try ReservationRecord.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM reservation WHERE child_id = ? AND date IN (\(marks(dates.count))) AND status IN (\(marks(statuses.count)))
            ORDER BY date, activity_id, slot
            """), arguments: StatementArguments([child.id] + dates.map(\.iso) + statuses))
        let activity = try db.cachedStatement(sql: "SELECT * FROM activity WHERE id = ?")
        return try rows.compactMap { r in
            try ActivityRecord.fetchOne(activity, arguments: [r.activityId]).map { Booked(reservation: r, activity: $0) }
        }
    }

    /// Day by day, the activities concerned.
    static func days(_ booked: [Booked]) -> [[String: Any]] {
        var order: [String] = []
        var byDay: [String: [String]] = [:]
        for b in booked {
            if byDay[b.reservation.date] == nil { order.append(b.reservation.date) }
            byDay[b.reservation.date, default: []].append(b.label)
        }
        return order.map { d in
            ["date": CivilDate(iso: d).map(FrenchFormat.date) ?? d, "activities": FrenchFormat.list(byDay[d]!)]
        }
    }
}
