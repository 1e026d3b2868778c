import XCTest
@testable import Parsers

/// Fourth round: the shapes an independent tester found read `certain` and wrong — negations, corrections, conditions,
/// exceptions tied to one child, contrasts, past days, days of other events, part days and parts left unread — each in
/// an invented town (World4) on several reference days. Each row is what a staff member would check: the intent, the
/// child, the days, and whether it may be applied at once.
final class InventedWorldsRound4Tests: XCTestCase {
    private typealias W = World4
    private let L = W.lagarde, M = W.montclar, V = W.vasseur
    private let may = W.tuesdayMay, nov = W.fridayNovember, jan = W.mondayJanuary

    /// A. A negated verb or noun of the intent never gives that intent; a plan called off is not applied.
    func testNegationsAreNotRequests() {
        let t = ReadingTable()
        t.nothingApplied("Pas d'absence à signaler pour Ferdinand cette semaine.", M, may)
        t.nothingApplied("Aucune absence prévue pour Ferdinand la semaine prochaine.", M, nov)
        t.nothingApplied("Il n'y aura pas d'absence lundi pour Ysaline.", L, nov)
        t.nothingApplied("No absence for Bérénice this week.", M, may)
        t.nothingApplied("Ysaline n'a pas été absente vendredi.", L, may)
        t.nothingApplied("Ysaline n'était pas absente hier, il doit y avoir une erreur.", L, nov)
        t.nothingApplied("Elle ne sera pas absente demain finalement.", L, may)
        t.nothingApplied("Anatole ne sera finalement pas absent vendredi.", V, jan)
        t.nothingApplied("Ysaline won't be absent on Monday after all.", L, nov)
        t.nothingApplied("Solène devait être absente jeudi, finalement elle viendra.", V, jan)
        t.nothingApplied("Pas besoin d'annuler la cantine de lundi pour Ysaline.", L, nov)
        t.nothingApplied("Inutile d'annuler la cantine mardi, Ysaline sera là.", L, jan)
        // What still reads: a child kept away said with a negation.
        t.add("Ysaline sera absente jeudi, elle n'ira pas à l'école.", L, jan, .certain(.absence, ["Ysaline"], W.days("2028-01-20")))
        t.add("Octave ne sera pas à l'école vendredi.", V, jan, .certain(.absence, ["Octave"], W.days("2028-01-21")))
        t.add("Pas de cantine pour Ferdinand et Bérénice jeudi.", M, jan,
              .certain(.cancellation, ["Ferdinand", "Bérénice"], W.days("2028-01-20"), cantine))
        runTable(t)
    }

    /// C. A correction in a following clause or sentence: the corrected value, or a question — never the first value.
    func testCorrectionsTakeTheLaterValue() {
        let t = ReadingTable()
        t.add("Ysaline sera absente le 24. Enfin non, le 25.", L, nov, .certain(.absence, ["Ysaline"], W.days("2026-11-25")))
        t.add("Ysaline sera absente mardi. Euh non, mercredi.", L, jan, .certain(.absence, ["Ysaline"], W.days("2028-01-19")))
        t.add("Ysaline sera absente mardi, pardon, je voulais dire mercredi.", L, nov,
              .certain(.absence, ["Ysaline"], W.days("2026-11-25")))
        t.add("Ysaline sera absente lundi. Pardon, je voulais dire mardi.", L, nov,
              .certain(.absence, ["Ysaline"], W.days("2026-11-24")))
        t.add("Annulez la cantine d'Ysaline le 24, enfin non le 26.", L, nov,
              .certain(.cancellation, ["Ysaline"], W.days("2026-11-26"), cantine))
        t.add("Octave mangera à la cantine jeudi, non pardon, vendredi.", V, jan,
              .certain(.reservation, ["Octave"], W.days("2028-01-21"), cantine))
        // "non pas jeudi mais vendredi" says in one breath which day is meant (see InventedWorldsRound5Tests).
        t.add("Ysaline sera absente non pas jeudi mais vendredi.", L, nov, .certain(.absence, ["Ysaline"], W.days("2026-11-27")))
        t.nothingApplied("Bérénice sera absente lundi, c'est Ferdinand, pas Bérénice.", M, nov)
        t.nothingApplied("Ferdinand sera absent jeudi. Pardon, c'est Bérénice, pas Ferdinand.", M, nov)
        runTable(t)
    }

