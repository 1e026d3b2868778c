import EspaceCore
import Foundation
import Parsers

/// The staff digest as a mail: `digest.txt` / `digest.html` templates (town-editable), and the kitchen's CSV
/// (meals per school, Windows-1252 `;` for Excel) attached.
struct DigestMail {
    let digest: StaffDigest
    let composer: ReplyComposer

    var dayLabel: String { digest.day.map(FrenchFormat.date) ?? "" }

    var subject: String {
        digest.day.map { "Espace Famille : listes du \(FrenchFormat.date($0))" } ?? "Espace Famille : aucun jour d’ouverture à venir"
    }

    /// What the templates read; every list comes with its `has_…` flag.
    var data: [String: Any] {
        let d = digest
        func day(_ iso: String) -> String { CivilDate(iso: iso).map(FrenchFormat.date) ?? iso }
        return [
            "town": composer.townData,
            "has_day": d.day != nil, "day": dayLabel,
            "activities": d.activities.map { ["name": $0.name, "booked": $0.booked, "capacity": $0.capacity,
                                              "waiting": $0.waiting, "absent": $0.absent,
                                              "has_absent": $0.absent > 0, "has_waiting_list": $0.waiting > 0] as [String: Any] },
            "has_activities": !d.activities.isEmpty,
            "meals": d.meals.map { ["place": $0.label, "count": $0.count] as [String: Any] },
            "has_meals": !d.meals.isEmpty, "meals_total": d.meals.reduce(0) { $0 + $1.count },
            "slots": d.alshSlots.map { ["label": $0.label, "count": $0.count] as [String: Any] },
            "has_slots": !d.alshSlots.isEmpty,
            "children": d.children.map { ["activity": $0.activity, "name": $0.name, "school": $0.school, "grade": $0.grade, "has_grade": !$0.grade.isEmpty,
                                          "has_slot": !$0.slot.isEmpty, "slot": $0.slot, "family_id": $0.familyId] as [String: Any] },
            "has_children": !d.children.isEmpty,
            "absences": d.absences.map { ["name": $0.name, "family_id": $0.familyId, "single_day": $0.firstDay == $0.lastDay,
                                          "first_day": day($0.firstDay), "last_day": day($0.lastDay),
                                          "has_reason": !$0.reason.isEmpty, "reason": $0.reason,
                                          "certificate": $0.certificate] as [String: Any] },
            "has_absences": !d.absences.isEmpty,
            "waiting": d.waiting.map { ["activity": $0.activity, "name": $0.name, "rank": $0.rank,
                                        "has_slot": !$0.slot.isEmpty, "slot": $0.slot] as [String: Any] },
            "has_waiting": !d.waiting.isEmpty,
            "review": d.review.map { ["id": $0.id, "received": FrenchFormat.dateTime($0.receivedAt), "from": $0.from,
                                      "subject": $0.subject.isEmpty ? "(sans objet)" : $0.subject,
                                      "outcome": $0.outcome] as [String: Any] },
            "has_review": !d.review.isEmpty,
            "unsent": d.unsent.map { ["id": $0.id, "recipient": $0.recipient, "kind": $0.kind, "attempts": $0.attempts,
                                      "abandoned": $0.abandoned, "has_error": !$0.lastError.isEmpty,
                                      "error": String($0.lastError.prefix(200))] as [String: Any] },
            "has_unsent": !d.unsent.isEmpty,
        ]
    }

