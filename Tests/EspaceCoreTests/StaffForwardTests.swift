import Foundation
import Parsers
import XCTest
@testable import EspaceCore

/// Staff forward parents' mails; some mail clients drop the « TR : » of the subject. From a staff address, an Outlook
/// header block (« -----Message d'origine----- », « De : … ») is the parent's mail, acted on for that parent.
final class StaffForwardTests: XCTestCase {
    func testOutlookBlockFromStaffIsAForwardEvenWithoutTRInTheSubject() throws {
        let town = try TestTown()
        town.settings.trust.policy = "none"
        town.settings.staff = ["agent@ville-lehaillan.test"]
        let handler = MessageHandler(settings: town.settings, now: TestTown.monday.instant, today: TestTown.monday.date)
        func mail(from: String, _ body: String) -> [UInt8] {
            Array("""
                From: \(from)\r
                To: espace-famille@ville-lehaillan.test\r
                Subject: absence\r
                Date: Mon, 08 Mar 2027 10:00:00 +0100\r
                Message-ID: <\(UUID().uuidString)@ville-lehaillan.test>\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                \(body)\r

                """.utf8)
        }
        let forward = "Pour traitement.\r\n\r\n-----Message d'origine-----\r\nDe : Claire Martin <claire.martin@famille.test>\r\nEnvoyé : lundi 8 mars 2027 08:00\r\nObjet : absence\r\n\r\nBonjour, Léa sera absente le jeudi 11 mars."
        XCTAssertTrue(try handler.dryRun(raw: mail(from: "Agent <agent@ville-lehaillan.test>", forward), store: town.store).outcome
            .hasPrefix("processed: absence"))
        // From a parent, the same block is not a forward acted on for its author: nothing of Zoé (another family) applies.
        let parent = "Merci, c'est noté.\r\n\r\n-----Message d'origine-----\r\nDe : Paul Durand <paul.durand@famille.test>\r\nEnvoyé : lundi 8 mars 2027 08:00\r\nObjet : absence\r\n\r\nZoé sera absente le jeudi 11 mars."
        let outcome = try handler.dryRun(raw: mail(from: "Claire Martin <claire.martin@famille.test>", parent), store: town.store).outcome
        XCTAssertFalse(outcome.contains("absence-recorded"), outcome)
    }
}
