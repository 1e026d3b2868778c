import Foundation
import GRDB
import Parsers

/// The staff's morning mail, as data read from the store: the next opening day's head counts, meals per school,
/// ALSH slots, children booked, absences, waiting lists, then the mails waiting for a person and the replies not
/// sent yet. Rendering is MailDaemon's (templates `digest.*`).
public struct StaffDigest: Sendable, Codable {
    public struct Count: Sendable, Codable, Equatable {
        public var label: String; public var count: Int
        public init(label: String, count: Int) { self.label = label; self.count = count }
    }
    public struct ActivityCount: Sendable, Codable, Equatable {
        public var id: String, name: String, booked: Int, capacity: Int, waiting: Int, absent: Int
        public init(id: String, name: String, booked: Int, capacity: Int, waiting: Int, absent: Int) {
            self.id = id; self.name = name; self.booked = booked; self.capacity = capacity; self.waiting = waiting; self.absent = absent
        }
    }
    public struct Child: Sendable, Codable, Equatable {
        public var activity: String, childId: String, name: String, school: String, grade: String, slot: String, familyId: String
        public init(activity: String, childId: String, name: String, school: String, grade: String, slot: String, familyId: String) {
            self.activity = activity; self.childId = childId; self.name = name; self.school = school; self.grade = grade
            self.slot = slot; self.familyId = familyId
        }
    }
    public struct Absence: Sendable, Codable, Equatable {
        public var childId: String, name: String, familyId: String, firstDay: String, lastDay: String, reason: String
        public var certificate: Bool
        public init(childId: String, name: String, familyId: String, firstDay: String, lastDay: String, reason: String, certificate: Bool) {
            self.childId = childId; self.name = name; self.familyId = familyId; self.firstDay = firstDay; self.lastDay = lastDay
            self.reason = reason; self.certificate = certificate
        }
    }
    public struct Waiting: Sendable, Codable, Equatable {
        public var activity: String, childId: String, name: String, slot: String, rank: Int
        public init(activity: String, childId: String, name: String, slot: String, rank: Int) {
            self.activity = activity; self.childId = childId; self.name = name; self.slot = slot; self.rank = rank
        }
    }
    public struct Review: Sendable, Codable, Equatable {
        public var id: Int64, receivedAt: Date, from: String, subject: String, outcome: String
        public init(id: Int64, receivedAt: Date, from: String, subject: String, outcome: String) {
            self.id = id; self.receivedAt = receivedAt; self.from = from; self.subject = subject; self.outcome = outcome
        }
    }
    public struct Unsent: Sendable, Codable, Equatable {
        public var id: Int64, recipient: String, kind: String, attempts: Int, lastError: String, abandoned: Bool
        public init(id: Int64, recipient: String, kind: String, attempts: Int, lastError: String, abandoned: Bool) {
            self.id = id; self.recipient = recipient; self.kind = kind; self.attempts = attempts; self.lastError = lastError
            self.abandoned = abandoned
        }
    }

    /// The day the lists are for: the first day after `today` that an activity is open (nil: none on file).
    public var day: CivilDate?
    public var activities: [ActivityCount] = []
    /// Meals to cook: school canteen per school, then each holiday centre's slots with a meal.
    public var meals: [Count] = []
    /// ALSH head counts per « activité — créneau ».
    public var alshSlots: [Count] = []
    public var children: [Child] = []
    public var absences: [Absence] = []
    public var waiting: [Waiting] = []
    public var review: [Review] = []
    public var unsent: [Unsent] = []

    public init() {}