    /// For `templates check`: the scenario town's digest, and one with every list filled.
    static func samples(composer: ReplyComposer, store: Store) throws -> [[String: Any]] {
        let day = CivilDate(iso: "2027-03-08")!
        let real = try store.read { try StaffDigest.build($0, today: day, now: ParisTime(date: day, hour: 8, minute: 0).instant) }
        var full = StaffDigest()
        full.day = day.adding(days: 1)
        full.activities = [.init(id: "CANTINE", name: "Restauration scolaire", booked: 2, capacity: 300, waiting: 1, absent: 1)]
        full.meals = [.init(label: "École du Centre", count: 2)]
        full.alshSlots = [.init(label: "Accueil de loisirs du mercredi — matin avec repas", count: 1)]
        full.children = [.init(activity: "Restauration scolaire", childId: "C1", name: "Léa Martin", school: "École du Centre",
                               grade: "CE2", slot: "matin avec repas", familyId: "F1")]
        full.absences = [.init(childId: "C2", name: "Hugo Martin", familyId: "F1", firstDay: "2027-03-09", lastDay: "2027-03-10",
                               reason: "fièvre", certificate: false)]
        full.waiting = [.init(activity: "Accueil de loisirs du mercredi", childId: "C2", name: "Hugo Martin", slot: "journée avec repas", rank: 1)]
        full.review = [.init(id: 3, receivedAt: Date(), from: "camille@exemple.test", subject: "Question", outcome: "review: à lire")]
        full.unsent = [.init(id: 4, recipient: "camille@exemple.test", kind: "reply", attempts: 2, lastError: "SMTP 451", abandoned: false)]
        return [DigestMail(digest: real, composer: composer).data, DigestMail(digest: full, composer: composer).data]
    }

    func text() throws -> String { try composer.render("digest.txt", data) }
    func html() throws -> String { try composer.render("digest.html", data) }

    /// Meals per place, then head counts per activity: what the kitchen and the centres plan with.
    func kitchenCSV() throws -> Data {
        var rows = digest.meals.map { ["repas", $0.label, String($0.count)] }
        rows += digest.activities.map { ["effectif", $0.name, String($0.booked)] }
        rows += digest.alshSlots.map { ["créneau", $0.label, String($0.count)] }
        return try CSVWriter(.excel).encode(header: ["type", "lieu", "nombre"], rows: rows)
    }

    var attachmentName: String { "cuisine-\(digest.day?.iso ?? "aucun-jour").csv" }

    /// multipart/mixed: the text and HTML alternative, then the CSV.
    func message(to: String, now: Date) throws -> (raw: [UInt8], messageId: String) {
        let settings = composer.settings
        let stamp = ParisTime(now)
        let messageId = String(format: "ef.digest.%04d%02d%02d.%@@%@", stamp.date.year, stamp.date.month, stamp.date.day,
                               RandomToken.make(length: 10).lowercased(), settings.ourDomain)
        let outer = "=_ef_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let inner = outer + "_alt"
        var h: [String] = []
        h.append("From: " + MimeWriter.mailbox(name: "Espace Famille - \(settings.town.name)", address: settings.serviceAddress))
        h.append("To: " + MimeWriter.mailbox(name: nil, address: to))
        h.append("Subject: " + MimeWriter.encodeWord(subject))
        h.append("Date: " + MimeWriter.rfc5322Date(now))
        h.append("Message-ID: <\(MimeWriter.sanitize(messageId))>")
        // Generated, not a reply: staff auto-replies must not answer it, and it must not loop back as a parent's mail.
        h.append("Auto-Submitted: auto-generated")
        h.append("X-Auto-Response-Suppress: All")
        h.append("\(AutomatedMailHeader.name): \(MimeWriter.sanitize(settings.ourDomain))")
        h.append("MIME-Version: 1.0")
        h.append("Content-Type: multipart/mixed; boundary=\"\(outer)\"")
        var body = h.joined(separator: "\r\n") + "\r\n\r\n"
        body += "--\(outer)\r\nContent-Type: multipart/alternative; boundary=\"\(inner)\"\r\n\r\n"
        body += "--\(inner)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        body += MimeWriter.quotedPrintable(try text()) + "\r\n"
        body += "--\(inner)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        body += MimeWriter.quotedPrintable(try html()) + "\r\n"
        body += "--\(inner)--\r\n"
        body += "--\(outer)\r\nContent-Type: text/csv; charset=windows-1252; name=\"\(attachmentName)\"\r\n"
        body += "Content-Disposition: attachment; filename=\"\(attachmentName)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        body += try kitchenCSV().base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
        body += "--\(outer)--\r\n"
        return (Array(body.utf8), messageId)
    }
}
