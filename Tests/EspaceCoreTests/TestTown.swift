import Foundation
import GRDB
import Parsers
import XCTest
@testable import EspaceCore

/// A small town on a real SQLite file in a temporary folder, loaded with the Importer.
final class TestTown {
    let dir: URL
    let store: Store
    var settings: Settings
    /// Monday 8 March 2027, 10:00 in Paris.
    static let monday = ParisTime(date: CivilDate(year: 2027, month: 3, day: 8)!, hour: 10, minute: 0)

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("espace-tests-\(UUID().uuidString)")
        let data = dir.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let files: [String: String] = [
            "families.csv": """
                family_id,family_name,address,postal_code,city,einvoice
                F1,Martin,3 rue des Lilas,33185,Le Haillan,non
                F2,Durand,8 avenue Pasteur,33185,Le Haillan,oui
                """,
            "guardians.csv": """
                family_id,first_name,last_name,email,phone,activation_key
                F1,Claire,Martin,claire.martin@famille.test,06 11 22 33 44,
                F2,Paul,Durand,paul.durand@famille.test,06 55 66 77 88,
                """,
            "children.csv": """
                child_id,family_id,first_name,last_name,birth_date,school,grade
                C1,F1,Léa,Martin,2018-05-02,École du Centre,CE2
                C2,F1,Tom,Martin,2020-01-15,École du Centre,GS
                C3,F2,Zoé,Durand,2019-03-03,École Les Pins,CE1
                """,
            "activities.csv": """
                activity_id,name,kind,booking_deadline_days,capacity
                RESTO,Restauration scolaire,restauration,2,450
                ALSH-MER,Accueil de loisirs du mercredi,alsh-mercredi,3,2
                PERI-SOIR,Accueil périscolaire du soir,periscolaire-soir,1,90
                """,
            "activity_days.csv": "activity_id,date\n" + ["08", "09", "10", "11", "12", "15", "16", "17", "18", "19"]
                .flatMap { ["RESTO,2027-03-\($0)", "PERI-SOIR,2027-03-\($0)"] }.joined(separator: "\n")
                + "\nALSH-MER,2027-03-10\nALSH-MER,2027-03-17\nALSH-MER,2027-03-24",
            "reservations.csv": """
                child_id,activity_id,date,slot
                C1,RESTO,2027-03-09,
                C1,RESTO,2027-03-10,
                C1,RESTO,2027-03-11,
                C1,ALSH-MER,2027-03-10,journee-avec-repas
                C1,PERI-SOIR,2027-03-11,
                C3,ALSH-MER,2027-03-17,journee-avec-repas
                C2,ALSH-MER,2027-03-17,journee-avec-repas
                """,
            "invoices.csv": """
                invoice_id,family_id,label,issue_date,due_date,amount,status
                F2027-00201,F1,Restauration et périscolaire - janvier 2027,2027-02-01,2027-02-28,"84,20",paid
                F2027-00431,F1,Restauration et périscolaire - février 2027,2027-03-01,2027-03-31,"92,10",unpaid
                F2027-00432,F2,Restauration et périscolaire - février 2027,2027-03-01,2027-03-31,"118,40",unpaid
                """,
        ]
        for (name, text) in files { try Data((text + "\n").utf8).write(to: data.appendingPathComponent(name)) }
        store = try Store(path: dir.appendingPathComponent("espace.sqlite").path)
        _ = try Importer(store: store, now: TestTown.monday.instant).importDirectory(data.path)
        settings = Settings(serviceAddress: "espace-famille@ville-lehaillan.test",
                            imap: .init(url: "imap://localhost"), smtp: .init(url: "smtp://localhost"))
        settings.attachmentsDir = dir.appendingPathComponent("attachments").path
        settings.payfip.numcli = "012345"
        settings.payfip.saisie = "T"
        settings.payfip.urlcl = "https://espace.ville-lehaillan.test/payfip"
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func context(_ db: Database, family: String = "F1", at now: ParisTime = TestTown.monday, messageId: Int64? = nil,
                 attachments: [Attachment] = [], repliesTo: [String] = [], actor: String? = nil) throws -> FlowContext {
        let f = try FamilyRecord.fetchOne(db, key: family)!
        let g = try GuardianRecord.filter(Column("family_id") == family).order(Column("id")).fetchOne(db)!
        let children = try ChildRecord.filter(Column("family_id") == family).order(Column("birth_date"), Column("id")).fetchAll(db)
        return FlowContext(settings: settings, now: now.instant, today: now.date, messageId: messageId, family: f,
                           guardian: g, children: children, attachments: attachments, actor: actor ?? g.email, repliesTo: repliesTo)
    }

    /// Applies one request in its own transaction, as the daemon does.
    func apply(_ r: Request, family: String = "F1", at now: ParisTime = TestTown.monday,
               attachments: [Attachment] = [], repliesTo: [String] = [], actor: String? = nil) throws -> FlowOutcome {
        try store.write { db in
            try RequestFlows.apply(r, try context(db, family: family, at: now, attachments: attachments, repliesTo: repliesTo,
                                                  actor: actor), db)
        }
    }

    func statuses(child: String, date: String) throws -> [String: String] {
        try store.read { db in
            let rows = try ReservationRecord.filter(Column("child_id") == child && Column("date") == date).fetchAll(db)
            return Dictionary(rows.map { ("\($0.activityId)\($0.slot.isEmpty ? "" : "/" + $0.slot)", $0.status) }) { a, _ in a }
        }
    }
}

func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
func paris(_ iso: String, _ h: Int, _ m: Int = 0) -> ParisTime { ParisTime(date: d(iso), hour: h, minute: m) }

/// A tiny valid-looking PDF.
let pdfBytes: [UInt8] = Array("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".utf8)
