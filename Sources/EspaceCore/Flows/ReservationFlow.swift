import Foundation
import GRDB
import Parsers

/// Book, cancel or change the ALSH slot, per child, activity and day; each day decided on its own.
enum ReservationFlow {
    static func apply(_ r: Request, children: [ChildRecord], _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        guard let kind = r.activity else {
            return RequestFlows.missing(r, ctx, questions: ["Pour quelle activité ?"])
        }
        // Cached statements here and below: run for every booking and cancellation, for every child and day.
        let activities = try ActivityRecord.fetchAll(db.cachedStatement(sql: "SELECT * FROM activity WHERE kind = ? ORDER BY id"),
                                                     arguments: [kind.rawValue])
        let rules = ctx.settings.rules
        var accepted: [[String: Any]] = [], waiting: [[String: Any]] = [], refused: [[String: Any]] = []
        var changed = false
        var notices: [ReplyDraft] = []
        let cancelling = r.intent == .cancellation

        for child in children {
            for day in r.dates {
                // The activity of that kind open on that day (the town may run several, e.g. one per holiday).
                var activity = activities.first
                var open = false
                for a in activities where try isOpen(a, day, db) { activity = a; open = true; break }
                let label = activity?.name ?? kind.frenchLabel
                let rule = BookingRules.Deadline(days: activity?.bookingDeadlineDays ?? 0, cutoffHour: rules.cutoffHour,
                                                 workingDaysOnly: rules.workingDaysOnly)
                var entry: [String: Any] = ["first_name": child.firstName, "date": FrenchFormat.date(day), "activity": label,
                                            "slot": "", "has_slot": false, "detail": "", "has_detail": false]
                func refuse(_ refusal: BookingRules.Refusal) {
                    entry["reason"] = refusal.frenchReason(currentYear: ctx.today.year)
                    entry["code"] = refusal.code
                    refused.append(entry)
                }
                guard let activity else { refuse(.closed(activity: kind.frenchLabel.capitalizedFirst)); continue }
                let mine = try ReservationRecord.fetchAll(db.cachedStatement(sql: """
                    SELECT * FROM reservation WHERE child_id = ? AND activity_id = ? AND date = ?
                    """), arguments: [child.id, activity.id, day.iso])
                let live = mine.filter { $0.status == "booked" || $0.status == "waiting" }

                if cancelling {
                    let targets = live.filter { r.slot == nil || $0.slot == r.slot!.rawValue }
                    // Leaving a waiting list is always possible; a booking follows the deadline.
                    let decision = targets.allSatisfy({ $0.status == "waiting" }) && !targets.isEmpty
                        ? .accept
                        : BookingRules.decideCancellation(day: day, now: ctx.now, rule: rule, hasBooking: !targets.isEmpty)
                    if case .refuse(let why) = decision { refuse(why); continue }
                    for var t in targets {
                        t.status = "cancelled"; t.updatedAt = ctx.now
                        try t.update(db)
                    }
                    let slots = targets.compactMap { AlshSlot(rawValue: $0.slot)?.shortLabel }
                    if !slots.isEmpty { entry["slot"] = FrenchFormat.list(slots); entry["has_slot"] = true }
                    try ctx.audit(db, "cancellation", "\(child.firstName) (\(child.id)) \(activity.id) \(day.iso) \(targets.map(\.slot).joined(separator: "+"))")
                    if targets.contains(where: { $0.status == "booked" }),
                       let notice = try promoteWaiting(activity: activity, day: day, ctx, db) {
                        notices.append(notice)
                    }
                    changed = true
                    accepted.append(entry)
                    continue
                }

                let bookedCount = try DayCount.children(db, activity: activity.id, date: day.iso)
                let slot = kind.isALSH ? r.slot : nil
                if let slot { entry["slot"] = slot.recapLabel; entry["has_slot"] = true }
                var decision = BookingRules.decideBooking(
                    day: day, now: ctx.now, rule: rule, isOpen: open, activityLabel: label, isALSH: kind.isALSH, slot: slot,
                    existingSlots: live.map(\.slot), bookedCount: bookedCount, capacity: activity.capacity)
                // Another, incompatible slot already booked that day: the parent is changing the slot.
                if case .refuse(.slotConflict) = decision, let slot {
                    let old = live.filter { AlshSlot(rawValue: $0.slot).map { !$0.isCompatible(with: slot) } ?? false }
                    let change = BookingRules.decideCancellation(day: day, now: ctx.now, rule: rule, hasBooking: true)
                    if case .refuse(let why) = change { refuse(why); continue }
                    for var o in old {
                        o.status = "cancelled"; o.updatedAt = ctx.now
                        try o.update(db)
                    }
                    entry["has_detail"] = true
                    entry["detail"] = "créneau modifié, au lieu de : " + FrenchFormat.list(old.compactMap { AlshSlot(rawValue: $0.slot)?.shortLabel })
                    decision = old.contains { $0.status == "booked" } || bookedCount < activity.capacity ? .accept : .waitingList
                    try ctx.audit(db, "slot-change", "\(child.firstName) (\(child.id)) \(activity.id) \(day.iso) \(old.map(\.slot).joined(separator: "+")) -> \(slot.rawValue)")
                }
                switch decision {
                case .refuse(let why):
                    refuse(why)
                case .accept, .waitingList:
                    let status = decision == .accept ? "booked" : "waiting"
                    let slotValue = slot?.rawValue ?? ""
                    if var existing = mine.first(where: { $0.slot == slotValue }) {
                        existing.status = status; existing.updatedAt = ctx.now; existing.absenceId = nil
                        try existing.update(db)
                    } else {
                        var rec = ReservationRecord(id: nil, childId: child.id, activityId: activity.id, date: day.iso,
                                                    slot: slotValue, status: status, absenceId: nil, updatedAt: ctx.now)
                        try rec.insert(db)
                    }
                    try ctx.audit(db, status == "booked" ? "reservation" : "reservation-waiting",
                                  "\(child.firstName) (\(child.id)) \(activity.id) \(day.iso) \(slotValue)")
                    changed = true
                    if status == "booked" { accepted.append(entry) } else { waiting.append(entry) }
                }
            }
        }
        let code = "\(r.intent.rawValue)-" + (refused.isEmpty ? "ok" : (accepted.isEmpty && waiting.isEmpty ? "refused" : "partial"))
        var outcome = FlowOutcome(code: code, changed: changed, section: .init(cancelling ? "cancellation_result" : "reservation_result", [
            "activity": activities.first?.name ?? kind.frenchLabel,
            "accepted": accepted, "has_accepted": !accepted.isEmpty,
            "waiting": waiting, "has_waiting": !waiting.isEmpty,
            "refused": refused, "has_refused": !refused.isEmpty,
            "is_alsh": kind.isALSH,
        ]))
        outcome.notices = notices
        return outcome
    }

