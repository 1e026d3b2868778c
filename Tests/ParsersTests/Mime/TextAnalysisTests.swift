import Foundation
import XCTest
@testable import Parsers

final class TextAnalysisTests: XCTestCase {
    func testOutlookForwardEnglish() throws {
        let m = try Fixture.parse("outlook-forward-en")
        XCTAssertEqual(m.newText, "Please handle.")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "john.smith@famille.test")
        XCTAssertEqual(f.subject, "Cancel Wednesday")
        XCTAssertEqual(f.text, "Hello,\n\nPlease cancel Wednesday 17 March for Emma.\n\nThanks,\nJohn")
        XCTAssertEqual(f.date, DateParser.parse("Sun, 7 Mar 2027 20:03:00 +0100"))
    }

    func testThunderbirdForward() throws {
        let m = try Fixture.parse("thunderbird-forward")
        XCTAssertEqual(m.newText, "À traiter.")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "julie.fabre@courriel.test")
        XCTAssertEqual(f.subject, "Garderie")
        XCTAssertEqual(f.text, "Bonjour,\nInscrivez Léa à la garderie du soir jeudi.\nJulie")
        XCTAssertEqual(f.date, DateParser.parse("Sat, 6 Mar 2027 18:20:11 +0100"))
    }

    func testAppleMailForward() throws {
        let m = try Fixture.parse("apple-forward")
        XCTAssertEqual(m.newText, "")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "karim.benali@famille.test")
        XCTAssertEqual(f.subject, "Cantine")
        XCTAssertEqual(f.text, "Bonjour,\nRaphaël ne mangera pas à la cantine vendredi.\nKarim")
        XCTAssertEqual(f.date, DateParser.parse("Sat, 6 Mar 2027 08:15:02 +0100"))
    }

    func testQuotedReplyWithWrappedAttribution() throws {
        let m = try Fixture.parse("gmail-quoted-reply")
        XCTAssertEqual(m.newText, "Oui, c'est bien ça.")
        XCTAssertNil(m.forwarded)
        XCTAssertTrue(m.textBody.contains("> Bonjour,"))
    }

    func testSignatures() {
        XCTAssertEqual(parse("\nMerci,\nLéa\n-- \nLéa Martin\n06 12 34 56 78\n").newText, "Merci,\nLéa")
        XCTAssertEqual(parse("\nAbsent lundi.\n\nEnvoyé de mon iPhone\n").newText, "Absent lundi.")
        XCTAssertEqual(parse("\nAbsent lundi.\n\nCordialement,\nAurélie Mercier\nCabinet Mercier - 05 56 47 12 30\n12 rue des Lilas\n").newText,
                       "Absent lundi.\n\nCordialement,\nAurélie Mercier")
        // A phone number in a sentence is text, not a signature.
        XCTAssertEqual(parse("\nMon numéro : 06 33 48 12 90.\n\nMarion\n").newText, "Mon numéro : 06 33 48 12 90.\n\nMarion")
        XCTAssertEqual(parse("\nOui\n\n-----Message d'origine-----\nDe : X <x@y>\nObjet : Z\n").newText, "Oui")
        XCTAssertEqual(parse("\nOK\n\nDe : Espace Famille <ef@x>\nEnvoyé : lundi\nObjet : Z\n\ntexte").newText, "OK")
        XCTAssertEqual(parse("\nOK pour moi\n> ancien\n").newText, "OK pour moi")
    }

    func testForwardSubjects() {
        XCTAssertTrue(Markers.isForwardSubject("TR: Absence"))
        XCTAssertTrue(Markers.isForwardSubject("Re: Fwd: Absence"))
        XCTAssertFalse(Markers.isForwardSubject("RE: Absence"))
        XCTAssertFalse(Markers.isForwardSubject("Absence : lundi"))
    }
}