    /// D. A request that hangs on something the reader cannot check is asked.
    func testConditionsAreAsked() {
        let t = ReadingTable()
        t.nothingApplied("Ysaline sera absente lundi à moins que sa fièvre tombe.", L, nov)
        t.nothingApplied("Ysaline sera absente lundi sauf si elle va mieux.", L, nov)
        t.nothingApplied("Inscrivez Ysaline à la cantine lundi selon la météo.", L, nov)
        t.nothingApplied("Tout dépend de son état, mais Ysaline sera absente lundi.", L, nov)
        t.nothingApplied("Ysaline sera absente lundi, ça dépendra de sa température.", L, nov)
        t.nothingApplied("Inscrivez Ysaline à la cantine lundi en fonction de mon planning.", L, nov)
        t.nothingApplied("Si jamais il neige, Ysaline sera absente lundi.", L, nov)
        t.nothingApplied("Au cas où, inscrivez Ysaline à la garderie du soir lundi.", L, nov)
        t.nothingApplied("Ysaline sera peut-être absente lundi.", L, nov)
        t.nothingApplied("Solène sera absente jeudi s'il n'y a pas de grève.", V, jan)
        t.nothingApplied("Ysaline will be absent on Monday unless she feels better.", L, nov)
        t.nothingApplied("Please book the canteen for Ysaline on Monday depending on the weather.", L, nov)
        t.nothingApplied("If she still has a fever, Ysaline will be absent on Monday.", L, nov)
        t.nothingApplied("Annulez la garderie du matin de Ferdinand mardi, sauf si sa grand-mère ne peut pas venir.", M, jan)
        runTable(t)
    }

    /// G. An exception tied to one child is never applied to all of them.
    func testExceptionsForOneChild() {
        let t = ReadingTable()
        t.nothingApplied("Annulez la cantine les 24 et 26 pour les deux, ni le 26 pour Bérénice.", M, nov)
        t.nothingApplied("Annulez la cantine les 24 et 26 pour les deux, sauf Bérénice le 26.", M, nov)
        t.nothingApplied("Les enfants seront absents du 23 au 27 novembre, sauf Solène le 25.", V, nov)
        t.nothingApplied("Les trois seront absents jeudi et vendredi, excepté Anatole vendredi.", V, jan)
        t.nothingApplied("Inscrivez les deux à la garderie du soir lundi et mardi, mais pas Ferdinand mardi.", M, nov)
        t.nothingApplied("Pas de cantine mardi et jeudi pour les deux, et pas jeudi pour Ferdinand.", M, jan)
        runTable(t)
    }

    /// E. "mais" opening a second, different request: its activity and days are not merged into the first.
    func testContrastClauses() {
        let t = ReadingTable()
        t.nothingApplied("Ysaline ne mangera pas à la cantine lundi mais restera à la garderie du soir.", L, nov)
        t.add("Ysaline mangera à la maison lundi.", L, nov, .certain(.cancellation, ["Ysaline"], W.days("2026-11-23"), cantine))
        t.add("Annulez la cantine lundi pour Ysaline mais inscrivez-la à la garderie du soir mardi.", L, nov,
              .certain(.cancellation, ["Ysaline"], W.days("2026-11-23"), cantine),
              .certain(.reservation, ["Ysaline"], W.days("2026-11-24"), soir))
        t.add("Octave ne mangera pas à la cantine jeudi mais ira au centre de loisirs mercredi.", V, jan,
              .certain(.cancellation, ["Octave"], W.days("2028-01-20"), cantine),
              .unsure(.reservation, ["Octave"], W.days("2028-01-19"), mercredi))
        runTable(t)
    }

