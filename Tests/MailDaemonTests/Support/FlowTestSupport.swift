import EspaceCore
import Foundation
import GRDB
import XCTest

/// Helpers shared by the flow and corpus end-to-end tests: mails with attachments, headers of received mails,
/// and snapshots of a family's rows.
enum FlowMail {
    /// A minimal but well-formed PDF (what a scanner or a doctor's software would attach).
    static let pdf: Data = Data("""
        %PDF-1.4
        1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
        2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
        3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
        trailer << /Root 1 0 R >>
        %%EOF

        """.utf8)

    /// A parent's mail with a text part and one base64 attachment, as a mail client writes it.
    static func withAttachment(from: String, to: String = TestTown.service, subject: String, body: String,
                               filename: String, contentType: String = "application/pdf", data: Data = pdf,
                               messageId: String = "<\(UUID().uuidString)@parents.test>",
                               extraHeaders: [String] = []) -> Data {
        let boundary = "=_b\(UUID().uuidString.prefix(8))"
        var lines = ["From: \(from)", "To: \(to)", "Subject: \(subject)", "Date: Mon, 08 Mar 2027 07:45:00 +0100",
                     "Message-ID: \(messageId)"]
        lines += extraHeaders
        lines += ["MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"\(boundary)\"", "",
                  "--\(boundary)", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", body, "",
                  "--\(boundary)", "Content-Type: \(contentType); name=\"\(filename)\"",
                  "Content-Disposition: attachment; filename=\"\(filename)\"", "Content-Transfer-Encoding: base64", ""]
        lines += data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            .components(separatedBy: "\r\n")
        lines += ["--\(boundary)--", ""]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// The value of a header in a raw mail (first occurrence, unfolded), nil when absent.
    static func header(_ raw: String, _ name: String) -> String? {
        var value: String? = nil
        // "\r\n" is one Character in Swift: split on both.
        for line in raw.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.isEmpty { break }
            if value != nil {
                if line.first == " " || line.first == "\t" { value! += " " + line.trimmingCharacters(in: .whitespaces); continue }
                return value
            }
            if line.lowercased().hasPrefix(name.lowercased() + ":") {
                value = String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces)
            }
        }
        return value
    }

    /// The address inside a To/From header value.
    static func address(_ value: String?) -> String? {
        guard let value else { return nil }
        if let lt = value.lastIndex(of: "<"), let gt = value.lastIndex(of: ">"), lt < gt {
            return String(value[value.index(after: lt)..<gt]).lowercased()
        }
        return value.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// A received reply, decoded the way the parent reads it.
struct ReceivedReply {
    let raw: String
    /// Sender, subject and the plain-text part, with no-break spaces as plain spaces (French typography puts
    /// them before colons and the euro sign).
    let text: String
    /// The plain-text part alone (what we wrote, without the subject the parent chose).
    var body: String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("--- De :") && !$0.hasPrefix("--- Objet :") }.joined(separator: "\n")
    }

    init(raw: String, text: String) {
        self.raw = raw
        self.text = text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }
    var to: String? { FlowMail.address(FlowMail.header(raw, "To")) }
    var messageId: String? { FlowMail.header(raw, "Message-ID") }
    var inReplyTo: String? { FlowMail.header(raw, "In-Reply-To") }
    var subject: String? { FlowMail.header(raw, "Subject") }
}

extension TestMailStack {
    /// The mails in `user`'s inbox, decoded, oldest first.
    func replies(_ user: String) throws -> [ReceivedReply] {
        try messages(user).map { ReceivedReply(raw: $0, text: try TestTown.plainText($0)) }
    }

    /// Waits for exactly one more mail in `user`'s inbox than `before` and returns the newest.
    func newReply(_ user: String, after before: Int, file: StaticString = #filePath, line: UInt = #line) throws -> ReceivedReply {
        try waitFor(user, count: before + 1)
        // Once nothing is on its way, the count is final: a second copy would be there too.
        settle()
        let uids = try uids(user)
        XCTAssertEqual(uids.count, before + 1, "mails in \(user)'s inbox", file: file, line: line)
        guard let last = uids.last, uids.count > before else {
            throw NSError(domain: "no reply for \(user)", code: 1)
        }
        let raw = try fetch(user, uid: last)
        return ReceivedReply(raw: raw, text: try TestTown.plainText(raw))
    }
}

/// Everything staff would look at for one family, as comparable text rows.
enum FamilySnapshot {
    static func take(_ store: Store, family: String) throws -> [String] {
        try store.read { db in
            var rows: [String] = []
            let queries: [(String, String)] = [
                ("family", "SELECT * FROM family WHERE id = ?"),
                ("guardian", "SELECT * FROM guardian WHERE family_id = ? ORDER BY id"),
                ("child", "SELECT * FROM child WHERE family_id = ? ORDER BY id"),
                ("reservation", "SELECT * FROM reservation WHERE child_id IN (SELECT id FROM child WHERE family_id = ?) ORDER BY id"),
                ("absence", "SELECT * FROM absence WHERE child_id IN (SELECT id FROM child WHERE family_id = ?) ORDER BY id"),
                ("invoice", "SELECT * FROM invoice WHERE family_id = ? ORDER BY id"),
            ]
            for (table, sql) in queries {
                for row in try Row.fetchAll(db, sql: sql, arguments: [family]) {
                    rows.append("\(table): " + row.columnNames.map { "\($0)=\(row[$0] as DatabaseValue)" }.joined(separator: " "))
                }
            }
            return rows
        }
    }

    /// The rows that differ between two snapshots, for failure messages.
    static func diff(_ a: [String], _ b: [String]) -> String {
        let before = Set(a), after = Set(b)
        return (a.filter { !after.contains($0) }.map { "- " + $0 } + b.filter { !before.contains($0) }.map { "+ " + $0 })
            .joined(separator: "\n")
    }
}

extension Store {
    func reservations(child: String, date: String, activity: String? = nil) throws -> [ReservationRecord] {
        try read { db in
            var q = ReservationRecord.filter(Column("child_id") == child && Column("date") == date)
            if let activity { q = q.filter(Column("activity_id") == activity) }
            return try q.order(Column("id")).fetchAll(db)
        }
    }

    func absences(child: String) throws -> [AbsenceRecord] {
        try read { db in try AbsenceRecord.filter(Column("child_id") == child).order(Column("id")).fetchAll(db) }
    }
}
