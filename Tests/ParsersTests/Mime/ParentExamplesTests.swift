import Foundation
import XCTest
@testable import Parsers

/// The 30 realistic parent mails in ../shared/examples/parents/messages (skipped when absent).
final class ParentExamplesTests: XCTestCase {
    func load() throws -> [String: ParsedMessage] {
        let files = SharedFiles.files(under: "examples/parents/messages", ext: "eml")
        guard !files.isEmpty else { throw XCTSkip("../shared/examples not present") }
        var out: [String: ParsedMessage] = [:]
        for f in files { out[String(f.lastPathComponent.prefix(2))] = MessageParser.parse(try [UInt8](Data(contentsOf: f))) }
        return out
    }

    func testNewTextHasNoQuoteNorSignature() throws {
        let all = try load()
        XCTAssertEqual(all.count, 30)
        for (name, m) in all {
            let t = m.newText
            XCTAssertFalse(t.isEmpty, name)
            for marker in ["\n>", "a écrit", "Envoyé de mon", "De :", "De\u{A0}:", "-- \n", "Message d'origine", "Forwarded message"] {
                XCTAssertFalse(t.contains(marker), "\(name) newText contains \(marker)")
            }
        }
        XCTAssertEqual(all["13"]?.newText, "Oui")
        XCTAssertEqual(all["12"]?.newText, "Bonjour,\n\nVoici mon nouveau numéro de téléphone : 06 33 48 12 90.\n\nMerci,")
        XCTAssertEqual(all["09"]?.newText, "Bonjour,\n\nMerci d'annuler le centre de loisirs du mercredi 17 mars pour Éliott, il sera chez ses grands-parents.\n\nCordialement,\nAurélie Mercier")
        XCTAssertEqual(all["18"]?.newText, "Bonjour,\n\nGaspard sera absent lundi prochain (vaccin chez le pédiatre), merci d\u{2019}en tenir compte.\n\nSandrine Da Silva")
        XCTAssertEqual(all["05"]?.newText, "Bonjour,\nPierre-Louis a la grippe : il restera à la maison à partir d'aujourd'hui et jusqu'à vendredi inclus. Photo du certificat jointe.\nOlivier Lefebvre")
        XCTAssertEqual(all["20"]?.subject, "Cantine Noémie")
    }

    func testForwards() throws {
        let all = try load()
        let outlook = try XCTUnwrap(all["15"]?.forwarded)
        XCTAssertEqual(outlook.from?.address, "olivier.lefebvre@famille.test")
        XCTAssertEqual(outlook.subject, "Absence Pierre-Louis 16 mars")
        XCTAssertEqual(outlook.date, DateParser.parse("Sun, 7 Mar 2027 20:03:00 +0100"))
        XCTAssertEqual(outlook.text, "Bonjour,\n\nPierre-Louis sera absent le mardi 16 mars : rendez-vous à l'hôpital des enfants de Bordeaux.\n\nCordialement,\nOlivier Lefebvre")
        XCTAssertFalse(outlook.viaAttachedMessage)

        let gmail = try XCTUnwrap(all["16"]?.forwarded)
        XCTAssertEqual(gmail.from?.address, "sandrine.dasilva@famille.test")
        XCTAssertEqual(gmail.subject, "Mercredi 24 mars")
        XCTAssertEqual(gmail.date, DateParser.parse("Sat, 6 Mar 2027 10:31:00 +0100"))
        XCTAssertTrue(gmail.text.hasPrefix("Bonjour,\n\nPourriez-vous inscrire Héloïse"))
        XCTAssertEqual(all["16"]?.newText, "Pour l'Espace Famille, merci.\nAccueil Enfance")

        let attached = try XCTUnwrap(all["17"]?.forwarded)
        XCTAssertTrue(attached.viaAttachedMessage)
        XCTAssertEqual(attached.from?.address, "marion.chevalier@famille.test")
        XCTAssertEqual(attached.subject, "Cantine Timothée")
        XCTAssertEqual(attached.date, DateParser.parse("Sun, 7 Mar 2027 19:40:40 +0100"))
        XCTAssertEqual(attached.text, "Bonjour,\nTimothée ne mangera pas à la cantine le lundi 22 mars, nous serons chez sa grand-mère.\nMarion Chevalier")

        for n in ["01", "04", "13", "18", "28"] { XCTAssertNil(all[n]?.forwarded, n) }
    }

    func testAttachmentsAndSpecialMessages() throws {
        let all = try load()
        let heic = try XCTUnwrap(all["19"]?.attachments.first)
        XCTAssertEqual(heic.filename, "certificat Timothée.heic")
        XCTAssertEqual(heic.contentType, "image/heic")
        XCTAssertEqual(all["05"]?.attachments.first?.contentType, "image/jpeg")
        XCTAssertEqual(all["27"]?.headers.value("Auto-Submitted"), "auto-replied")
        XCTAssertEqual(all["28"]?.root.contentType, "multipart/report")
    }
}