    /// Mails to review received over the last `reviewDays` days before `now` (older ones are in `maildaemon report`).
    public static func build(_ db: Database, today: CivilDate, now: Date, reviewDays: Int = 7) throws -> StaffDigest {
        var d = StaffDigest()
        d.day = try String.fetchOne(db, sql: "SELECT MIN(date) FROM activity_day WHERE date > ?", arguments: [today.iso])
            .flatMap(CivilDate.init(iso:))
        if let day = d.day?.iso {
            d.activities = try Row.fetchAll(db, sql: """
                SELECT a.id, a.name, a.capacity,
                  (SELECT COUNT(DISTINCT child_id) FROM reservation r WHERE r.activity_id = a.id AND r.date = ? AND r.status = 'booked') AS booked,
                  (SELECT COUNT(DISTINCT child_id) FROM reservation r WHERE r.activity_id = a.id AND r.date = ? AND r.status = 'waiting') AS waiting,
                  (SELECT COUNT(DISTINCT child_id) FROM reservation r WHERE r.activity_id = a.id AND r.date = ? AND r.status = 'absent') AS absent
                FROM activity a JOIN activity_day ad ON ad.activity_id = a.id AND ad.date = ? ORDER BY a.name, a.id
                """, arguments: [day, day, day, day]).map {
                ActivityCount(id: $0["id"], name: $0["name"], booked: $0["booked"], capacity: $0["capacity"],
                              waiting: $0["waiting"], absent: $0["absent"])
            }
            let booked = try Row.fetchAll(db, sql: """
                SELECT r.activity_id, a.name AS activity, a.kind, r.slot, c.id AS child_id, c.first_name, c.last_name,
                       c.school, c.grade, c.family_id
                FROM reservation r JOIN activity a ON a.id = r.activity_id JOIN child c ON c.id = r.child_id
                WHERE r.date = ? AND r.status = 'booked' ORDER BY a.name, r.activity_id, c.last_name, c.first_name, c.id, r.slot
                """, arguments: [day])
            var meals: [String: Set<String>] = [:], slots: [String: Int] = [:]
            for r in booked {
                let kind = ActivityKind(rawValue: r["kind"])
                let slot = AlshSlot(rawValue: r["slot"])
                let activity: String = r["activity"], childId: String = r["child_id"], school: String = r["school"]
                d.children.append(Child(activity: activity, childId: childId, name: "\(r["first_name"] as String) \(r["last_name"] as String)",
                                        school: school, grade: r["grade"], slot: slot?.shortLabel ?? "", familyId: r["family_id"]))
                if kind == .restauration { meals[school.isEmpty ? "École non renseignée" : school, default: []].insert(childId) }
                if let slot {
                    slots["\(activity) — \(slot.shortLabel)", default: 0] += 1
                    if slot.rawValue.hasSuffix("avec-repas") { meals[activity, default: []].insert(childId) }
                }
            }
            d.meals = meals.map { Count(label: $0.key, count: $0.value.count) }.sorted { $0.label < $1.label }
            d.alshSlots = slots.map { Count(label: $0.key, count: $0.value) }.sorted { $0.label < $1.label }
            d.absences = try Row.fetchAll(db, sql: """
                SELECT ab.child_id, c.first_name, c.last_name, c.family_id, ab.first_day, ab.last_day, ab.reason,
                       ab.certificate_received_at IS NOT NULL AS certificate
                FROM absence ab JOIN child c ON c.id = ab.child_id
                WHERE ab.first_day <= ? AND ab.last_day >= ? ORDER BY c.last_name, c.first_name, ab.id
                """, arguments: [day, day]).map {
                Absence(childId: $0["child_id"], name: "\($0["first_name"] as String) \($0["last_name"] as String)",
                        familyId: $0["family_id"], firstDay: $0["first_day"], lastDay: $0["last_day"], reason: $0["reason"],
                        certificate: $0["certificate"])
            }
            // The order the flows promote in: oldest request first.
            var rank: [String: Int] = [:]
            d.waiting = try Row.fetchAll(db, sql: """
                SELECT a.name AS activity, r.activity_id, r.slot, c.id AS child_id, c.first_name, c.last_name
                FROM reservation r JOIN activity a ON a.id = r.activity_id JOIN child c ON c.id = r.child_id
                WHERE r.date = ? AND r.status = 'waiting' ORDER BY a.name, r.activity_id, r.updated_at, r.id
                """, arguments: [day]).map {
                let activity: String = $0["activity_id"]
                rank[activity, default: 0] += 1
                return Waiting(activity: $0["activity"], childId: $0["child_id"],
                               name: "\($0["first_name"] as String) \($0["last_name"] as String)",
                               slot: AlshSlot(rawValue: $0["slot"])?.shortLabel ?? "", rank: rank[activity]!)
            }
        }
        d.review = try MessageRecord.filter(Column("state") == "review" && Column("received_at") > now.addingTimeInterval(-Double(reviewDays) * 86_400))
            .order(Column("id")).fetchAll(db).map {
            Review(id: $0.id ?? 0, receivedAt: $0.receivedAt, from: $0.fromAddress, subject: $0.subject, outcome: $0.outcome)
        }
        d.unsent = try OutboxRecord.filter(Column("sent_at") == nil).order(Column("id")).fetchAll(db).map {
            Unsent(id: $0.id ?? 0, recipient: $0.recipient, kind: $0.kind, attempts: $0.attempts,
                   lastError: $0.lastError ?? "", abandoned: $0.nextAttemptAt == .distantFuture)
        }
        return d
    }

    // MARK: - Sent once a day

    /// The audit action that records a digest queued for a day.
    public static let auditAction = "staff-digest"

    public static func alreadySent(_ db: Database, on today: CivilDate) throws -> Bool {
        try AuditRecord.filter(Column("action") == auditAction && Column("detail").like("\(today.iso)%")).fetchCount(db) > 0
    }

    public static func recordSent(_ db: Database, on today: CivilDate, for day: CivilDate?, to: [String], now: Date) throws {
        try AuditRecord.log(db, at: now, message: nil, family: nil, actor: "daemon", action: auditAction,
                            detail: "\(today.iso) : lendemain \(day?.iso ?? "aucun") → \(to.joined(separator: ", "))")
    }
}