    /// A place freed on a full day goes to the first child on the waiting list; that family is told at its address
    /// on file (the notice names only its own child).
    static func promoteWaiting(activity: ActivityRecord, day: CivilDate, _ ctx: FlowContext, _ db: Database) throws -> ReplyDraft? {
        let booked = try DayCount.children(db, activity: activity.id, date: day.iso)
        guard booked < activity.capacity,
              var next = try ReservationRecord
                .filter(Column("activity_id") == activity.id && Column("date") == day.iso && Column("status") == "waiting")
                .order(Column("updated_at"), Column("id")).fetchOne(db) else { return nil }
        next.status = "booked"; next.updatedAt = ctx.now
        try next.update(db)
        let child = try ChildRecord.fetchOne(db, key: next.childId)
        try AuditRecord.log(db, at: ctx.now, message: ctx.messageId, family: child?.familyId, actor: "liste d’attente",
                            action: "waiting-promoted", detail: "\(next.childId) \(activity.id) \(day.iso) \(next.slot)")
        guard let child, let guardian = try GuardianRecord
            .filter(Column("family_id") == child.familyId && Column("activated_at") != nil)
            .order(Column("id")).fetchOne(db) else { return nil }
        let slot = AlshSlot(rawValue: next.slot)
        return ReplyDraft(kind: "notice", to: guardian.email, subject: "Place libérée : \(activity.name)",
                          greetingName: guardian.firstName,
                          sections: [.init("waiting_promoted", [
                              "child": child.firstName, "activity": activity.name, "date": FrenchFormat.date(day),
                              "slot": slot?.frenchLabel ?? "", "has_slot": slot != nil,
                          ])], threaded: false, standalone: true)
    }

    static func isOpen(_ a: ActivityRecord, _ day: CivilDate, _ db: Database) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM activity_day WHERE activity_id = ? AND date = ?"),
                         arguments: [a.id, day.iso]) ?? 0 > 0
    }
}
