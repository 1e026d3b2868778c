import Foundation
import Parsers
import XCTest
@testable import EspaceCore

/// A mail that only thanks gets no reply; anything more is read as usual.
final class AcknowledgementTests: XCTestCase {
    func testOnlyThanksIsRecognised() {
        for text in ["Merci.", "Merci beaucoup pour votre réponse !", "Bien reçu, merci. Bonne journée.\nClaire Martin",
                     "OK merci 👍", "C'est noté, merci à vous.", "Thanks a lot!", "Parfait, merci !\n\nCordialement,\nClaire"] {
            XCTAssertTrue(Acknowledgement.isOnlyThanks(text, names: ["Léa", "Tom"]), text)
        }
        for text in ["Merci, Léa sera absente demain.", "Merci. Pouvez-vous annuler la cantine jeudi ?",
                     "Merci pour le 12", "Merci Tom", "Bien reçu mais je ne comprends pas votre réponse.", "Bonjour"] {
            XCTAssertFalse(Acknowledgement.isOnlyThanks(text, names: ["Léa", "Tom"]), text)
        }
    }

    func testAThankYouGetsNoReplyAndARequestStillDoes() throws {
        let town = try TestTown()
        town.settings.trust.policy = "none"
        let handler = MessageHandler(settings: town.settings, now: TestTown.monday.instant, today: TestTown.monday.date)
        func mail(_ body: String) -> [UInt8] {
            Array("""
                From: Claire Martin <claire.martin@famille.test>\r
                To: espace-famille@ville-lehaillan.test\r
                Subject: Re: Votre demande\r
                Date: Mon, 08 Mar 2027 10:00:00 +0100\r
                Message-ID: <\(UUID().uuidString)@famille.test>\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                \(body)\r

                """.utf8)
        }
        XCTAssertEqual(try handler.dryRun(raw: mail("Bien reçu, merci beaucoup !\r\nClaire"), store: town.store).outcome,
                       "processed: thanks")
        XCTAssertNotEqual(try handler.dryRun(raw: mail("Merci, et pouvez-vous m'aider ?"), store: town.store).outcome,
                          "processed: thanks")
        XCTAssertTrue(try handler.dryRun(raw: mail("Merci. Léa sera absente le jeudi 11 mars."), store: town.store).outcome
            .hasPrefix("processed: absence"))
    }
}