    /// B. Days told in the past are the days before the mail, not next week's.
    func testPastDaysStayInThePast() {
        let t = ReadingTable()
        t.add("Ysaline était absente jeudi et vendredi derniers.", L, jan, .certain(.absence, ["Ysaline"], W.days("2028-01-13", "2028-01-14")))
        t.add("Bérénice a été absente lundi et mardi.", M, nov, .certain(.absence, ["Bérénice"], W.days("2026-11-16", "2026-11-17")))
        t.add("Ysaline a été malade mercredi et jeudi, voici le certificat.", L, nov,
              .certain(.absence, ["Ysaline"], W.days("2026-11-18", "2026-11-19")))
        t.add("Anatole n'est pas venu mardi dernier.", V, jan, .certain(.absence, ["Anatole"], W.days("2028-01-11")))
        t.add("Solène était absente mercredi et jeudi.", V, jan, .certain(.absence, ["Solène"], W.days("2028-01-12", "2028-01-13")))
        // Still ahead: a future tense keeps the coming days.
        t.add("Solène sera absente mercredi et jeudi.", V, jan, .certain(.absence, ["Solène"], W.days("2028-01-19", "2028-01-20")))
        runTable(t)
    }

    /// F. The day of another event ("le rendez-vous du 3 mai") is not the request's day.
    func testDaysOfOtherEvents() {
        let t = ReadingTable()
        t.add("Suite au rendez-vous du lundi 3 mai, Ysaline sera absente jeudi.", L, may,
              .certain(.absence, ["Ysaline"], W.days("2027-05-13")))
        t.add("Suite à la réunion du 10 mai, inscrivez Ysaline à la garderie du soir vendredi.", L, may,
              .certain(.reservation, ["Ysaline"], W.days("2027-05-14"), soir))
        t.add("Suite à la visite médicale du 12 janvier, Solène sera absente jeudi.", V, jan,
              .certain(.absence, ["Solène"], W.days("2028-01-20")))
        t.add("Comme indiqué dans mon mail du 4 mai, annulez la cantine vendredi pour Ysaline.", L, may,
              .certain(.cancellation, ["Ysaline"], W.days("2027-05-14"), cantine))
        t.nothingApplied("Suite au rendez-vous du mardi 18 mai, Ysaline sera absente.", L, may)
        // An event's day in a part that asks something of its own is not dropped; the same day as the request's is fine.
        t.nothingApplied("Ysaline sera absente jeudi et vendredi, et pour la sortie du 28 mai elle n'ira pas non plus.", L, may)
        t.add("Octave sera absent jeudi pour la sortie du 20 janvier.", V, jan, .certain(.absence, ["Octave"], W.days("2028-01-20")))
        // An appointment on the day is still the day away.
        t.add("Ysaline a rendez-vous chez le dentiste jeudi, elle sera absente ce jour-là.", L, may,
              .certain(.absence, ["Ysaline"], W.days("2027-05-13")))
        runTable(t)
    }

    /// H. Part of a day is not a whole day's absence: asked.
    func testPartDaysAreAsked() {
        let t = ReadingTable()
        t.nothingApplied("Ysaline sera absente mardi matin.", L, may)
        t.nothingApplied("Ysaline sera absente vendredi après-midi.", L, may)
        t.nothingApplied("Ysaline sera absente jeudi à partir de 14h.", L, may)
        t.nothingApplied("Ysaline partira à 15h jeudi.", L, may)
        t.nothingApplied("Ysaline sera absente jeudi, seulement l'après-midi.", L, may)
        t.nothingApplied("Octave sera absent mercredi matin pour un rendez-vous chez l'orthodontiste.", V, jan)
        t.nothingApplied("Ysaline quittera l'école à 11h30 vendredi.", L, may)
        t.nothingApplied("Ysaline sera absente jeudi matin et toute la journée de vendredi.", L, may)
        t.add("Octave sera absent jeudi toute la journée, rendez-vous à 9h.", V, jan, .certain(.absence, ["Octave"], W.days("2028-01-20")))
        // Parts of today that only tell when something happened.
        t.add("Ysaline sera absente demain, elle a de la fièvre depuis ce matin.", L, may,
              .certain(.absence, ["Ysaline"], W.days("2027-05-12")))
        t.add("Ferdinand a vomi cette nuit, il sera absent aujourd'hui.", M, may,
              .certain(.absence, ["Ferdinand"], W.days("2027-05-11")))
        runTable(t)
    }

