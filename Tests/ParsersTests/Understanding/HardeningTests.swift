import XCTest
@testable import Parsers

/// Phrasings of the same kinds as the public examples, each with the reading a careful staff member would make: exact,
/// or unsure with a question. Reference day: Monday 8 March 2027 (Fixture.monday).
final class HardeningTests: XCTestCase {
    typealias F = Fixture
    let restauration: ActivityKind?? = .some(.restauration)

    // MARK: - Each child with its own days

    func testEachChildItsOwnDays() {
        // Written on a Monday: Éliott's Tuesday is tomorrow or the 16th? Asked.
        check("Élise sera absente lundi et Éliott mardi.",
              .certain(.absence, ["Élise"], F.days("2027-03-15")), .unsure(.absence, ["Éliott"], F.days("2027-03-09")))
        check("Élise sera absente lundi, Éliott mardi.",
              .certain(.absence, ["Élise"], F.days("2027-03-15")), .unsure(.absence, ["Éliott"]))
        check("Élise sera absente mardi et Éliott jeudi.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")), .certain(.absence, ["Éliott"], F.days("2027-03-11")))
        check("Élise ne mangera pas à la cantine jeudi et Éliott vendredi.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-11"), restauration),
              .certain(.cancellation, ["Éliott"], F.days("2027-03-12"), restauration))
        check("Élise jeudi et Éliott vendredi seront absents.",
              .certain(.absence, ["Élise"], F.days("2027-03-11")), .certain(.absence, ["Éliott"], F.days("2027-03-12")))
        check("Élise sera absente lundi 15 et Éliott sera absent mardi 16.",
              .certain(.absence, ["Élise"], F.days("2027-03-15")), .certain(.absence, ["Éliott"], F.days("2027-03-16")))
        // Both children, both days: one request.
        check("Élise et Éliott seront absents lundi et mardi.",
              .certain(.absence, ["Élise", "Éliott"], F.days("2027-03-15", "2027-03-16")))
    }

    // MARK: - Names

    func testNamesNotInTheFamily() {
        check("gaspard sera absent demain.", .unsure(.absence, ["Gaspard"], F.days("2027-03-09")))
        check("Élise et Gaspard seront absents demain.", .unsure(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise et gaspard seront absents demain.", .unsure(.absence, ["Élise"], F.days("2027-03-09")))
        check("Merci d'inscrire hugo à la cantine jeudi 11.", .unsure(.reservation, ["Hugo"], F.days("2027-03-11"), restauration))
        check("Lili sera absente demain.", .unsure(.absence, ["Lili"]))
        check("lili sera absente demain.", .unsure(.absence, ["Lili"]))
        check("Elliot sera absent demain.", .unsure(.absence))
    }

    func testAdultsAndFriendsAreNotChildren() {
        check("Élise sera absente demain, la maîtresse Mme Julie est prévenue.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise ira chez son copain Hugo mercredi, elle ne viendra pas au centre de loisirs.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-10"), .some(.alshMercredi)))
    }

    func testSpellings() {
        check("ELIOTT sera absent demain.", .certain(.absence, ["Éliott"], F.days("2027-03-09")))
        check("eliott sera absent demain.", .certain(.absence, ["Éliott"], F.days("2027-03-09")))
        check("HELOISE sera absente demain.", family: F.daSilva, .certain(.absence, ["Héloïse"], F.days("2027-03-09")))
        check("Eloise sera absente demain.", family: F.daSilva, .unsure(.absence, ["Héloïse"], F.days("2027-03-09")))
        check("Marielou sera absente demain.", family: F.marieLou, .certain(.absence, ["Marie-Lou"]))
        check("marie lou sera absente demain.", family: F.marieLou, .certain(.absence, ["Marie-Lou"]))
        check("Marie Lou et Louis seront absents demain.", family: F.marieLou, .certain(.absence, ["Marie-Lou", "Louis"]))
    }

    func testGenericChildren() {
        check("Ma fille sera absente demain.", .unsure(.absence, []))
        check("Mon fils sera absent demain.", .unsure(.absence, []))
        check("Ma fille sera absente demain.", family: F.single("Léa"), .certain(.absence, ["Léa"], F.days("2027-03-09")))
        check("Les deux seront absents demain.", .certain(.absence, ["Élise", "Éliott"]))
        check("Mes trois enfants seront absents demain.", .unsure(.absence, []))
        check("Les jumeaux seront absents demain.", family: F.daSilva, .certain(.absence, ["Gaspard", "Héloïse"]))
        check("Nos enfants ne mangeront pas à la cantine jeudi.",
              .certain(.cancellation, ["Élise", "Éliott"], F.days("2027-03-11"), restauration))
        // "son frère": proposed, asked.
        check("Élise et son frère seront absents demain.", .unsure(.absence, ["Élise", "Éliott"], F.days("2027-03-09")))
        check("Élise sera absente demain. Son frère aussi.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")), .unsure(.absence, nil, F.days("2027-03-09")))
    }

    // MARK: - Contact

    func testNewNumberOnlyFromItsOwnSentence() {
        var r = F.read("Je vous informe de mon nouveau numéro.\n\nÉlise sera absente demain.\n\nAurélie Mercier\n06 41 27 83 05")
        XCTAssertEqual(r.map(\.intent), [.contact, .absence])
        XCTAssertNil(r[0].contact); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Voici mon nouveau numéro :\n06 33 48 12 90")
        XCTAssertEqual(r[0].contact?.phone, "06 33 48 12 90"); XCTAssertEqual(r[0].confidence, .certain)
    }

    // MARK: - Yesterday, since, until

    func testYesterdayAndOpenPeriods() {
        check("Élise était absente hier.", .certain(.absence, ["Élise"], F.days("2027-03-07")))
        check("Léa était absente hier, elle avait de la fièvre.", family: F.single("Léa"),
              .certain(.absence, ["Léa"], F.days("2027-03-07")))
        check("Élise est malade depuis ce matin et restera à la maison jusqu'à vendredi.",
              .certain(.absence, ["Élise"], F.span("2027-03-08", "2027-03-12")))
        check("Élise est malade, elle restera à la maison jusqu'à vendredi.",
              .certain(.absence, ["Élise"], F.span("2027-03-08", "2027-03-12")))
        check("Élise est absente depuis hier et jusqu'à mercredi.",
              .certain(.absence, ["Élise"], F.span("2027-03-07", "2027-03-10")))
        check("Élise sera absente jusqu'à vendredi.", .unsure(.absence, ["Élise"]))
    }

    // MARK: - Signatures

    func testSignatureWithoutClosingLendsNoDates() {
        check("Élise sera absente demain.\n\nAurélie\nAbsente du 15/03 au 19/03", .certain(.absence, ["Élise"], F.days("2027-03-09")))
    }

    // MARK: - Dates

    /// Dates of "Élise sera absente <phrase>." and its confidence.
    func absence(_ phrase: String, _ dates: [CivilDate]?, _ confidence: Confidence = .certain,
                 file: StaticString = #filePath, line: UInt = #line) {
        check("Élise sera absente \(phrase).", confidence == .certain ? .certain(.absence, ["Élise"], dates) : .unsure(.absence, ["Élise"], dates),
              file: file, line: line)
    }

    func testDateForms() {
        absence("le 15/03", F.days("2027-03-15"))
        absence("le 5/4/27", F.days("2027-04-05"))
        absence("le 15.03.2027", F.days("2027-03-15"))
        absence("le 2027-03-15", F.days("2027-03-15"))
        absence("le lundi 15/03", F.days("2027-03-15"))
        absence("lundi 12 avril", F.days("2027-04-12"))
        absence("le 15 mars prochain", F.days("2027-03-15"))
        absence("ce matin", F.days("2027-03-08"), .unsure)        // part of today: asked, as "demain matin"
        absence("cet après-midi", F.days("2027-03-08"), .unsure)
        absence("demain matin", F.days("2027-03-09"), .unsure)   // part of a day: absences are whole days, asked
        absence("demain et après-demain", F.days("2027-03-09", "2027-03-10"))
        absence("ce vendredi", F.days("2027-03-12"))
        absence("le 12", F.days("2027-03-12"))
        absence("mercredi 10 et jeudi 11 mars", F.days("2027-03-10", "2027-03-11"))
        absence("le mardi 9 et le jeudi 11 mars", F.days("2027-03-09", "2027-03-11"))
        absence("les 15, 16", F.days("2027-03-15", "2027-03-16"))
        absence("le 15 et 16 mars", F.days("2027-03-15", "2027-03-16"))
    }

    func testDateRangesAndWeeks() {
        absence("du 15/03 au 17/03", F.span("2027-03-15", "2027-03-17"))
        absence("du 15 au 17", F.span("2027-03-15", "2027-03-17"))
        absence("du 15 mars au 19", F.span("2027-03-15", "2027-03-19"))
        absence("à partir du 15 mars et jusqu'au 19 mars", F.span("2027-03-15", "2027-03-19"))
        absence("toute la semaine", F.span("2027-03-08", "2027-03-12"))
        absence("cette semaine", F.span("2027-03-08", "2027-03-12"))
        absence("la semaine prochaine", F.span("2027-03-15", "2027-03-19"))
        absence("les lundis de mars", F.days("2027-03-08", "2027-03-15", "2027-03-22", "2027-03-29"))
        check("Éliott a une otite, il sera absent toute la semaine.", .certain(.absence, ["Éliott"], F.span("2027-03-08", "2027-03-12")))
        check("Inscrivez Élise au centre de loisirs tous les mercredis de mars, journée avec repas.",
              .certain(.reservation, ["Élise"], F.days("2027-03-10", "2027-03-17", "2027-03-24", "2027-03-31"), .some(.alshMercredi), .some(.journeeAvecRepas)))
    }

    func testDatesThatAsk() {
        absence("jeudi et vendredi prochains", nil, .unsure)
        absence("vendredi prochain", F.days("2027-03-12"), .unsure)
        absence("à partir de jeudi", F.days("2027-03-11"), .unsure)
        absence("le 15 ou le 16 mars", nil, .unsure)
        absence("en avril", [], .unsure)
        absence("fin mars", [], .unsure)
        absence("début avril", [], .unsure)
        absence("pendant les vacances", nil, .unsure)
        absence("le 32 mars", [], .unsure)
        absence("le 15/13", [], .unsure)
        absence("dans 2 jours", F.days("2027-03-10"), .certain)
        absence("le week-end", [], .unsure)
        absence("mardi 11 mars", F.days("2027-03-11"), .unsure)
        absence("le 31/04", [], .unsure)
        absence("le 30 février", [], .unsure)
        // Yesterday next to a day to come: was yesterday an absence too?
        check("Élise était absente hier et le sera aussi aujourd'hui.", .unsure(.absence, ["Élise"], F.days("2027-03-07", "2027-03-08")))
        // "dit hier": when the parent said it, not a day away.
        check("Comme je vous l'ai dit hier, Élise sera absente jeudi.", .certain(.absence, ["Élise"], F.days("2027-03-11")))
    }

    func testNumbersThatAreNotDates() {
        absence("de 8h30 à 11h demain", F.days("2027-03-09"), .unsure)   // part of a day
        check("Élise ne sera pas là vendredi, nous partons à 14h.", .certain(.absence, ["Élise"], F.days("2027-03-12")))
        check("Élise mangera à la cantine jeudi 18 mars à 12h.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Élise, 9 ans, sera absente demain.", .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise, née en 2017, sera absente demain.", .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise (CM1) sera absente demain.", .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Je vous règle les 12,50 € de cantine. Élise sera absente demain.", .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("La facture de 45,30 € du 01/03 est réglée. Élise sera absente demain.",
              .certain(.invoices), .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Bonjour,\n\nÉlise a vomi hier soir, elle restera à la maison aujourd'hui.\n\nCordialement",
              .certain(.absence, ["Élise"], F.days("2027-03-08")))
        check("Élise sera absente demain.\n\nBien à vous,\nAurélie Mercier\nTél : 06 41 27 83 05\nAbsente du 15/03 au 19/03",
              .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise sera absente demain.\n\n> Le 5 mars, Éliott sera absent le 22/03\n", .certain(.absence, ["Élise"], F.days("2027-03-09")))
    }

    func testExceptions() {
        check("Élise mangera à la cantine jeudi 18 mais pas vendredi 19.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        absence("toute la semaine prochaine sauf mercredi", F.days("2027-03-15", "2027-03-16", "2027-03-18", "2027-03-19"))
        absence("du 15 au 19 mars sauf le 17", F.days("2027-03-15", "2027-03-16", "2027-03-18", "2027-03-19"))
    }

    // MARK: - Intents

    func testCancellationsAndNegations() {
        check("Élise ne mangera pas à la cantine jeudi.", .certain(.cancellation, ["Élise"], F.days("2027-03-11"), restauration))
        check("Pas de cantine pour Élise jeudi.", .certain(.cancellation, ["Élise"], F.days("2027-03-11"), restauration))
        check("Pas de cantine jeudi pour Éliott svp.", .certain(.cancellation, ["Éliott"], F.days("2027-03-11"), restauration))
        check("Élise ne prendra pas le repas jeudi.", .certain(.cancellation, ["Élise"], F.days("2027-03-11"), restauration))
        check("Je n'ai pas besoin de la garderie du soir demain pour Élise.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-09"), .some(.periscolaireSoir)))
        check("Je n'ai pas besoin de la garderie demain pour Élise.", .unsure(.cancellation, ["Élise"], F.days("2027-03-09")))
        check("Ne l'inscrivez pas à la cantine jeudi 18, Élise sera en sortie.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Merci d'annuler la réservation cantine d'Élise pour jeudi 18.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Je souhaite annuler l'inscription d'Éliott au centre de loisirs pour le mercredi 17 mars.",
              .certain(.cancellation, ["Éliott"], F.days("2027-03-17"), .some(.alshMercredi)))
        check("Merci de désinscrire Élise de la cantine jeudi 18.", .certain(.cancellation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Élise ne déjeunera pas au restaurant scolaire vendredi.", .certain(.cancellation, ["Élise"], F.days("2027-03-12"), restauration))
        check("Éliott n'ira pas à la garderie du soir vendredi.", .certain(.cancellation, ["Éliott"], F.days("2027-03-12"), .some(.periscolaireSoir)))
        check("Éliott n'ira pas à la garderie vendredi.", .unsure(.cancellation, ["Éliott"], F.days("2027-03-12")))
        check("Élise n'ira pas au centre mercredi.", .certain(.cancellation, ["Élise"], F.days("2027-03-10"), .some(.alshMercredi)))
        check("Élise ne viendra pas au centre de loisirs mercredi.", .certain(.cancellation, ["Élise"], F.days("2027-03-10"), .some(.alshMercredi)))
        check("Élise ne mangera pas à la cantine jeudi, elle mangera chez sa grand-mère.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-11"), restauration))
        check("Élise sera absente demain. Merci de bien vouloir annuler son repas.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")), .certain(.cancellation, ["Élise"], F.days("2027-03-09"), restauration))
        check("Élise sera absente demain, merci d'annuler la cantine.", .certain(.cancellation, ["Élise"], F.days("2027-03-09"), restauration))
    }

    func testReversalsAndTwoIntents() {
        check("Finalement Élise mangera à la cantine mardi 16.", .certain(.reservation, ["Élise"], F.days("2027-03-16"), restauration))
        check("Élise ne mangera pas à la cantine demain mais mangera jeudi 18.",
              .certain(.cancellation, ["Élise"], F.days("2027-03-09"), restauration),
              .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Inscrivez Élise à la cantine jeudi 18 et annulez vendredi 19.",
              .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration),
              .certain(.cancellation, ["Élise"], F.days("2027-03-19"), restauration))
        check("Élise sera absente demain. Merci d'inscrire Éliott à la cantine jeudi 18.",
              .certain(.absence, ["Élise"], F.days("2027-03-09")), .certain(.reservation, ["Éliott"], F.days("2027-03-18"), restauration))
        check("Élise ne mangera pas à la cantine jeudi mais Éliott oui.", .unsure(.cancellation))
    }

    func testAbsences() {
        check("Éliott restera à la maison vendredi.", .certain(.absence, ["Éliott"], F.days("2027-03-12")))
        check("Nous partons en vacances, Élise ne sera pas là du 15 au 19 mars.", .certain(.absence, ["Élise"], F.span("2027-03-15", "2027-03-19")))
        check("Élise ne viendra pas à l'école demain.", .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise n'ira pas à l'école demain ni après-demain.", .certain(.absence, ["Élise"], F.days("2027-03-09", "2027-03-10")))
        check("Élise est malade, elle ne viendra pas aujourd'hui.", .certain(.absence, ["Élise"], F.days("2027-03-08")))
        check("Élise a rendez-vous chez le dentiste jeudi.", .unsure(.absence, ["Élise"], F.days("2027-03-11")))
        check("Quand Élise sera malade, que dois-je faire ?", .unsure(.absence))
    }

    func testQuestionsHypothesesAndHedges() {
        check("Est-ce que la cantine est ouverte le 14 ?", .unsure(.unknown))
        // A booking asked as a question: read, and confirmed by the parent before it is made.
        check("Est-ce qu'Élise peut manger à la cantine jeudi 18 ?", .unsure(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Pouvez-vous me dire si Élise est inscrite à la cantine jeudi ?", .unsure(.unknown, ["Élise"]))
        check("Élise pourra-t-elle manger à la cantine jeudi 18 ?", .unsure(.unknown, ["Élise"]))
        check("Je voudrais savoir si la cantine est ouverte pendant les vacances.", .unsure(.unknown))
        check("Si Élise est malade demain, elle n'ira pas à l'école.", .unsure(.absence, ["Élise"]))
        check("Je pense qu'Élise sera absente jeudi.", .unsure(.absence, ["Élise"]))
        check("Élise sera peut-être absente jeudi.", .unsure(.absence, ["Élise"]))
        check("Sous réserve, Élise mangera à la cantine jeudi 18.", .unsure(.reservation, ["Élise"]))
        // Polite forms are requests.
        check("Est-ce que vous pouvez inscrire Élise à la cantine jeudi 18 ?", .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Je souhaiterais inscrire Élise à la cantine le jeudi 18 mars.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Pourriez-vous réserver la garderie du matin pour Éliott le 18/03 ?", .certain(.reservation, ["Éliott"], F.days("2027-03-18"), .some(.periscolaireMatin)))
    }

    func testNothingAsked() {
        check("Merci.", .unsure(.unknown))
        check("Merci beaucoup pour votre réponse !", .unsure(.unknown))
        check("Merci pour votre retour, bonne journée.", .unsure(.unknown))
        check("Bonjour,\n\nAurélie Mercier", .unsure(.unknown))
        check("Bonjour\n\nCordialement\nAurélie Mercier", .unsure(.unknown))
        // Eating at home that day: no canteen (a staff member would cancel it).
        check("Élise mangera à la maison jeudi.", .certain(.cancellation, ["Élise"], F.days("2027-03-11"), restauration))
    }

    // MARK: - Activities and slots

    func testActivities() {
        check("Merci d'inscrire Élise au restaurant scolaire jeudi 18.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Élise prendra le repas du midi jeudi 18.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Élise ira à la cantine jeudi 18.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration))
        check("Merci d'inscrire Élise à la garderie jeudi 18.", .unsure(.reservation, ["Élise"]))
        check("Merci d'inscrire Élise à l'accueil du matin jeudi 18.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), .some(.periscolaireMatin)))
        check("Merci d'inscrire Élise au périscolaire du soir jeudi 18.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), .some(.periscolaireSoir)))
        check("Élise restera à la garderie après l'école jeudi 18.", .certain(.reservation, ["Élise"], F.days("2027-03-18"), .some(.periscolaireSoir)))
        check("Merci d'inscrire Élise à l'étude jeudi 18.", .unsure(.reservation, ["Élise"]))
        check("Merci d'inscrire Élise à la garderie du matin et du soir jeudi 18.",
              .certain(.reservation, ["Élise"], F.days("2027-03-18"), .some(.periscolaireMatin)),
              .certain(.reservation, ["Élise"], F.days("2027-03-18"), .some(.periscolaireSoir)))
        // One request per activity, in the order the parent named them.
        check("Merci d'inscrire Élise à la cantine et à la garderie du soir jeudi 18.",
              .certain(.reservation, ["Élise"], F.days("2027-03-18"), restauration),
              .certain(.reservation, ["Élise"], F.days("2027-03-18"), .some(.periscolaireSoir)))
    }

    func testHolidayCentreAndSlots() {
        let april14 = F.days("2027-04-14")
        check("Merci d'inscrire Élise au centre aéré mercredi 17 mars, journée complète avec repas.",
              .certain(.reservation, ["Élise"], F.days("2027-03-17"), .some(.alshMercredi), .some(.journeeAvecRepas)))
        check("Merci d'inscrire Élise à l'ALSH le 14 avril, matin avec repas.",
              .certain(.reservation, ["Élise"], april14, .some(.alshVacances), .some(.matinAvecRepas)))
        check("Merci d'inscrire Élise au centre de loisirs le 14 avril l'après-midi sans repas.",
              .certain(.reservation, ["Élise"], april14, .some(.alshVacances), .some(.apresMidiSansRepas)))
        check("Merci d'inscrire Élise au centre de loisirs le 14 avril l'après-midi avec repas.",
              .certain(.reservation, ["Élise"], april14, .some(.alshVacances), .some(.apresMidiAvecRepas)))
        check("Merci d'inscrire Élise au centre de loisirs le 14 avril matin et après-midi sans repas.",
              .certain(.reservation, ["Élise"], april14, .some(.alshVacances), .some(.matinSansRepas)),
              .certain(.reservation, ["Élise"], april14, .some(.alshVacances), .some(.apresMidiSansRepas)))
        check("Merci d'inscrire Élise au centre de loisirs le 14 avril, la journée.",
              .certain(.reservation, ["Élise"], april14, .some(.alshVacances), .some(.journeeAvecRepas)))
        check("Merci d'inscrire Élise au centre le 14 avril, journée avec repas.",
              .certain(.reservation, ["Élise"], april14, .some(.alshVacances), .some(.journeeAvecRepas)))
        check("Merci d'inscrire Élise à l'accueil de loisirs du mercredi le 17/03 toute la journée avec repas.",
              .certain(.reservation, ["Élise"], F.days("2027-03-17"), .some(.alshMercredi), .some(.journeeAvecRepas)))
        check("Merci d'inscrire Élise à l'ALSH vacances du 12 au 16 avril, journée avec repas.",
              .certain(.reservation, ["Élise"], F.span("2027-04-12", "2027-04-16"), .some(.alshVacances), .some(.journeeAvecRepas)))
        check("Merci d'inscrire Élise au centre de loisirs mercredi 17 mars, matin sans repas.",
              .certain(.reservation, ["Élise"], F.days("2027-03-17"), .some(.alshMercredi), .some(.matinSansRepas)))
        // Slot missing, incomplete or impossible: asked.
        check("Merci d'inscrire Élise au centre de loisirs mercredi 17 mars.", .unsure(.reservation, ["Élise"]))
        check("Merci d'inscrire Élise au centre de loisirs le 14 avril en demi-journée.", .unsure(.reservation, ["Élise"]))
        check("Merci d'inscrire Élise au centre de loisirs le 14 avril la journée sans repas.", .unsure(.reservation, ["Élise"]))
        check("Merci d'inscrire Élise au centre de loisirs le 14 avril, matin avec repas et après-midi.", .unsure(.reservation, ["Élise"]))
        check("Merci d'inscrire Élise au centre de loisirs, journée avec repas.", .unsure(.reservation, ["Élise"]))
    }

    // MARK: - Structured form

    func testFormVariants() {
        check("Objet\u{a0}: Absence\nPrénom\u{a0}: Élise\nDate\u{a0}: 15 mars\nMotif\u{a0}: rdv",
              .certain(.absence, ["Élise"], F.days("2027-03-15")))
        check("Enfant : Éliott\nActivité : Cantine\nDate(s) : 15/03, 16/03 et 18/03", subject: "Réservation",
              .certain(.reservation, ["Éliott"], F.days("2027-03-15", "2027-03-16", "2027-03-18"), restauration))
        check("Objet : Réservation\nActivité : garderie du soir\nEnfant : Elise\nDate : jeudi 18 mars\nRemarque : merci",
              .certain(.reservation, ["Élise"], F.days("2027-03-18"), .some(.periscolaireSoir)))
        check("Objet : Annulation\nEnfant : Eliott\nActivite : restaurant scolaire\nDu : 15/03/2027\nAu : 17/03/2027",
              .certain(.cancellation, ["Éliott"], F.span("2027-03-15", "2027-03-17"), restauration))
        check("enfant : Élise\nDU : 15/03\nAU : 17/03\nOBJET : absence", .certain(.absence, ["Élise"], F.span("2027-03-15", "2027-03-17")))
        check("Objet : Absence\nEnfant : Élise et Éliott\nDu : 15/03\nAu : 17/03",
              .certain(.absence, ["Élise", "Éliott"], F.span("2027-03-15", "2027-03-17")))
        check("Objet : Réservation\nEnfant : les deux\nActivité : cantine\nDate : 18/03/2027",
              .certain(.reservation, ["Élise", "Éliott"], F.days("2027-03-18"), restauration))
        check("Objet : Réservation\nEnfant : Élise\nActivité : Centre de loisirs\nDate : 14/04/2027\nCréneau : Journée avec repas",
              .certain(.reservation, ["Élise"], F.days("2027-04-14"), .some(.alshVacances), .some(.journeeAvecRepas)))
        check("Objet : Réservation\nEnfant : Élise\nActivité : Centre de loisirs\nDate : 14/04/2027\nCréneau : matin et après-midi sans repas",
              .certain(.reservation, ["Élise"], F.days("2027-04-14"), .some(.alshVacances), .some(.matinSansRepas)),
              .certain(.reservation, ["Élise"], F.days("2027-04-14"), .some(.alshVacances), .some(.apresMidiSansRepas)))
        check("Objet : Absence\nEnfant : Élise\nDate : 15/03\n\nAurélie Mercier\n06 41 27 83 05", .certain(.absence, ["Élise"], F.days("2027-03-15")))
    }

    func testFormsThatAsk() {
        check("Objet : Réservation\nEnfant : Élise\nActivité : Centre de loisirs\nDates : 14/04/2027\nCréneau : matin", .unsure(.reservation, ["Élise"]))
        check("Objet : Réservation\nEnfant : Élise\nActivité : garderie\nDate : 18/03/2027", .unsure(.reservation, ["Élise"]))
        check("Objet : Réservation\nEnfant : Élise\nActivité : étude\nDate : 18/03/2027", .unsure(.reservation, ["Élise"]))
        check("Objet : Absence\nEnfant : Lili\nDate : 15/03", .unsure(.absence, ["Lili"]))
        check("Objet : Absence\nEnfant : Élise\nDate : 31/04", .unsure(.absence, ["Élise"], []))
        check("Objet : Absence\nEnfant : Élise\nDu : 15/03", .unsure(.absence, ["Élise"]))
    }

    // MARK: - Keys, contact, confirmations

    func testKeys() {
        var r = F.read("Bonjour, ma clé est k7qf3mzp9whd")
        XCTAssertEqual(r.map(\.intent), [.activation]); XCTAssertEqual(r[0].key, "K7QF-3MZP-9WHD"); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Ma clé d'activation : K7QF 3MZP 9WHD merci")
        XCTAssertEqual(r[0].key, "K7QF-3MZP-9WHD"); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Bonjour,\nje souhaite activer mon compte avec la clé K7QF 3MZP 9WHD.\nMerci")
        XCTAssertEqual(r[0].key, "K7QF-3MZP-9WHD"); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Objet : Activation\nClé : k7qf-3mzp-9whd")
        XCTAssertEqual(r[0].key, "K7QF-3MZP-9WHD")
        r = F.read("Voici ma clé K7QF-3MZP-9WH pour activer mon compte.")
        XCTAssertEqual(r[0].intent, .activation); XCTAssertNil(r[0].key); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Objet : Activation\nClé : K7QF-3MZP-9WH")
        XCTAssertNil(r[0].key); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Voici ma clé K7QF-3MZP-9WHD pour activer mon compte (ou K7QF-3MZP-9WDH je ne sais plus).")
        XCTAssertEqual(r[0].intent, .activation); XCTAssertEqual(r[0].confidence, .unsure)
    }

    func testContactDetails() {
        var r = F.read("Téléphone : 06 12 34 56 78\nCourriel : nouveau@exemple.fr", subject: "Coordonnées")
        XCTAssertEqual(r.map(\.intent), [.contact]); XCTAssertEqual(r[0].contact?.phone, "06 12 34 56 78")
        XCTAssertEqual(r[0].contact?.email, "nouveau@exemple.fr"); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Mon numéro a changé : 06 12 34 56 78 (l'ancien 06 41 27 83 05 ne marche plus).")
        XCTAssertEqual(r[0].intent, .contact); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Bonjour", subject: "Changement de coordonnées")
        XCTAssertEqual(r[0].intent, .contact); XCTAssertEqual(r[0].confidence, .unsure)
    }

    func testConfirmationPhrases() {
        let subject = "Re: Espace Famille : merci de confirmer [Réf. EF-ABCD2345]"
        var r = F.read("Oui merci", subject: subject)
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].confirmation, true); XCTAssertEqual(r[0].token, "EF-ABCD2345")
        XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("oui c'est bien ça", subject: subject)
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].confirmation, true); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("OUI je confirme", subject: subject)
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("NON", subject: subject)
        XCTAssertEqual(r[0].confirmation, false); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("non annulez", subject: subject)
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].confirmation, false); XCTAssertEqual(r[0].confidence, .certain)
        // A bare agreement answering our question is a yes; with anything more it is asked again.
        r = F.read("ok", subject: subject)
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("d'accord", subject: subject)
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("ok pour moi 👍", subject: subject)
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("ok mais pas pour Éliott", subject: subject)
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("d'accord si c'est possible", subject: subject)
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Bonjour,\n\nOui\n\nCordialement", subject: subject)
        XCTAssertEqual(r.count, 1); XCTAssertEqual(r[0].confirmation, true); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Oui\nRéf. EF-ABCD2345")
        XCTAssertEqual(r[0].token, "EF-ABCD2345"); XCTAssertEqual(r[0].confidence, .certain)
        r = F.read("Oui je confirme, référence EF-abcd2345")
        XCTAssertEqual(r[0].token, "EF-ABCD2345"); XCTAssertEqual(r[0].confidence, .certain)
        // Without a reference: asked.
        r = F.read("OUI")
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .unsure)
        r = F.read("Oui, merci, c'est bien ça.")
        XCTAssertEqual(r.map(\.intent), [.confirm]); XCTAssertEqual(r[0].confidence, .unsure)
        // A yes with conditions is not a plain yes.
        r = F.read("Oui pour Élise, mais pas pour Éliott", subject: subject)
        XCTAssertEqual(r[0].intent, .confirm); XCTAssertEqual(r[0].confidence, .unsure)
        // A no followed by the right request: both.
        r = F.read("Non, ce n'est pas ça, c'est Éliott qui sera absent demain.", subject: subject)
        XCTAssertEqual(r.map(\.intent), [.confirm, .absence]); XCTAssertEqual(r[0].confirmation, false)
        XCTAssertEqual(r[1].children, ["Éliott"]); XCTAssertEqual(r[1].dates, F.days("2027-03-09"))
    }

    func testMoreFreeText() {
        check("Élise sera absente demain.\n\nAurélie Mercier\nEn congé du 29/03 au 02/04", .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Bonjour, Élise ne mangera pas à la cantine le 15 et Éliott non plus.",
              .certain(.cancellation, ["Élise", "Éliott"], F.days("2027-03-15"), restauration))
        check("Bonjour, elle a de la fièvre, elle ne viendra pas demain.", subject: "Absence Élise",
              .certain(.absence, ["Élise"], F.days("2027-03-09")))
        check("Élise et Éliott seront absents demain, ils ont la varicelle.", .certain(.absence, ["Élise", "Éliott"], F.days("2027-03-09")))
        check("Non seulement Élise sera absente demain mais aussi jeudi.", .certain(.absence, ["Élise"], F.days("2027-03-09", "2027-03-11")))
    }
}
