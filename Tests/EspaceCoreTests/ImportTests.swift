import EspaceCore
import Foundation
import GRDB
import XCTest

/// `maildaemon import`: French Excel exports, all-or-nothing, updates on re-import, keys never in clear.
final class ImportTests: XCTestCase {
    var dir = ""
    var store: Store!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/import-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/csv", withIntermediateDirectories: true)
        store = try Store(path: dir + "/espace.sqlite")
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ name: String, _ text: String, encoding: String.Encoding = .utf8) throws {
        try text.data(using: encoding)!.write(to: URL(fileURLWithPath: dir + "/csv/" + name))
    }

    func importAll() throws -> Importer.Summary { try Importer(store: store).importDirectory(dir + "/csv") }

    func writeTown(einvoice: String = "non", phone: String = "06 12 34 56 78") throws {
        // Excel in France: Windows-1252 and semicolons.
        try write("families.csv", "family_id;family_name;address;postal_code;city;einvoice\r\n1;Lefèvre;2 allée des Chênes;33185;Le Haillan;\(einvoice)\r\n",
                  encoding: .windowsCP1252)
        try write("guardians.csv", "family_id,first_name,last_name,email,phone,activation_key\n1,Aurélie,Lefèvre,Aurelie.Lefevre@Famille.test,\(phone),K7QF-3MZP-9WHD\n")
        try write("children.csv", "child_id,family_id,first_name,last_name,birth_date,school,grade\n10,1,Éloïse,Lefèvre,21/09/2017,École du Centre,CM1\n")
        try write("activities.csv", "activity_id,name,kind,booking_deadline_days,capacity\nRESTO,Restauration scolaire,restauration,2,450\n")
        try write("activity_days.csv", "activity_id,date\nRESTO,2027-03-09\nRESTO,2027-03-11\n")
        try write("reservations.csv", "child_id,activity_id,date,slot\n10,RESTO,2027-03-09,\n")
        try write("invoices.csv", "invoice_id,family_id,label,issue_date,due_date,amount,status\nF-1,1,Cantine février,2027-03-01,2027-03-31,\"86,10\",unpaid\n")
    }

    func testFrenchExcelExportIsImported() throws {
        try writeTown()
        _ = try importAll()
        try store.read { db in
            let family = try FamilyRecord.fetchOne(db, key: "1")!
            XCTAssertEqual(family.name, "Lefèvre")
            XCTAssertEqual(family.address, "2 allée des Chênes")
            let guardian = try GuardianRecord.fetchOne(db)!
            XCTAssertEqual(guardian.email, "aurelie.lefevre@famille.test", "addresses are compared lower-cased")
            XCTAssertEqual(try ChildRecord.fetchOne(db, key: "10")?.birthDate, "2017-09-21")
            XCTAssertEqual(try InvoiceRecord.fetchOne(db, key: "F-1")?.amountCents, 8610)
            XCTAssertEqual(try ReservationRecord.fetchCount(db), 1)
        }
    }

    func testActivationKeyIsStoredHashedOnly() throws {
        try writeTown()
        _ = try importAll()
        let blob = try Data(contentsOf: URL(fileURLWithPath: dir + "/espace.sqlite"))
            + ((try? Data(contentsOf: URL(fileURLWithPath: dir + "/espace.sqlite-wal"))) ?? Data())
        for form in ["K7QF-3MZP-9WHD", "K7QF3MZP9WHD"] {
            XCTAssertNil(blob.range(of: Data(form.utf8)), "key \(form) found in clear in the database file")
        }
        let g = try store.read { db in try GuardianRecord.fetchOne(db)! }
        XCTAssertTrue(ActivationKey.matches("k7qf 3mzp 9whd", salt: g.keySalt!, hash: g.keyHash!))
        XCTAssertFalse(ActivationKey.matches("K7QF-3MZP-9WDH", salt: g.keySalt!, hash: g.keyHash!))
    }

    func testReimportUpdates() throws {
        try writeTown()
        _ = try importAll()
        try writeTown(einvoice: "oui", phone: "07 00 00 00 00")
        _ = try importAll()
        try store.read { db in
            XCTAssertEqual(try FamilyRecord.fetchCount(db), 1)
            XCTAssertEqual(try FamilyRecord.fetchOne(db, key: "1")?.einvoice, true)
            XCTAssertEqual(try GuardianRecord.fetchOne(db)?.phone, "07 00 00 00 00")
            XCTAssertEqual(try ReservationRecord.fetchCount(db), 1, "a re-import does not book twice")
        }
    }

    func testReimportKeepsAnAddressTheParentChangedByEmail() throws {
        try writeTown()
        _ = try importAll()
        try store.write { db in
            let g = try GuardianRecord.fetchOne(db)!
            try db.execute(sql: "INSERT INTO email_change(old_email, guardian_id, changed_at) VALUES (?, ?, ?)",
                           arguments: [g.email, g.id, Date()])
            try db.execute(sql: "UPDATE guardian SET email = 'aurelie.nouvelle@famille.test'")
        }
        let summary = try importAll()  // the town's file still has the old address
        try store.read { db in
            XCTAssertEqual(try GuardianRecord.fetchCount(db), 1, "the old address came back as a second guardian")
            XCTAssertEqual(try GuardianRecord.fetchOne(db)?.email, "aurelie.nouvelle@famille.test")
        }
        XCTAssertTrue(summary.notes.contains { $0.contains("aurelie.nouvelle@famille.test") }, "\(summary)")
    }

    func testBadRowRejectsTheWholeImportWithFileAndLine() throws {
        try writeTown()
        try write("children.csv", """
            child_id,family_id,first_name,last_name,birth_date,school,grade
            10,1,Éloïse,Lefèvre,2017-09-21,École du Centre,CM1
            11,99,Noé,Inconnu,2019-01-01,École du Centre,CP

            """)
        XCTAssertThrowsError(try importAll()) { error in
            let e = error as? ImportError
            XCTAssertEqual(e?.file, "children.csv")
            XCTAssertEqual(e?.line, 3)
            XCTAssertTrue(e?.description.contains("famille 99 inconnue") == true, "\(error)")
        }
        try store.read { db in
            XCTAssertEqual(try FamilyRecord.fetchCount(db), 0, "part of a rejected import was applied")
            XCTAssertEqual(try GuardianRecord.fetchCount(db), 0)
        }
    }

    func testReservationOnAClosedDayIsRejected() throws {
        try writeTown()
        try write("reservations.csv", "child_id,activity_id,date,slot\n10,RESTO,2027-03-10,\n")
        XCTAssertThrowsError(try importAll()) { error in
            XCTAssertEqual((error as? ImportError)?.line, 2)
        }
    }
}