    /// I. A part of the mail left unread never leaves the rest certain; two requests are both read.
    func testNoPartDropped() {
        let t = ReadingTable()
        t.add("Je souhaite recevoir mes factures en ligne. Finalement je préfère les factures papier.", L, may, einvoice: false,
              .certain(.einvoice))
        t.nothingApplied("Je souhaite recevoir mes factures en ligne. Je préfère les factures papier.", L, may)
        t.add("Please send invoices by paper again. Ysaline will be absent on Friday.", L, may, einvoice: false,
              .certain(.einvoice), .certain(.absence, ["Ysaline"], W.days("2027-05-14")))
        t.add("Ysaline sera absente vendredi, voici aussi ma clé K7PA-4MRT-9WXC.", L, may,
              .certain(.absence, ["Ysaline"], W.days("2027-05-14")), .certain(.activation))
        t.nothingApplied("Please book the canteen for Ysaline every Monday from May 24 until the summer holidays.", L, may)
        t.add("Inscrivez Ysaline à la cantine tous les lundis à partir du 24 mai jusqu'aux grandes vacances.", L, may,
              .certain(.reservation, ["Ysaline"], W.days("2027-05-24", "2027-05-31", "2027-06-07", "2027-06-14", "2027-06-21", "2027-06-28"), cantine))
        runTable(t)
    }
}

/// Second pass over the same shapes, other wordings.
final class InventedWorldsRound4MoreTests: XCTestCase {
    private typealias W = World4
    private let L = W.lagarde, M = W.montclar, V = W.vasseur
    private let may = W.tuesdayMay, jan = W.mondayJanuary

