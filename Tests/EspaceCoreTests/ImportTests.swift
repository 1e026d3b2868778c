import EspaceCore
import Foundation
import GRDB
import Parsers
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

    /// A town file of more than one read chunk: the bad row's line is exact and nothing at all is applied.
    func testBadRowFarIntoALargeFileRejectsEverything() throws {
        try writeTown()
        var children = "child_id,family_id,first_name,last_name,birth_date,school,grade\n"
        var days = "activity_id,date\n"
        var reservations = "child_id,activity_id,date,slot\n"
        for c in 0..<60 { children += "\(100 + c),1,Enfant\(c),Lefèvre,,École du Centre,CP\n" }
        let first = CivilDate(year: 2027, month: 1, day: 1)!
        for d in 0..<1000 { days += "RESTO,\(first.adding(days: d).iso)\n" }
        for c in 0..<60 { for d in 0..<1000 { reservations += "\(100 + c),RESTO,\(first.adding(days: d).iso),\n" } }
        reservations += "100,RESTO,31/02/2027,\n"
        XCTAssertGreaterThan(reservations.utf8.count, 1 << 20, "more than one read chunk")
        try write("children.csv", children)
        try write("activity_days.csv", days)
        try write("reservations.csv", reservations)
        XCTAssertThrowsError(try importAll()) { error in
            XCTAssertEqual((error as? ImportError)?.file, "reservations.csv")
            XCTAssertEqual((error as? ImportError)?.line, 60_002)
            XCTAssertTrue("\(error)".contains("date invalide « 31/02/2027 »"), "\(error)")
        }
        try store.read { db in
            XCTAssertEqual(try ReservationRecord.fetchCount(db), 0, "part of a rejected import was applied")
            XCTAssertEqual(try FamilyRecord.fetchCount(db), 0)
        }
        // The same files without the bad row: all 60,000 bookings, and the progress reached the end of the files.
        try write("reservations.csv", String(reservations.dropLast("100,RESTO,31/02/2027,\n".count)))
        var last: ImportProgress?
        let summary = try Importer(store: store).importDirectory(dir + "/csv") { last = $0 }
        XCTAssertTrue(summary.counts.contains { $0.file == "reservations.csv" && $0.rows == 60_000 }, "\(summary)")
        XCTAssertEqual(try store.read { try ReservationRecord.fetchCount($0) }, 60_000)
        XCTAssertEqual(last?.file, "invoices.csv")
        XCTAssertEqual(last?.bytesDone, last?.bytesTotal)
    }

    func testQuotedValuesAreReadAsWritten() throws {
        try writeTown()
        try write("families.csv", "family_id;family_name;address;postal_code;city;einvoice\r\n"
                  + "1;\"Lefèvre; Martin\";\"Résidence « Les Pins »\nbât. \"\"B\"\"\";33185;Le Haillan;non\r\n")
        _ = try importAll()
        let family = try store.read { try FamilyRecord.fetchOne($0, key: "1") }
        XCTAssertEqual(family?.name, "Lefèvre; Martin")
        XCTAssertEqual(family?.address, "Résidence « Les Pins »\nbât. \"B\"")
    }

    /// An invoice paid through PayFiP since the export stays paid when the older export is imported again.
    func testReimportKeepsAPaymentAndUpdatesTheRest() throws {
        try writeTown()
        _ = try importAll()
        try store.write { try $0.execute(sql: "UPDATE invoice SET status = 'paid', paid_at = '2027-03-05'") }
        try write("invoices.csv", "invoice_id,family_id,label,issue_date,due_date,amount,status\nF-1,1,Cantine février (corrigée),01/03/2027,31/03/2027,\"80,00\",unpaid\n")
        try write("children.csv", "child_id,family_id,first_name,last_name,birth_date,school,grade\n10,1,Éloïse,Lefèvre,,École du Centre,CM2\n")
        _ = try importAll()
        try store.read { db in
            let invoice = try InvoiceRecord.fetchOne(db, key: "F-1")
            XCTAssertEqual(invoice?.status, "paid")
            XCTAssertEqual(invoice?.paidAt, "2027-03-05")
            XCTAssertEqual(invoice?.amountCents, 8000)
            XCTAssertEqual(invoice?.label, "Cantine février (corrigée)")
            let child = try ChildRecord.fetchOne(db, key: "10")
            XCTAssertEqual(child?.grade, "CM2")
            XCTAssertNil(child?.birthDate, "an emptied birth date is emptied")
            XCTAssertEqual(try ReservationRecord.fetchCount(db), 1, "updating a child keeps its bookings")
        }
    }
}
