import EspaceCore
import Foundation
@testable import MailDaemon
import Parsers

/// A small town written as the town's CSV exports, imported into a fresh SQLite store.
enum TestTown {
    static let service = "famille@ville.test"
    static let staff = "agent@mairie.test"
    static let today = CivilDate(iso: "2027-03-08")!

    static let families = """
        family_id;family_name;address;postal_code;city;einvoice
        1001;Martin;3 rue des Écoles;33185;Le Haillan;non
        1002;Nguyen;18 avenue Pasteur;33185;Le Haillan;oui
        """
    static let guardians = """
        family_id;first_name;last_name;email;phone;activation_key
        1001;Camille;Martin;camille@parents.test;06 12 34 56 78;
        1001;Julien;Martin;julien@parents.test;06 98 76 54 32;R4TW-8KQM-2ZHP
        1002;Linh;Nguyen;linh@parents.test;07 11 22 33 44;H3JK-9PQR-5TUV
        """
    static let children = """
        child_id;family_id;first_name;last_name;birth_date;school;grade
        2001;1001;Léa;Martin;2018-04-12;École du Centre;CE2
        2002;1001;Hugo;Martin;2020-09-30;École du Centre;GS
        2003;1002;Sacha;Nguyen;2017-01-23;École Les Pins;CM1
        """
    static let activities = """
        activity_id;name;kind;booking_deadline_days;capacity
        CANTINE;Restauration scolaire;restauration;2;300
        ALSH-MER;Accueil de loisirs du mercredi;alsh-mercredi;3;2
        """

    static func write(to dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var days = "activity_id;date\n"
        var reservations = "child_id;activity_id;date;slot\n"
        var d = CivilDate(iso: "2027-03-01")!
        while d <= CivilDate(iso: "2027-04-09")! {
            if [1, 2, 4, 5].contains(d.weekday) {
                days += "CANTINE;\(d.iso)\n"
                reservations += "2001;CANTINE;\(d.iso);\n2002;CANTINE;\(d.iso);\n"
            }
            if d.weekday == 3 { days += "ALSH-MER;\(d.iso)\n" }
            d = d.adding(days: 1)
        }
        let invoices = """
            invoice_id;family_id;label;issue_date;due_date;amount;status
            F-0101;1001;Restauration – janvier 2027;2027-02-01;2027-02-28;96,40;paid
            F-0201;1001;Restauration – février 2027;2027-03-01;2027-03-31;88,20;unpaid
            """
        let files = ["families.csv": families, "guardians.csv": guardians, "children.csv": children,
                     "activities.csv": activities, "activity_days.csv": days, "reservations.csv": reservations,
                     "invoices.csv": invoices]
        for (name, text) in files {
            try text.write(toFile: (dir as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
    }

    static func settings(stack: TestMailStack, policy: String = "none") -> Settings {
        var imap = Settings.Server(url: "imap://127.0.0.1:\(stack.imapPort)")
        imap.username = service
        imap.password = .init(value: stack.password)
        var s = Settings(serviceAddress: service, imap: imap, smtp: .init(url: "smtp://127.0.0.1:\(stack.smtpPort)"))
        s.staff = [staff]
        s.storePath = stack.state + "/var/espace.sqlite"
        s.rawDir = stack.state + "/var/messages"
        s.attachmentsDir = stack.state + "/var/attachments"
        s.templatesDir = TestMailStack.repoRoot + "/templates"
        s.trust.policy = policy
        s.trust.authservIds = ["mx.ville.test"]
        s.payfip.numcli = "012345"
        return s
    }

    /// A fresh store with the town imported.
    static func store(_ settings: Settings) throws -> Store {
        let dir = (settings.storePath as NSString).deletingLastPathComponent + "/csv"
        try write(to: dir)
        let store = try Store(path: settings.storePath)
        _ = try Importer(store: store, now: ParisTime(date: today, hour: 8, minute: 0).instant).importDirectory(dir)
        return store
    }

    /// A parent's mail as a mail client writes it.
    static func mail(from: String, subject: String, body: String, date: String = "Mon, 08 Mar 2027 07:45:00 +0100",
                     messageId: String = "<\(UUID().uuidString)@parents.test>", extraHeaders: [String] = []) -> Data {
        var lines = ["From: \(from)", "To: \(service)", "Subject: \(subject)", "Date: \(date)", "Message-ID: \(messageId)"]
        lines += extraHeaders
        lines += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "", body]
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// The plain-text part of a raw mail, decoded by Python's email package (independent of our parser).
    static func plainText(_ raw: String) throws -> String {
        try MailTextDecoder.shared.plainText(raw)
    }
}