    func testMoreNegationsAndCorrections() {
        let t = ReadingTable()
        t.nothingApplied("Ysaline n'a jamais été absente cette semaine.", L, may)
        t.nothingApplied("Il ne faut pas annuler la cantine de jeudi pour Ysaline.", L, may)
        t.nothingApplied("There is no need to cancel Ysaline's lunch on Thursday.", L, may)
        t.nothingApplied("Oubliez l'absence d'Ysaline jeudi, elle sera bien là.", L, may)
        t.nothingApplied("Je pensais qu'Ysaline serait absente jeudi mais non.", L, may)
        t.add("Ysaline sera absente le 13, euh le 14.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-14")))
        t.add("Ysaline sera absente le 13 mai. Erratum : le 14 mai.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-14")))
        t.nothingApplied("Ferdinand sera absent jeudi. Oups, c'est Bérénice qui sera absente, pas Ferdinand.", M, may)
        t.nothingApplied("Inscrivez Ferdinand à la garderie du soir jeudi, non pardon, à la garderie du matin.", M, may)
        runTable(t)
    }

    func testMoreConditionsExceptionsAndContrasts() {
        let t = ReadingTable()
        t.nothingApplied("Inscrivez Ysaline à la garderie du soir jeudi dans le cas où je serais retenue.", L, may)
        t.nothingApplied("Ysaline sera absente jeudi. Tout dépendra de sa fièvre.", L, may)
        t.nothingApplied("Les trois seront absents jeudi et vendredi, Anatole seulement jeudi.", V, may)
        t.nothingApplied("Les deux seront absents jeudi et vendredi mais Bérénice viendra vendredi.", M, may)
        t.nothingApplied("Annulez la garderie du soir des deux jeudi, Bérénice aussi vendredi.", M, may)
        t.nothingApplied("Pas de cantine jeudi pour les deux, ni vendredi pour Ferdinand.", M, may)
        t.nothingApplied("Ysaline mangera à la maison jeudi mais restera à la garderie du soir.", L, may)
        // A child only joining the request, or named again to explain, keeps it certain.
        t.add("Ferdinand sera absent jeudi, Bérénice aussi.", M, may, .certain(.absence, ["Ferdinand", "Bérénice"], W.days("2027-05-13")))
        t.add("Ferdinand et Bérénice ne mangeront pas à la cantine jeudi, Bérénice a une sortie.", M, may,
              .certain(.cancellation, ["Ferdinand", "Bérénice"], W.days("2027-05-13"), cantine))
        runTable(t)
    }

    func testMorePastEventsPartsOfDayAndDroppedParts() {
        let t = ReadingTable()
        t.add("Ysaline a été absente jeudi et vendredi, elle sera encore absente mercredi.", L, may,
              .certain(.absence, ["Ysaline"], W.days("2027-05-06", "2027-05-07", "2027-05-12")))
        t.add("Ysaline was absent on Friday.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-07")))
        t.add("Ysaline was sick on Monday and Tuesday.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-10", "2027-05-11")))
        t.add("Ysaline a été absente du 12 au 14.", L, jan, .certain(.absence, ["Ysaline"], W.span("2028-01-12", "2028-01-14")))
        t.add("Comme convenu le 10 mai, Ysaline sera absente jeudi.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-13")))
        t.add("Suite à ma demande du 3 mai restée sans réponse, Ysaline sera absente jeudi.", L, may,
              .certain(.absence, ["Ysaline"], W.days("2027-05-13")))
        t.add("Suite à la sortie du 7 mai, Ysaline sera absente jeudi.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-13")))
        t.add("Le certificat du 10 mai est joint, Ysaline sera absente jeudi.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-13")))
        t.nothingApplied("Ysaline sera absente une demi-journée jeudi.", L, may)
        t.nothingApplied("Ysaline a un rendez-vous mardi 18 mai, elle sera absente le matin.", L, may)
        t.nothingApplied("Inscrivez Ysaline à la cantine le lundi jusqu'à l'été.", L, may)
        t.nothingApplied("Ysaline sera absente jeudi et le lundi de la fête de l'école.", L, may)
        t.nothingApplied("Ysaline sera absente jeudi, et aussi le jour de la kermesse.", L, may)
        t.add("Je voudrais passer aux factures en ligne et payer ma dernière facture.", L, may, einvoice: true,
              .certain(.einvoice), .certain(.invoices))
        runTable(t)
    }

    /// What was asked for nothing: verbless polite requests, SMS days, a well child beside an ill one.
    func testNeedlessQuestions() {
        let t = ReadingTable()
        t.add("Cantine jeudi pour Bérénice svp.", M, may, .certain(.reservation, ["Bérénice"], W.days("2027-05-13"), cantine))
        t.add("Garderie du soir vendredi pour Ferdinand merci.", M, may, .certain(.reservation, ["Ferdinand"], W.days("2027-05-14"), soir))
        t.add("Pas de cantine jeudi pour Bérénice svp.", M, may, .certain(.cancellation, ["Bérénice"], W.days("2027-05-13"), cantine))
        t.add("Ysaline absente dem.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-12")))
        t.add("Ysaline absente auj.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-11")))
        t.add("Ysaline absente jeu.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-13")))
        t.add("Ysaline absente ven 14.", L, may, .certain(.absence, ["Ysaline"], W.days("2027-05-14")))
        t.nothingApplied("Ysaline ira à la mer.", L, may)
        t.add("Ferdinand est malade aujourd'hui, Bérénice va bien.", M, may, .certain(.absence, ["Ferdinand"], W.days("2027-05-11")))
        t.add("Ferdinand est malade, Bérénice va bien.", M, may, .unsure(.absence, ["Ferdinand"]))
        t.add("Ferdinand et Bérénice seront absents demain, Bérénice va bien mais nous partons.", M, may,
              .certain(.absence, ["Ferdinand", "Bérénice"], W.days("2027-05-12")))
        // A "but" in English opens another statement too.
        t.nothingApplied("Octave will not eat at the canteen on Thursday but will stay for after-school care.", V, jan)
        runTable(t)
    }

    /// Twins, whole mails: a later sentence that narrows or corrects the children, an event's day, SMS.
    func testTwinsAndWholeMails() {
        let t = ReadingTable()
        let G = W.guilloux, nov = W.fridayNovember
        t.nothingApplied("Bonjour,\nLes jumeaux seront absents lundi. Enfin, seulement Célestin, Eulalie ira à l'école.\nMerci", G, nov)
        t.nothingApplied("Bonjour, les jumeaux seront absents lundi et mardi. Correction : Eulalie seulement lundi.", G, nov)
        t.nothingApplied("Célestin sera absent lundi et mardi. Non, seulement mardi.", G, nov)
        t.add("Célestin sera absent lundi. Sa sœur Eulalie va à l'école comme d'habitude.", G, nov,
              .certain(.absence, ["Célestin"], W.days("2026-11-23")))
        t.add("Bonjour, suite au conseil d'école du 17 novembre, Célestin ne mangera plus à la cantine le vendredi à partir du 27 novembre jusqu'aux vacances de Noël.",
              G, nov, .certain(.cancellation, ["Célestin"], W.days("2026-11-27", "2026-12-04", "2026-12-11", "2026-12-18"), cantine))
        t.add("Celestin absent lun et mar svp", G, nov, .certain(.absence, ["Célestin"], W.days("2026-11-23", "2026-11-24")))
        t.add("Célestin était absent mercredi et jeudi, il avait la grippe. Il sera encore absent lundi.", G, nov,
              .certain(.absence, ["Célestin"], W.days("2026-11-18", "2026-11-19", "2026-11-23")))
        runTable(t)
    }

    /// "pas X mais Y", a part of today told in the past, a return in the afternoon.
    func testContrastedDaysAndReturns() {
        let t = ReadingTable()
        t.nothingApplied("Ferdinand ne sera pas là mardi mais mercredi.", M, jan)
        t.nothingApplied("Bérénice a été absente ce matin, elle va mieux.", M, jan)
        t.nothingApplied("Ferdinand sera absent demain. Il reviendra mercredi après-midi.", M, jan)
        t.add("Ferdinand sera absent demain. Il reviendra mercredi matin.", M, jan, .certain(.absence, ["Ferdinand"], W.days("2028-01-18")))
        t.add("Ferdinand sera absent lundi en huit, nous rentrons le lundi soir.", M, jan,
              .certain(.absence, ["Ferdinand"], W.days("2028-01-24")))
        t.add("Ferdinand ne mangera pas à la cantine jeudi mais mangera vendredi.", M, jan,
              .certain(.cancellation, ["Ferdinand"], W.days("2028-01-20"), cantine),
              .certain(.reservation, ["Ferdinand"], W.days("2028-01-21"), cantine))
        runTable(t)
    }

    /// The same shapes in English mails.
    func testEnglishMails() {
        let t = ReadingTable()
        t.nothingApplied("Hi, Ferdinand won't be in school tomorrow. Sorry, I meant Bérénice, not Ferdinand.", M, may)
        t.nothingApplied("Hello, Ferdinand is not going to be absent on Thursday after all.", M, may)
        t.nothingApplied("Hello, Ferdinand won't be absent tomorrow, he is feeling better.", M, may)
        t.nothingApplied("Hello, Ferdinand will be absent on Thursday if the strike goes ahead.", M, may)
        t.add("Following the meeting on 10 May, Ferdinand will be absent on Thursday.", M, may,
              .certain(.absence, ["Ferdinand"], W.days("2027-05-13")))
        t.add("Hello, please book after-school care for Bérénice every Tuesday from 18 May until the summer holidays.", M, may,
              .certain(.reservation, ["Bérénice"], W.days("2027-05-18", "2027-05-25", "2027-06-01", "2027-06-08", "2027-06-15", "2027-06-22", "2027-06-29"), soir))
        t.add("Hello, Ferdinand will be absent on Thursday. Also, here is my activation key: K7PA-4MRT-9WXC.", M, may,
              .certain(.absence, ["Ferdinand"], W.days("2027-05-13")), .certain(.activation))
        runTable(t)
    }
}
