import Foundation
import XCTest
@testable import Parsers

final class TextAnalysisTests: XCTestCase {
    func testOutlookForwardEnglish() throws {
        let m = try MimeFixture.parse("outlook-forward-en")
        XCTAssertEqual(m.newText, "Please handle.")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "john.smith@famille.test")
        XCTAssertEqual(f.subject, "Cancel Wednesday")
        XCTAssertEqual(f.text, "Hello,\n\nPlease cancel Wednesday 17 March for Emma.\n\nThanks,\nJohn")
        XCTAssertEqual(f.date, DateParser.parse("Sun, 7 Mar 2027 20:03:00 +0100"))
    }

    func testThunderbirdForward() throws {
        let m = try MimeFixture.parse("thunderbird-forward")
        XCTAssertEqual(m.newText, "À traiter.")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "julie.fabre@courriel.test")
        XCTAssertEqual(f.subject, "Garderie")
        XCTAssertEqual(f.text, "Bonjour,\nInscrivez Léa à la garderie du soir jeudi.\nJulie")
        XCTAssertEqual(f.date, DateParser.parse("Sat, 6 Mar 2027 18:20:11 +0100"))
    }

    func testAppleMailForward() throws {
        let m = try MimeFixture.parse("apple-forward")
        XCTAssertEqual(m.newText, "")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "karim.benali@famille.test")
        XCTAssertEqual(f.subject, "Cantine")
        XCTAssertEqual(f.text, "Bonjour,\nRaphaël ne mangera pas à la cantine vendredi.\nKarim")
        XCTAssertEqual(f.date, DateParser.parse("Sat, 6 Mar 2027 08:15:02 +0100"))
    }

    func testQuotedReplyWithWrappedAttribution() throws {
        let m = try MimeFixture.parse("gmail-quoted-reply")
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

final class HTMLForwardTests: XCTestCase {
    func testOutlookHTMLOnlyForwardWithoutBlankLineBeforeBody() throws {
        let m = parse("""
        From: Marc Laborde <m.laborde@mairie.test>
        Subject: TR: Absence
        Content-Type: text/html; charset=utf-8

        <div><p class=MsoNormal>Message à traiter.<o:p></o:p></p>
        <div style="border:none;border-top:solid #E1E1E1 1.0pt">
        <p class=MsoNormal><b>De&nbsp;:</b> Olivier Lefebvre &lt;<a href="mailto:o.l@famille.test">o.l@famille.test</a>&gt;<br>
        <b>Envoyé&nbsp;:</b> dimanche 7 mars 2027 20:03<br><b>À&nbsp;:</b> Marc &lt;m@mairie.test&gt;<br>
        <b>Objet&nbsp;:</b> Absence<o:p></o:p></p></div>
        <p class=MsoNormal>Bonjour,<o:p></o:p></p><p class=MsoNormal>Pierre-Louis sera absent.<o:p></o:p></p></div>
        """)
        XCTAssertEqual(m.newText, "Message à traiter.")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "o.l@famille.test")
        XCTAssertEqual(f.subject, "Absence")
        XCTAssertEqual(f.text, "Bonjour,\nPierre-Louis sera absent.")
        XCTAssertEqual(f.date, DateParser.parse("Sun, 7 Mar 2027 20:03:00 +0100"))
    }
}

final class FalsePositiveTests: XCTestCase {
    func testParentFormIsNotAQuote() {
        let m = parse("Subject: Garderie\n\nBonjour,\nDe : 7h30\nDate : 12/03/2027\nMerci\n")
        XCTAssertEqual(m.newText, "Bonjour,\nDe : 7h30\nDate : 12/03/2027\nMerci")
        XCTAssertNil(m.forwarded)
    }
}

final class HTMLReplyTests: XCTestCase {
    func testGmailHTMLOnlyReplyQuote() {
        let m = parseLF("""
        From: Y <y@famille.test>
        Subject: Re: Confirmation
        Content-Type: text/html; charset=UTF-8

        <div dir="ltr">Oui, merci.</div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">Le lun. 8 mars 2027 à 10:12, Espace Famille &lt;<a href="mailto:ef@mairie.test">ef@mairie.test</a>&gt; a écrit&nbsp;:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex">Bonjour,<br>Répondez OUI.</blockquote></div>
        """)
        XCTAssertEqual(m.newText, "Oui, merci.")
        XCTAssertTrue(m.textBody.contains("> Répondez OUI."))
    }

    func testLFOnlyMultipartMatchesCRLF() {
        let text = "Content-Type: multipart/alternative; boundary=x\n\n--x\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nCaf=C3=A9 =\nnoir\n--x--\n"
        let lf = parseLF(text), crlf = parse(text)
        XCTAssertEqual(lf.textBody, "Café noir")
        XCTAssertEqual(crlf.textBody, lf.textBody)
        XCTAssertTrue(lf.defects.isEmpty && crlf.defects.isEmpty)
    }
}

final class OldOutlookForwardTests: XCTestCase {
    func testMailtoInBrackets() throws {
        let m = parse("Subject: TR: Absence\n\nPour info.\n\n-----Message d'origine-----\nDe : Olivier Lefebvre [mailto:o.l@famille.test]\nEnvoyé : dimanche 7 mars 2027 20:03\nÀ : Marc\nObjet : Absence\n\nBonjour,\nabsent lundi.\n")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from, EmailAddress(name: "Olivier Lefebvre", address: "o.l@famille.test"))
        XCTAssertEqual(f.text, "Bonjour,\nabsent lundi.")
        XCTAssertEqual(m.newText, "Pour info.")
    }
}

final class AppleHTMLForwardTests: XCTestCase {
    func testForwardInsideBlockquote() throws {
        let m = try MimeFixture.parse("apple-forward-html")
        let f = try XCTUnwrap(m.forwarded)
        XCTAssertEqual(f.from?.address, "karim.benali@famille.test")
        XCTAssertEqual(f.subject, "Cantine")
        XCTAssertEqual(f.text, "Bonjour,\nRaphaël ne mangera pas à la cantine vendredi.\nKarim")
        XCTAssertEqual(m.newText, "")
    }
}
