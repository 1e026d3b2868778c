import XCTest
@testable import Parsers

/// More phrases read in a second invented town (families, school year 2029–2030 with its summer holidays, reference
/// days), each with the reading a careful town staff member would make: whole mails with greetings, signatures and
/// quoted replies, English and franglais, dates in words and numbers, holiday-centre slots, contact and invoice
/// requests, and odd writing. A reading must never be `certain` and wrong: what is not fully understood is `unsure`.
private enum Town {
    static func d(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }
    static func days(_ isos: String...) -> [CivilDate] { isos.map(d) }
    static func span(_ a: String, _ b: String) -> [CivilDate] {
        let s = d(a), e = d(b)
        return (0...s.days(until: e)).map { s.adding(days: $0) }
    }
    static func weekdays(_ a: String, _ b: String, _ weekdays: Set<Int>) -> [CivilDate] {
        span(a, b).filter { weekdays.contains($0.weekday) }
    }

    // Reference days (the message's Date header, Europe/Paris).
    static let summerMonday = d("2029-07-02")   // last week of the previous school year
    static let monday = d("2029-10-08")         // a Monday in term, week 41
    static let saturday = d("2029-10-13")
    static let friday = d("2029-10-19")         // the Friday before the autumn holidays
    static let sunday = d("2029-11-25")
    static let yearEnd = d("2029-12-28")        // a Friday, in the Christmas holidays
    static let monthEnd = d("2030-01-31")       // a Thursday
    static let june = d("2030-06-18")           // a Tuesday, before the summer holidays

    // The town's calendar, July 2029 – August 2030.
    static let holidays: [(String, String)] = [
        ("2029-07-07", "2029-09-02"), ("2029-10-20", "2029-11-04"), ("2029-12-22", "2030-01-06"),
        ("2030-02-16", "2030-03-03"), ("2030-04-13", "2030-04-28"), ("2030-07-06", "2030-08-31"),
    ]
    static let publicHolidays: Set<CivilDate> = Set(days(
        "2029-07-14", "2029-08-15", "2029-11-01", "2029-11-11", "2029-12-25", "2030-01-01", "2030-04-22",
        "2030-05-01", "2030-05-08", "2030-05-30", "2030-06-10", "2030-07-14", "2030-08-15"))

    static let openDays: [ActivityKind: [CivilDate]] = {
        let holidayDays = Set(holidays.flatMap { span($0.0, $0.1) })
        let all = span("2029-07-01", "2030-08-31").filter { !publicHolidays.contains($0) && $0.weekday <= 5 }
        let inTerm = all.filter { !holidayDays.contains($0) }
        let school = inTerm.filter { $0.weekday != 3 }
        return [
            .restauration: school, .periscolaireMatin: school, .periscolaireSoir: school,
            .alshMercredi: inTerm.filter { $0.weekday == 3 },
            .alshVacances: all.filter { holidayDays.contains($0) },
        ]
    }()
    static func holidayOpenDays(_ a: String, _ b: String) -> [CivilDate] {
        openDays[.alshVacances]!.filter { $0 >= d(a) && $0 <= d(b) }
    }

    /// One child.
    static let lacombe = FamilyContext(children: [.init(firstName: "Éloi", birthDate: d("2020-06-02"))], openDays: openDays)
    /// Two children, an accent and a hyphen.
    static let vasseur = FamilyContext(children: [.init(firstName: "Zélie", birthDate: d("2018-11-30")),
                                                  .init(firstName: "Marc-Antoine", birthDate: d("2021-03-15"))],
                                       openDays: openDays)
    /// Twins.
    static let morvan = FamilyContext(children: [.init(firstName: "Lison", birthDate: d("2019-09-09")),
                                                 .init(firstName: "Côme", birthDate: d("2019-09-09"))],
                                      openDays: openDays)
    /// Three children.
    static let benali = FamilyContext(children: [.init(firstName: "Inaya", birthDate: d("2017-05-05")),
                                                 .init(firstName: "Timéo", birthDate: d("2019-12-12")),
                                                 .init(firstName: "Aglaé", birthDate: d("2022-02-20"))],
                                      openDays: openDays)
}

final class InventedWorldsMoreTests: XCTestCase {
    private typealias W = Town

    // MARK: - Whole mails

    private func wholeMails(_ t: ReadingTable) {
        let L = W.lacombe, V = W.vasseur, M = W.morvan, B = W.benali
        let mon = W.monday, tomorrow = W.days("2029-10-09")
        t.add("Bonjour Madame,\n\nÉloi a une angine, le médecin lui a prescrit du repos. Il sera absent demain et jeudi.\n\nMerci de votre compréhension.\nCordialement,\nSophie Lacombe\n06 12 34 56 78\n12 rue des Tilleuls\n33000 Bordeaux",
              L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-09", "2029-10-11"), noActivity))
        t.add("Bonjour,\nZélie ne mangera pas à la cantine vendredi.\nBonne journée\n\nLe lun. 1 oct. 2029 à 08:12, Espace Famille <famille@ville-exemple.fr> a écrit :\n> Bonjour,\n> Marc-Antoine sera absent le 15/10.",
              V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        t.add("Zélie ne mangera pas à la cantine vendredi.\n\nLe 5 oct. 2029 à 18:40, Mairie <accueil@ville-exemple.fr> a écrit :\n> Inscrivez Marc-Antoine à la cantine lundi.",
              V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        t.add("Éloi sera absent demain\n\nEnvoyé de mon iPhone", L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("Éloi sera absent demain.\n\nEnvoyé de mon iPhone\n\n> Le 1 oct. 2029 à 10:00, Espace Famille a écrit :\n> Éloi est inscrit à la cantine le 12/10.",
              L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("Merci d'annuler la garderie du soir d'Éloi jeudi.\n--\nSophie Lacombe\nTél. 06 98 76 54 32\n8 allée des Cerisiers 33600 Pessac",
              L, mon, .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), soir))
        t.add("Éloi sera absent demain.\n\nSophie Lacombe\n07 11 22 33 44", L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("Bonjour,\n\nLes jumeaux ont la gastro depuis hier soir. Ils resteront à la maison aujourd'hui et demain.\nJe vous transmets le certificat dès que possible.\n\nBien à vous,\nClaire Morvan\n06 01 02 03 04",
              M, mon, .certain(.absence, ["Lison", "Côme"], W.days("2029-10-08", "2029-10-09")))
        // The afternoon only, or the whole day? Absences are whole days: asked.
        t.add("Bonjour,\nInaya a rendez-vous chez l'orthodontiste jeudi après-midi, elle ne sera pas à l'école.\nMerci,\nNadia Benali",
              B, mon, .unsure(.absence, ["Inaya"], W.days("2029-10-11")))
        t.add("Bonsoir,\nAglaé ne mangera pas à la cantine demain, je viendrai la chercher à midi.\nTiméo et Inaya mangeront normalement.\nBonne soirée\nNadia",
              B, mon, .certain(.cancellation, ["Aglaé"], tomorrow, cantine), .unsure(.reservation, ["Inaya", "Timéo"], tomorrow))
        t.add("Madame, Monsieur,\n\nJe vous informe que Marc-Antoine sera absent du lundi 15 au mercredi 17 octobre inclus pour raison familiale.\n\nVeuillez agréer mes salutations distinguées.\n\nM. Vasseur",
              V, mon, .certain(.absence, ["Marc-Antoine"], W.span("2029-10-15", "2029-10-17")))
        t.add("Bonjour,\n\n> Le 2 oct. 2029, Espace Famille a écrit :\n> Marc-Antoine est inscrit à la cantine.\n\nMerci d'inscrire Zélie à la cantine jeudi 11 octobre.",
              V, mon, .certain(.reservation, ["Zélie"], W.days("2029-10-11"), cantine))
        t.add("Bonjour,\nPouvez-vous inscrire Éloi à la garderie du matin lundi 15 et mardi 16 octobre ? Je commence tôt ces jours-là.\nMerci d'avance\nS. Lacombe\n05 56 00 11 22",
              L, mon, .certain(.reservation, ["Éloi"], W.days("2029-10-15", "2029-10-16"), matin))
        t.add("Bonjour,\nÉloi sera absent demain.\n\n-----Message d'origine-----\nDe : Espace Famille <famille@ville-exemple.fr>\nEnvoyé : lundi 1 octobre 2029\nObjet : Éloi\nÉloi est inscrit mercredi 10.",
              L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("Hello,\n\nZélie has a temperature, she will stay home tomorrow.\n\nBest regards,\nPaul Vasseur\n+33 6 55 44 33 22\n3 rue du Port, 33000 Bordeaux",
              V, mon, .certain(.absence, ["Zélie"], tomorrow))
        t.add("Hi,\nPlease cancel Côme's lunch on Friday.\nThanks\n\nOn Mon, 1 Oct 2029 at 09:00, Espace Famille <famille@ville-exemple.fr> wrote:\n> Côme is booked for lunch on 12/10.",
              M, mon, .certain(.cancellation, ["Côme"], W.days("2029-10-12"), cantine))
        t.add("Éloi sera absent demain.\n\nSent from my iPhone", L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("Bonjour,\nAnnulez la cantine de Timéo jeudi.\nD'autre part pouvez-vous m'envoyer mes factures ?\nCordialement\nNadia Benali",
              B, mon, .certain(.cancellation, ["Timéo"], W.days("2029-10-11"), cantine), .certain(.invoices))
        t.add("Bonjour\nÉloi sera absent demain, il a de la fièvre.\nAutre chose : voici mon nouveau numéro 06 45 78 12 90.\nMerci",
              L, mon, .certain(.absence, ["Éloi"], tomorrow), .certain(.contact))
        t.add("Bonjour,\nMerci pour votre réponse.\nÉloi sera donc absent vendredi.\nCordialement",
              L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-12")))
    }

    // MARK: - English and franglais

    private func english(_ t: ReadingTable) {
        let L = W.lacombe, V = W.vasseur, M = W.morvan, B = W.benali
        let mon = W.monday, tomorrow = W.days("2029-10-09"), fri = W.friday
        let ourSubject = "Re: Espace Famille : merci de confirmer [Réf. EF-K4PZ7QWA]"
        t.add("Hello, Zélie won't eat at the canteen on Fridays in November. Thanks", V, mon,
              .certain(.cancellation, ["Zélie"], W.days("2029-11-02", "2029-11-09", "2029-11-16", "2029-11-23", "2029-11-30"), cantine))
        t.add("Éloi is ill and will be absent tomorrow.", L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("Éloi will be absent from the 15th to the 17th of October.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17")))
        t.add("Éloi will be absent on the 16th of October.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-16")))
        t.add("Éloi is off sick until Wednesday.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-10")))
        t.add("Éloi will be back at school on Thursday, he's been ill since the weekend.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-10")))
        t.add("Zélie won't be coming to the after-school club this Thursday.", V, mon,
              .certain(.cancellation, ["Zélie"], W.days("2029-10-11"), soir))
        t.add("Please take Zélie off the canteen list for next week.", V, mon,
              .certain(.cancellation, ["Zélie"], W.span("2029-10-15", "2029-10-19"), cantine))
        t.add("Can you tell me how much I owe?", L, mon, .certain(.invoices))
        t.nothingApplied("Éloi will be absent on Thursday instead of Friday.", L, mon)
        t.add("I'd like to sign up for paperless billing, thanks.", L, mon, einvoice: true, .certain(.einvoice))
        t.add("Please book Éloi into the holiday club from 22nd to 26th October, mornings without lunch.", L, mon,
              .certain(.reservation, ["Éloi"], W.holidayOpenDays("2029-10-22", "2029-10-26"), vacances, matinSans))
        t.add("Zélie will not come to school on Thursday, she has a doctor's appointment.", V, mon, .certain(.absence, ["Zélie"], W.days("2029-10-11")))
        t.add("Marc-Antoine is sick, he will stay home until Friday.", V, mon, .certain(.absence, ["Marc-Antoine"], W.span("2029-10-08", "2029-10-12")))
        t.add("The twins will be absent on Thursday and Friday.", M, mon, .unsure(.absence, [], W.days("2029-10-11", "2029-10-12")))
        t.add("Please cancel Inaya's school lunch on Thursday.", B, mon, .certain(.cancellation, ["Inaya"], W.days("2029-10-11"), cantine))
        t.add("Timéo won't have lunch at the canteen tomorrow.", B, mon, .certain(.cancellation, ["Timéo"], tomorrow, cantine))
        t.add("Please book Éloi for the after-school club on Thursday.", L, mon, .certain(.reservation, ["Éloi"], W.days("2029-10-11"), soir))
        t.add("Could you book Zélie for the breakfast club on Monday 15 October?", V, mon, .certain(.reservation, ["Zélie"], W.days("2029-10-15"), matin))
        t.add("Please book Éloi for the holiday club from 22 to 26 October, full day with lunch.", L, fri,
              .certain(.reservation, ["Éloi"], W.span("2029-10-22", "2029-10-26"), vacances, journee))
        t.add("Please book Lison for the holiday club on Monday 22 October, morning with lunch.", M, fri,
              .certain(.reservation, ["Lison"], W.days("2029-10-22"), vacances, matinAvec))
        t.add("Please book Côme for the holiday club on Tuesday 23 October.", M, fri, .unsure(.reservation, ["Côme"]))
        t.add("Please send me my invoices.", B, mon, .certain(.invoices))
        t.add("Could you send me the bills I still have to pay?", L, mon, .certain(.invoices))
        t.add("I would like to receive e-invoices from now on.", M, mon, einvoice: true, .certain(.einvoice))
        t.add("Please send me a summary of my account.", B, mon, .certain(.summary))
        t.add("My activation key is K7PM-3XQR-8TWD.", L, mon, .certain(.activation))
        t.add("Yes", L, mon, repliesToUs: true, confirmation: true, .certain(.confirm))
        t.add("Yes, I confirm.", V, mon, subject: ourSubject, repliesToUs: true, confirmation: true, .certain(.confirm))
        t.add("No", M, mon, subject: ourSubject, repliesToUs: true, confirmation: false, .certain(.confirm))
        t.add("Yes", L, mon, .unsure(.confirm))
        t.nothingApplied("Éloi might be sick tomorrow.", L, mon)
        t.nothingApplied("If it snows, Zélie will stay home tomorrow.", V, mon)
        t.nothingApplied("I think Timéo will be absent on Friday.", B, mon)
        t.nothingApplied("Jasper will be absent tomorrow.", L, mon)
        t.add("Both children will be absent tomorrow.", V, mon, .certain(.absence, ["Zélie", "Marc-Antoine"], tomorrow))
        t.add("Inaya will be absent from Monday 15 to Wednesday 17 October.", B, mon, .certain(.absence, ["Inaya"], W.span("2029-10-15", "2029-10-17")))
        // Franglais.
        t.add("Éloi est sick, il restera à la maison today.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-08")))
        t.add("Zélie sera absente Thursday.", V, mon, .certain(.absence, ["Zélie"], W.days("2029-10-11")))
        t.add("Annulez la cantine de Côme Friday.", M, mon, .certain(.cancellation, ["Côme"], W.days("2029-10-12"), cantine))
        t.add("Hello, Timéo sera absent demain, il a de la fièvre. Thanks", B, mon, .certain(.absence, ["Timéo"], tomorrow))
    }

    // MARK: - Dates

    private func dates(_ t: ReadingTable) {
        let L = W.lacombe, V = W.vasseur, B = W.benali
        let mon = W.monday
        func eloi(_ phrase: String, _ ref: CivilDate, _ dates: [CivilDate]?, _ conf: Confidence = .certain, line: UInt = #line) {
            let e: Expect = conf == .certain ? .certain(.absence, ["Éloi"], dates, noActivity) : .unsure(.absence, ["Éloi"], dates)
            t.add("Éloi sera absent \(phrase).", L, ref, e, line: line)
        }
        func zelie(_ phrase: String, _ ref: CivilDate, _ dates: [CivilDate]?, line: UInt = #line) {
            t.add("Merci d'annuler la cantine de Zélie \(phrase).", V, ref, .certain(.cancellation, ["Zélie"], dates, cantine), line: line)
        }
        // Dictated dates in words, from Monday 8 October 2029.
        eloi("le dix-huit octobre", mon, W.days("2029-10-18"))
        eloi("le onze octobre", mon, W.days("2029-10-11"))
        eloi("le douze", mon, [], .unsure)
        eloi("le quinze octobre", mon, W.days("2029-10-15"))
        eloi("le jeudi dix-huit octobre", mon, W.days("2029-10-18"))
        eloi("le vingt-neuf novembre", mon, W.days("2029-11-29"))
        eloi("le trente novembre", mon, W.days("2029-11-30"))
        zelie("le seize octobre", mon, W.days("2029-10-16"))
        zelie("le dix-neuf octobre", mon, W.days("2029-10-19"))
        // Numeric dates.
        eloi("le 15/10", mon, W.days("2029-10-15"))
        eloi("le 15/10/2029", mon, W.days("2029-10-15"))
        eloi("le 15.10.2029", mon, W.days("2029-10-15"))
        eloi("le 2029-10-15", mon, W.days("2029-10-15"))
        eloi("du 15/10 au 17/10", mon, W.span("2029-10-15", "2029-10-17"))
        eloi("du 15/10/2029 au 19/10/2029", mon, W.span("2029-10-15", "2029-10-19"))
        eloi("les 15/10 et 18/10", mon, W.days("2029-10-15", "2029-10-18"))
        zelie("le 16/10", mon, W.days("2029-10-16"))
        zelie("le 9/10/29", mon, W.days("2029-10-09"))
        // Spans of weeks and months a parent may mean in several ways.
        t.nothingApplied("Éloi sera absent les deux dernières semaines d'octobre.", L, W.summerMonday)
        eloi("la dernière semaine de novembre", mon, W.span("2029-11-26", "2029-11-30"))
        t.nothingApplied("Éloi sera absent fin novembre.", L, mon)
        t.nothingApplied("Éloi sera absent début décembre.", L, mon)
        t.nothingApplied("Éloi sera absent mi-novembre.", L, mon)
        // Across a month end and a year end.
        eloi("du 29 novembre au 3 décembre", mon, W.span("2029-11-29", "2029-12-03"))
        eloi("du mercredi 31 octobre au lundi 5 novembre", mon, W.span("2029-10-31", "2029-11-05"))
        eloi("du 31 décembre au 4 janvier", W.yearEnd, W.span("2029-12-31", "2030-01-04"))
        eloi("du 7 au 11 janvier", W.yearEnd, W.span("2030-01-07", "2030-01-11"))
        eloi("lundi 7 janvier", W.yearEnd, W.days("2030-01-07"))
        eloi("la semaine du 7 janvier", W.yearEnd, W.span("2030-01-07", "2030-01-11"))
        eloi("le 7/01", W.yearEnd, W.days("2030-01-07"))
        eloi("du 31 janvier au 4 février", W.monthEnd, W.span("2030-01-31", "2030-02-04"))
        eloi("demain", W.monthEnd, W.days("2030-02-01"))
        eloi("lundi", W.monthEnd, W.days("2030-02-04"))
        eloi("la semaine prochaine", W.monthEnd, W.span("2030-02-04", "2030-02-08"))
        eloi("le 1er février", W.monthEnd, W.days("2030-02-01"))
        eloi("le premier février", W.monthEnd, W.days("2030-02-01"))
        eloi("le 28 février", W.monthEnd, W.days("2030-02-28"))
        eloi("le 29 février", W.monthEnd, [], .unsure)
        eloi("le mercredi 5 février", W.monthEnd, W.days("2030-02-05"), .unsure)
        // Saturday and Sunday reference days.
        let sat = W.saturday, sun = W.sunday
        eloi("lundi", sat, W.days("2029-10-15"))
        eloi("lundi et mardi", sat, W.days("2029-10-15", "2029-10-16"))
        eloi("la semaine prochaine", sat, W.span("2029-10-15", "2029-10-19"))
        eloi("le 15", sat, W.days("2029-10-15"))
        eloi("jeudi 18", sat, W.days("2029-10-18"))
        eloi("lundi", sun, W.days("2029-11-26"))
        eloi("demain", sun, W.days("2029-11-26"))
        eloi("la semaine prochaine", sun, W.span("2029-11-26", "2029-11-30"))
        eloi("du 29 novembre au 3 décembre", sun, W.span("2029-11-29", "2029-12-03"))
        eloi("vendredi 30", sun, W.days("2029-11-30"))
        eloi("mercredi 28 novembre", sun, W.days("2029-11-28"))
        eloi("jeudi 28 novembre", sun, W.days("2029-11-28"), .unsure)
        t.nothingApplied("Éloi sera absent ce week-end.", L, sun)
        t.nothingApplied("Éloi sera absent ce week-end.", L, W.friday)
        t.nothingApplied("Éloi ne viendra pas ce week-end.", L, sat)
        // Public holidays: read as written (the calendar refuses what is closed), or asked when named only.
        t.nothingApplied("Éloi sera absent le pont de l'Ascension.", L, W.june)
        // Weekday sets inside a period.
        t.add("Inaya mangera à la cantine le lundi et le jeudi du 15 octobre au 16 novembre.", B, mon,
              .certain(.reservation, ["Inaya"], W.weekdays("2029-10-15", "2029-11-16", [1, 4]), cantine))
        t.add("Inscrivez Timéo à la garderie du soir tous les mardis de novembre.", B, mon,
              .certain(.reservation, ["Timéo"], W.days("2029-11-06", "2029-11-13", "2029-11-20", "2029-11-27"), soir))
        t.add("Timéo sera absent toute la semaine prochaine.", B, mon, .certain(.absence, ["Timéo"], W.span("2029-10-15", "2029-10-19")))
        t.add("Timéo sera absent toute la semaine du 5 novembre.", B, mon, .certain(.absence, ["Timéo"], W.span("2029-11-05", "2029-11-09")))
        t.add("Timéo sera absent du vendredi 12 au mardi 16 octobre.", B, mon, .certain(.absence, ["Timéo"], W.span("2029-10-12", "2029-10-16")))
    }

    // MARK: - Holiday and Wednesday centre

    private func alsh(_ t: ReadingTable) {
        let L = W.lacombe, V = W.vasseur, M = W.morvan, B = W.benali
        let mon = W.monday, fri = W.friday, jun = W.june
        // Holiday centre, autumn, from the Friday before.
        t.add("Inscrivez Éloi au centre de loisirs lundi 22 octobre, matin avec repas.", L, fri,
              .certain(.reservation, ["Éloi"], W.days("2029-10-22"), vacances, matinAvec))
        t.add("Inscrivez Éloi au centre de loisirs mardi 23 octobre, l'après-midi sans repas.", L, fri,
              .certain(.reservation, ["Éloi"], W.days("2029-10-23"), vacances, apremSans))
        t.add("Inscrivez Éloi au centre de loisirs mercredi 24 octobre, journée complète.", L, fri,
              .certain(.reservation, ["Éloi"], W.days("2029-10-24"), vacances, journee))
        t.add("Inscrivez Éloi au centre de loisirs jeudi 25 octobre, le matin sans repas.", L, fri,
              .certain(.reservation, ["Éloi"], W.days("2029-10-25"), vacances, matinSans))
        t.add("Inscrivez Éloi au centre de loisirs vendredi 26 octobre, après-midi avec repas.", L, fri,
              .certain(.reservation, ["Éloi"], W.days("2029-10-26"), vacances, apremAvec))
        t.add("Inscrivez Éloi au centre de loisirs lundi 22 octobre, demi-journée.", L, fri, .unsure(.reservation, ["Éloi"]))
        t.add("Inscrivez Éloi au centre de loisirs lundi 22 octobre en demi-journée avec repas.", L, fri, .unsure(.reservation, ["Éloi"]))
        t.add("Inscrivez Éloi au centre de loisirs lundi 22 octobre.", L, fri, .unsure(.reservation, ["Éloi"]))
        t.add("Inscrivez Éloi au centre de loisirs du 29 octobre au 2 novembre, journée avec repas.", L, fri,
              .certain(.reservation, ["Éloi"], W.span("2029-10-29", "2029-11-02"), vacances, journee))
        t.add("Inscrivez Éloi au centre de loisirs la première semaine des vacances, matin avec repas.", L, fri,
              .certain(.reservation, ["Éloi"], W.span("2029-10-22", "2029-10-26"), vacances, matinAvec))
        t.add("Inscrivez les jumeaux au centre de loisirs la deuxième semaine des vacances, journée avec repas.", M, fri,
              .certain(.reservation, ["Lison", "Côme"], W.days("2029-10-29", "2029-10-30", "2029-10-31", "2029-11-02"), vacances, journee))
        t.add("Inscrivez Zélie au centre de loisirs lundi, mardi et jeudi, journée avec repas.", V, fri,
              .certain(.reservation, ["Zélie"], W.days("2029-10-22", "2029-10-23", "2029-10-25"), vacances, journee))
        t.add("Zélie ira à l'accueil de loisirs du 22 au 24 octobre, l'après-midi avec repas.", V, fri,
              .certain(.reservation, ["Zélie"], W.span("2029-10-22", "2029-10-24"), vacances, apremAvec))
        t.add("Inscrivez Marc-Antoine au centre de loisirs vacances le 22/10, journée avec repas.", V, fri,
              .certain(.reservation, ["Marc-Antoine"], W.days("2029-10-22"), vacances, journee))
        // Holiday centre, summer 2030, from 18 June.
        t.add("Inscrivez Inaya au centre de loisirs du 8 au 12 juillet, journée avec repas.", B, jun,
              .certain(.reservation, ["Inaya"], W.span("2030-07-08", "2030-07-12"), vacances, journee))
        t.add("Inscrivez Inaya au centre de loisirs la première semaine des vacances d'été, journée avec repas.", B, jun,
              .certain(.reservation, ["Inaya"], W.span("2030-07-08", "2030-07-12"), vacances, journee))
        t.add("Inscrivez Timéo et Aglaé au centre de loisirs du 29 juillet au 2 août, matin avec repas.", B, jun,
              .certain(.reservation, ["Timéo", "Aglaé"], W.span("2030-07-29", "2030-08-02"), vacances, matinAvec))
        t.add("Aglaé ira au centre de loisirs le 19/07/2030, après-midi sans repas.", B, jun,
              .certain(.reservation, ["Aglaé"], W.days("2030-07-19"), vacances, apremSans))
        t.add("Inscrivez Inaya au centre de loisirs toutes les vacances d'été, journée avec repas.", B, jun,
              .certain(.reservation, ["Inaya"], W.holidayOpenDays("2030-07-06", "2030-08-31"), vacances, journee))
        t.nothingApplied("Inscrivez Inaya au centre de loisirs tout le mois de juillet, journée avec repas.", B, jun)
        t.nothingApplied("Inscrivez Inaya au centre de loisirs les deux premières semaines d'août, journée avec repas.", B, jun)
        t.nothingApplied("Inscrivez Inaya au centre de loisirs cet été.", B, jun)
        t.add("Inscrivez Inaya au centre de loisirs du 8 au 12 juillet.", B, jun, .unsure(.reservation, ["Inaya"]))
        // Summer 2029, from 2 July 2029.
        t.add("Inscrivez Éloi au centre de loisirs du 9 au 13 juillet, journée avec repas.", L, W.summerMonday,
              .certain(.reservation, ["Éloi"], W.span("2029-07-09", "2029-07-13"), vacances, journee))
        t.add("Éloi sera absent du 2 au 6 juillet.", L, W.summerMonday, .certain(.absence, ["Éloi"], W.span("2029-07-02", "2029-07-06")))
        // Wednesday centre, from Monday 8 October.
        t.add("Inscrivez Zélie au centre de loisirs mercredi, journée avec repas.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-10-10"), mercredi, journee))
        t.add("Inscrivez Zélie au centre de loisirs du mercredi le 17 octobre, matin avec repas.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-10-17"), mercredi, matinAvec))
        t.add("Marc-Antoine ira au centre de loisirs mercredi 17 octobre, l'après-midi sans repas.", V, mon,
              .certain(.reservation, ["Marc-Antoine"], W.days("2029-10-17"), mercredi, apremSans))
        t.add("Inscrivez Éloi au centre de loisirs tous les mercredis de novembre, journée avec repas.", L, mon,
              .certain(.reservation, ["Éloi"], W.days("2029-11-07", "2029-11-14", "2029-11-21", "2029-11-28"), mercredi, journee))
        t.add("Inscrivez Éloi au centre de loisirs mercredi 17 octobre, demi-journée.", L, mon, .unsure(.reservation, ["Éloi"]))
        t.add("Inscrivez Éloi au centre de loisirs mercredi 17 et mercredi 24 octobre, journée avec repas.", L, mon,
              .unsure(.reservation, ["Éloi"], W.days("2029-10-17", "2029-10-24")))
        // "centre de loisirs" alone: the calendar decides.
        t.add("Inscrivez Lison au centre de loisirs le 17 octobre, journée avec repas.", M, mon,
              .certain(.reservation, ["Lison"], W.days("2029-10-17"), mercredi, journee))
        t.add("Inscrivez Lison au centre de loisirs le 24 octobre, journée avec repas.", M, mon,
              .certain(.reservation, ["Lison"], W.days("2029-10-24"), vacances, journee))
        // Cancellations: no slot.
        t.add("Annulez le centre de loisirs de Zélie mercredi 17 octobre.", V, mon,
              .certain(.cancellation, ["Zélie"], W.days("2029-10-17"), mercredi, noSlot))
        t.add("Zélie n'ira pas au centre de loisirs le 23 octobre.", V, fri,
              .certain(.cancellation, ["Zélie"], W.days("2029-10-23"), vacances, noSlot))
        t.add("Merci de désinscrire Côme du centre de loisirs du 29 au 31 octobre.", M, fri,
              .certain(.cancellation, ["Côme"], W.span("2029-10-29", "2029-10-31"), vacances, noSlot))
        t.add("Marc-Antoine ne viendra pas au centre de loisirs mercredi, il va chez sa tante.", V, mon,
              .certain(.cancellation, ["Marc-Antoine"], W.days("2029-10-10"), mercredi, noSlot))
        t.add("Côme est malade, il n'ira pas au centre de loisirs lundi 22 octobre.", M, fri,
              .certain(.absence, ["Côme"], W.days("2029-10-22"), noActivity))
        t.add("Please cancel Inaya's holiday club on 9 July.", B, jun,
              .certain(.cancellation, ["Inaya"], W.days("2030-07-09"), vacances, noSlot))
    }

    // MARK: - Other requests

    private func otherIntents(_ t: ReadingTable) {
        let L = W.lacombe, V = W.vasseur, M = W.morvan, B = W.benali
        let mon = W.monday
        t.add("Voici mon nouveau numéro de téléphone : 06 45 78 12 90.", L, mon, .certain(.contact))
        // Paying online is not the e-invoicing choice; what is owed is an invoices question; bookings asked about
        // are a summary; "comment inscrire …" asks how.
        t.add("Je souhaite payer ma facture en ligne.", L, mon, .certain(.invoices))
        t.add("Est-il possible de régler la cantine par carte sur internet ?", V, mon, .certain(.invoices))
        t.add("Je voudrais recevoir mes factures en ligne et les payer en ligne.", V, mon, einvoice: true, .certain(.einvoice))
        t.add("Combien je vous dois ?", L, mon, .certain(.invoices))
        t.add("Pouvez-vous m'envoyer un récapitulatif de mes réservations ?", B, mon, .certain(.summary))
        t.add("Quelles sont les inscriptions d'Inaya pour le mois de novembre ?", B, mon, .certain(.summary))
        t.add("Comment inscrire mon fils au centre de loisirs ?", L, mon, .certain(.help))
        t.add("Mon nouveau portable est le 07.81.22.45.90.", V, mon, .certain(.contact))
        t.add("Nous avons déménagé, notre nouvelle adresse est 4 impasse des Glycines, 33400 Talence.", M, mon, .certain(.contact))
        t.add("Ma nouvelle adresse mail est nadia.benali@exemple-mail.fr.", B, mon, .certain(.contact))
        t.add("Objet : Coordonnées\nTéléphone : 06 11 22 33 44\nAdresse : 9 rue des Lilas\nCode postal : 33000\nVille : Bordeaux", L, mon, .certain(.contact))
        t.add("Je souhaite recevoir mes factures par mail désormais.", L, mon, einvoice: true, .certain(.einvoice))
        t.add("Je souhaite revenir à la facture papier.", M, mon, einvoice: false, .certain(.einvoice))
        t.add("Envoyez-moi mes factures s'il vous plaît.", L, mon, .certain(.invoices))
        t.add("Pourriez-vous me renvoyer la facture d'octobre ?", V, mon, .certain(.invoices))
        t.add("Bonjour", M, mon, subject: "Factures", .certain(.invoices))
        t.add("Pouvez-vous m'envoyer l'état de mon compte famille ?", B, mon, .certain(.summary))
        t.add("Bonjour, je voudrais un récapitulatif de mes réservations.", L, mon, .certain(.summary))
        t.add("Comment fait-on pour inscrire un enfant à la cantine ?", V, mon, .certain(.help))
        t.add("Bonjour", M, mon, subject: "aide", .certain(.help))
        t.add("Ma clé d'activation : K7PM-3XQR-8TWD", L, mon, .certain(.activation))
        t.add("Voici la clé reçue par courrier : k7pm3xqr8twd", L, mon, .certain(.activation))
        t.add("Objet : Activation\nClé : K7PM 3XQR 8TWD", V, mon, .certain(.activation))
        t.add("Mes clés : K7PM-3XQR-8TWD et R2DF-9GHJ-4KLM.", L, mon, .unsure(.activation))
        t.add("Oui", L, mon, subject: "Re: Espace Famille : merci de confirmer [Réf. EF-K4PZ7QWA]", confirmation: true, .certain(.confirm))
        t.add("Oui merci 👍", V, mon, repliesToUs: true, confirmation: true, .certain(.confirm))
        t.add("Non, ce n'est pas ça.", M, mon, repliesToUs: true, confirmation: false, .certain(.confirm))
        t.add("Oui mais pour jeudi plutôt.", B, mon, repliesToUs: true, .unsure(.confirm), .unsure(.unknown))
        t.add("Merci, bonne journée !", L, mon, .unsure(.unknown))
    }

    // MARK: - Hostile or odd writing

    private func odd(_ t: ReadingTable) {
        let L = W.lacombe, V = W.vasseur, M = W.morvan, B = W.benali
        let mon = W.monday, tomorrow = W.days("2029-10-09")
        // Once read certain and wrong (review of this table): never again.
        t.add("Zélie won't eat at the canteen on Friday.", V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        t.add("Zélie will not eat at the canteen tomorrow.", V, mon, .certain(.cancellation, ["Zélie"], tomorrow, cantine))
        t.add("Éloi sera absent du quinze au dix-sept octobre.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-15", "2029-10-16", "2029-10-17")))
        t.add("Éloi sera absent le quinze et le seize octobre.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-15", "2029-10-16")))
        t.add("Éloi sera absent les quinze et seize octobre.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-15", "2029-10-16")))
        t.add("Inscrivez Zélie à la cantine du 12 au 16 novembre sauf les mercredis.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-11-12", "2029-11-13", "2029-11-15", "2029-11-16"), cantine))
        t.add("Zélie sera absente du 12 au 16 novembre sauf les jeudis.", V, mon,
              .certain(.absence, ["Zélie"], W.days("2029-11-12", "2029-11-13", "2029-11-14", "2029-11-16")))
        t.nothingApplied("Inscrivez Lison au centre de loisirs le jeudi 11 octobre, journée avec repas.", M, mon)
        t.nothingApplied("Éloi sera absent le lundi de Pentecôte.", L, W.june)
        // Movable feasts from Easter (21 April 2030): Ascension 30 May, its bridge 31 May, Whit Monday 10 June.
        t.add("Éloi ne mangera pas à la cantine toute la semaine de l'Ascension.", L, mon,
              .certain(.cancellation, ["Éloi"], W.days("2030-05-27", "2030-05-28", "2030-05-29", "2030-05-30", "2030-05-31"), cantine))
        t.add("Éloi sera absent le pont de l'Ascension.", L, mon, .certain(.absence, ["Éloi"], W.days("2030-05-31")))
        t.add("Éloi sera absent le mardi gras.", L, mon, .certain(.absence, ["Éloi"], W.days("2030-03-05")))
        t.add("Zélie ira à la garderie du soir à compter du lundi 20 mai et jusqu'au pont de l'Ascension.", V, W.june.adding(days: -40),
              .certain(.reservation, ["Zélie"], W.days("2030-05-20", "2030-05-21", "2030-05-22", "2030-05-23", "2030-05-24", "2030-05-25",
                                                      "2030-05-26", "2030-05-27", "2030-05-28", "2030-05-29", "2030-05-30", "2030-05-31"), soir))
        t.nothingApplied("Éloi sera absent pendant le pont du 11 novembre.", L, mon)
        t.nothingApplied("Il n'est pas impossible qu'Éloi soit absent demain.", L, mon)
        t.add("Je ne veux plus de factures papier, merci de passer à la facture en ligne.", V, mon, einvoice: true, .certain(.einvoice))
        t.add("I would like to go paperless for my invoices.", V, mon, einvoice: true, .certain(.einvoice))
        t.add("Objet : Facture en ligne\nFacture en ligne : non", V, mon, einvoice: false, .certain(.einvoice))
        t.add("Objet : Facture en ligne\nFacture en ligne : oui", V, mon, einvoice: true, .certain(.einvoice))
        t.add("ÉLOI SERA ABSENT DEMAIN.", L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("ANNULEZ LA CANTINE DE ZELIE VENDREDI 12 OCTOBRE SVP", V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        t.add("Zelie sera absente demain, elle a de la fievre.", V, mon, .certain(.absence, ["Zélie"], tomorrow))
        t.add("Marc Antoine ne mangera pas a la cantine jeudi.", V, mon, .certain(.cancellation, ["Marc-Antoine"], W.days("2029-10-11"), cantine))
        t.add("Timeo et Aglae seront absents demain.", B, mon, .certain(.absence, ["Timéo", "Aglaé"], tomorrow))
        t.add("come sera absent demain", M, mon, .certain(.absence, ["Côme"], tomorrow))
        t.nothingApplied("eloi sera pa la dmain", L, mon)
        t.add("eloi mangera pa a la cantinne jeudi", L, mon, .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), cantine))
        t.nothingApplied("zelie pa a la cantine dmain stp", V, mon)
        t.nothingApplied("Éloi sera absent 2main.", L, mon)
        t.add("Éloi est malade 🤒 il reste à la maison demain 🙏", L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("😷 Zélie sera absente jeudi 😷", V, mon, .certain(.absence, ["Zélie"], W.days("2029-10-11")))
        t.add("Bonjour, suite à une sortie prévue de longue date chez les grands-parents qui habitent loin et que les enfants n'ont pas vus depuis l'été, et comme le voyage en train est long et que nous partons tôt le matin, Éloi sera absent vendredi 12 octobre, merci de votre compréhension et bonne journée à toute l'équipe.",
              L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-12")))
        t.add("Éloi sera absent demain. Pouvez-vous aussi m'envoyer mes factures ?", L, mon,
              .certain(.absence, ["Éloi"], tomorrow), .certain(.invoices))
        t.add("Éloi sera absent demain et je souhaite recevoir mes factures par mail.", L, mon,
              .certain(.absence, ["Éloi"], tomorrow), .certain(.einvoice))
        t.add("Zélie sera absente jeudi. Marc-Antoine mangera à la cantine vendredi.", V, mon,
              .certain(.absence, ["Zélie"], W.days("2029-10-11")), .certain(.reservation, ["Marc-Antoine"], W.days("2029-10-12"), cantine))
        // Other people's children, other writers.
        t.nothingApplied("Le fils de notre voisin, Léandre, sera absent demain.", L, mon)
        t.nothingApplied("Pouvez-vous inscrire la cousine d'Éloi à la cantine jeudi ?", L, mon)
        t.nothingApplied("Léandre Dumas, sera absent demain.", L, mon)
        t.add("Éloi et son copain Léandre seront absents demain.", L, mon, .unsure(.absence, ["Éloi"], tomorrow))
        t.add("Éloi ira à l'anniversaire de son copain Nathan vendredi, il ne mangera pas à la cantine.", L, mon,
              .certain(.cancellation, ["Éloi"], W.days("2029-10-12"), cantine))
        t.nothingApplied("Je suis la nounou d'Éloi, je serai absente demain.", L, mon)
        t.nothingApplied("La nounou sera absente demain, Éloi ira à la garderie.", L, mon)
        t.add("Bonjour, je suis la grand-mère d'Éloi. Il est malade et restera chez moi demain.", L, mon,
              .certain(.absence, ["Éloi"], tomorrow))
        t.nothingApplied("Mamie sera absente demain.", L, mon)
        // Conditions, hedges.
        t.nothingApplied("Si la grève est confirmée, Éloi ne mangera pas à la cantine jeudi.", L, mon)
        t.nothingApplied("En cas de grève jeudi, Zélie ne viendra pas.", V, mon)
        t.nothingApplied("Je crois qu'Éloi sera absent demain.", L, mon)
        t.nothingApplied("Éloi sera normalement absent vendredi.", L, mon)
        t.nothingApplied("Éloi sera absent demain, je vous tiens au courant.", L, mon)
        t.nothingApplied("Éloi sera absent demain ou après-demain.", L, mon)
        t.nothingApplied("Éloi ne sera pas absent demain finalement.", L, mon)
        t.nothingApplied("Éloi n'est plus malade, il reviendra demain.", L, mon)
        t.nothingApplied("Éloi est-il inscrit à la cantine jeudi ?", L, mon)
        t.nothingApplied("Zélie a été absente la semaine dernière.", V, mon)
        // Corrections.
        t.add("Éloi sera absent jeudi, non pardon, vendredi.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-12")))
        t.add("Éloi sera absent le 15 octobre. Correction : le 16.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-16")))
        t.add("Éloi sera absent le 15 octobre. Je me suis trompée, c'est le 16 et non le 15.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-10-16")))
        t.nothingApplied("Zélie sera absente demain. Laissez tomber, elle va mieux.", V, mon)
        t.nothingApplied("Annulez la cantine d'Éloi jeudi. Oubliez ce message.", L, mon)
        // Families and pronouns.
        t.nothingApplied("Mon fils sera absent demain.", V, mon)
        t.add("Mon fils sera absent demain.", L, mon, .certain(.absence, ["Éloi"], tomorrow))
        t.add("Les jumeaux ne mangeront pas à la cantine jeudi.", M, mon,
              .certain(.cancellation, ["Lison", "Côme"], W.days("2029-10-11"), cantine))
        t.nothingApplied("Les jumeaux ne mangeront pas à la cantine jeudi.", B, mon)
        t.nothingApplied("Les deux grands seront absents demain.", B, mon)
        t.add("Mes trois enfants seront absents vendredi.", B, mon, .certain(.absence, ["Inaya", "Timéo", "Aglaé"], W.days("2029-10-12")))
        t.add("Inaya sera absente demain, Timéo aussi.", B, mon, .certain(.absence, ["Inaya", "Timéo"], tomorrow))
        t.nothingApplied("Inaya sera absente demain, Timéo viendra.", B, mon)
        t.add("Bonjour, elle sera absente demain.", B, mon, subject: "Absence Aglaé", .certain(.absence, ["Aglaé"], tomorrow))
        t.nothingApplied("Bonjour, elle sera absente demain.", B, mon)

        // More, from the review.
        t.add("Facture en ligne : oui", L, mon, subject: "Facture en ligne", einvoice: true, .certain(.einvoice))
        t.add("Je veux la facture en ligne.", V, mon, einvoice: true, .certain(.einvoice))
        t.add("Éloi sera absent du quinze octobre au dix-sept octobre.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17")))
        t.add("Timéo sera absent tout le mois de novembre.", B, mon, .certain(.absence, ["Timéo"], W.span("2029-11-01", "2029-11-30")))
        t.add("Please book Éloi for the after-school club every Tuesday in November.", L, mon,
              .certain(.reservation, ["Éloi"], W.days("2029-11-06", "2029-11-13", "2029-11-20", "2029-11-27"), soir))
        t.add("Éloi will be absent next week.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-19")))
        t.add("Éloi will stay home from 15 to 17 October.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17")))
        t.add("Marc-Antoine sera absent lundi 15, il a un rendez-vous chez l'ORL.", V, mon, .certain(.absence, ["Marc-Antoine"], W.days("2029-10-15")))
        t.add("Annulez la garderie du matin d'Éloi toute la semaine prochaine.", L, mon,
              .certain(.cancellation, ["Éloi"], W.span("2029-10-15", "2029-10-19"), matin))
        t.add("Inscrivez Éloi à la cantine les mardis et vendredis de novembre.", L, mon,
              .certain(.reservation, ["Éloi"], W.weekdays("2029-11-01", "2029-11-30", [2, 5]), cantine))
        t.add("Éloi sera absent du vendredi 9 au lundi 12 novembre.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-11-09", "2029-11-12")))
        t.add("D'accord merci", L, mon, repliesToUs: true, confirmation: true, .certain(.confirm))
        t.add("OK 👍", V, mon, repliesToUs: true, confirmation: true, .certain(.confirm))
        t.add("Ok mais seulement pour Zélie", V, mon, repliesToUs: true, .unsure(.confirm))
        t.add("Non merci", M, mon, repliesToUs: true, confirmation: false, .certain(.confirm))
        t.nothingApplied("Inscrivez Éloi au centre de loisirs lundi 22 octobre de 9h à 12h.", L, W.friday)
        t.add("Éloi ira au centre de loisirs lundi 22 octobre le matin avec le repas.", L, W.friday,
              .certain(.reservation, ["Éloi"], W.days("2029-10-22"), vacances, matinAvec))
        t.add("Inscrivez Éloi au centre de loisirs lundi 22 octobre, journée entière avec repas.", L, W.friday,
              .certain(.reservation, ["Éloi"], W.days("2029-10-22"), vacances, journee))
        t.nothingApplied("Inscrivez Éloi au centre de loisirs lundi 22 octobre, journée sans repas.", L, W.friday)
        t.nothingApplied("Éloi sera absent demain matin ou demain après-midi, je ne sais pas encore.", L, mon)
        t.add("Inscrivez Côme à la garderie du soir jeudi 11 et vendredi 12 octobre.", M, mon,
              .certain(.reservation, ["Côme"], W.days("2029-10-11", "2029-10-12"), soir))
        t.add("Zélie won't have lunch at school on 15/10.", V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-15"), cantine))
        t.add("Inscrivez Zélie à la cantine du 5 au 16 novembre sauf le mercredi.", V, mon,
              .certain(.reservation, ["Zélie"], W.span("2029-11-05", "2029-11-16").filter { $0.weekday != 3 }, cantine))
        t.add("Aglaé sera absente vendredi 2 novembre.", B, W.friday, .certain(.absence, ["Aglaé"], W.days("2029-11-02")))
    }

    // MARK: - Days back, moved bookings, weeks of a month or of holidays

    private func returnsAndMoves(_ t: ReadingTable) {
        let L = W.lacombe, V = W.vasseur
        let mon = W.monday
        // Only the day back is said, and the child is away now: from today to the last weekday before it.
        t.add("Éloi est malade, il reviendra jeudi.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-10"), noActivity))
        t.add("Éloi a une otite, il ne retournera pas à l'école avant lundi prochain.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-12"), noActivity))
        t.add("Éloi reprendra l'école jeudi 11, il a la grippe.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-10"), noActivity))
        t.add("Il a de la fièvre depuis cette nuit : Éloi ne viendra pas avant mercredi.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-09"), noActivity))
        // Ill now, said in another sentence: "jusqu'à vendredi" starts today; an appointment is not an illness.
        t.add("Éloi a attrapé la grippe ce week-end. Le médecin lui a prescrit du repos. Il ne viendra donc pas à l'école jusqu'à vendredi inclus.",
              L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-12"), noActivity))
        t.nothingApplied("Éloi a rendez-vous chez le médecin mercredi. Il ne viendra pas à l'école jusqu'à vendredi.", L, mon)
        // A day back with nothing saying the child is away is not an absence by itself.
        t.nothingApplied("Éloi reprendra l'école jeudi 11.", L, mon)
        // A week qualifier after a list of weekdays covers the whole list.
        t.add("Éloi sera absent jeudi et vendredi de la semaine prochaine.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-10-18", "2029-10-19"), noActivity))
        t.add("Zélie ne mangera pas à la cantine lundi et mardi de la semaine prochaine.", V, W.friday,
              .certain(.cancellation, ["Zélie"], W.days("2029-10-22", "2029-10-23"), cantine))
        // A booking moved from another day: the day left is cancelled when the swap is said, asked otherwise.
        t.add("Inscrivez Zélie à la cantine jeudi au lieu de vendredi.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-10-11"), cantine),
              .certain(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        t.add("Zélie ira à la cantine jeudi et pas vendredi.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-10-11"), cantine),
              .unsure(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        // An absence moved from a day told in another mail: asked.
        t.nothingApplied("Éloi sera absent jeudi et non vendredi.", L, mon)
        // "la première semaine" of holidays named earlier in the sentence.
        t.add("Pour les vacances de la Toussaint, inscrivez Éloi au centre de loisirs la première semaine, journée avec repas.", L, mon,
              .certain(.reservation, ["Éloi"], W.holidayOpenDays("2029-10-22", "2029-10-26"), vacances, journee))
        // A month's first or last week is a school week; one only partly in the month is asked.
        t.add("Éloi sera absent la première semaine de décembre.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-12-03", "2029-12-07"), noActivity))
        t.nothingApplied("Éloi sera absent la première semaine de novembre.", L, mon)
        t.nothingApplied("Éloi sera absent la dernière semaine d'octobre.", L, mon)
        // Ranges written with "le" for "du"; "d'ici"; "qui vient"; a week away is not a day.
        t.add("Éloi sera absent le lundi 15 octobre au mercredi 17 octobre.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17"), noActivity))
        t.add("Éloi sera absent le 15 au 17.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17"), noActivity))
        t.add("Éloi sera absent jeudi qui vient.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-11"), noActivity))
        t.nothingApplied("Éloi sera absent d'ici vendredi.", L, mon)
        t.add("Éloi a la grippe, il restera à la maison d'ici vendredi.", L, mon,
              .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-12"), noActivity))
        t.nothingApplied("Éloi sera absent dans deux semaines.", L, mon)
        t.nothingApplied("Zélie ne mangera pas à la cantine dans 3 semaines.", V, mon)
        // "ce jour-là" after a sentence that only told a day (no request before it).
        t.add("Sa mère a inscrit Zélie à la cantine le jeudi 11 octobre, mais ce jour-là je la garde. Merci d'annuler la cantine pour ce jour-là.",
              V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-11"), cantine))
        t.add("Zélie est inscrite au centre le mercredi 17 octobre. Elle sera chez son père, merci d'annuler le centre ce jour-là.",
              V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-17"), mercredi))
        // A day number alone takes the month named before it; an exception inside a range of another month.
        t.add("Éloi sera absent du 22 au 26 octobre, sauf le 24.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-10-22", "2029-10-23", "2029-10-25", "2029-10-26"), noActivity))
        t.add("Éloi sera absent du 12 au 16 novembre sauf le mercredi 14.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-11-12", "2029-11-13", "2029-11-15", "2029-11-16"), noActivity))
        t.add("Éloi viendra au centre de loisirs le 22 octobre et le 23, journée avec repas.", L, mon,
              .certain(.reservation, ["Éloi"], W.days("2029-10-22", "2029-10-23"), vacances, journee))
        t.add("Éloi sera absent le 31 octobre et le 2.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-31", "2029-11-02"), noActivity))
        t.add("Zélie mangera à la cantine les 15, 16 et 18 octobre, mais pas le 17.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-10-15", "2029-10-16", "2029-10-18"), cantine))
        t.add("Zélie mangera à la cantine toute la semaine du 15 octobre sauf mercredi et vendredi.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-10-15", "2029-10-16", "2029-10-18"), cantine))
        // The sentence after: more days ("et aussi le 16"), or a day the child comes after all.
        t.add("Éloi sera absent le 15 octobre. Et aussi le 16.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-10-15", "2029-10-16"), noActivity))
        t.add("Éloi sera absent du 12 au 16 novembre. Il viendra quand même le 14.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-11-12", "2029-11-13", "2029-11-15", "2029-11-16"), noActivity))
        // Ranges with a hyphen or without "du".
        t.add("Éloi sera absent du 15-17 octobre.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17"), noActivity))
        t.add("Éloi sera absent 15-17 oct.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17"), noActivity))
        t.add("Éloi sera absent 15 octobre au 17 octobre.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17"), noActivity))
        t.add("Éloi sera absent 15/10 - 17/10.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17"), noActivity))
        t.add("Éloi sera absent lundi 15 - mercredi 17.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-15", "2029-10-17"), noActivity))
        t.add("Éloi sera absent demain jusqu'à vendredi.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-09", "2029-10-12"), noActivity))
        t.nothingApplied("Éloi sera absent lundi/mardi.", L, mon)
        // "tous les jours" within a period; an exception said before the period still frames it.
        let term = W.weekdays("2029-10-15", "2029-10-19", [1, 2, 3, 4, 5])
        t.add("Zélie mangera à la cantine tous les jours la semaine prochaine sauf mercredi.", V, mon,
              .certain(.reservation, ["Zélie"], term.filter { $0.weekday != 3 }, cantine))
        t.add("Zélie mangera à la cantine tous les jours sauf le mercredi à partir du 15 octobre jusqu'aux vacances.", V, mon,
              .certain(.reservation, ["Zélie"], W.weekdays("2029-10-15", "2029-10-19", [1, 2, 4, 5]), cantine))
        t.add("Zélie mangera à la cantine le lundi et le jeudi sauf le 18 octobre à partir du 8 octobre jusqu'aux vacances.", V, mon,
              .certain(.reservation, ["Zélie"], W.days("2029-10-08", "2029-10-11", "2029-10-15"), cantine))
        t.add("Éloi ira à la garderie tous les soirs la semaine prochaine.", L, mon, .certain(.reservation, ["Éloi"], term, soir))
        t.nothingApplied("Éloi ira à la cantine tous les jours.", L, mon)
        // Children named apart get one request only when joined ("et … aussi"); per-child days after a list.
        let B3 = W.benali, M2 = W.morvan
        t.nothingApplied("Lison ne mange pas à la cantine jeudi, Côme oui.", M2, mon)
        t.nothingApplied("Côme ne sera pas à la garderie du soir jeudi, c'est Lison qui viendra le chercher.", M2, mon)
        t.add("Lison sera absente demain et Côme aussi.", M2, mon, .certain(.absence, ["Lison", "Côme"], W.days("2029-10-09"), noActivity))
        t.add("Inaya ira à la garderie le matin jeudi et vendredi, Timéo seulement vendredi.", B3, mon,
              .certain(.reservation, ["Inaya"], W.days("2029-10-11", "2029-10-12"), matin),
              .certain(.reservation, ["Timéo"], W.days("2029-10-12"), matin))
        t.add("Éloi sera absent mardi 9 et mercredi 10 et il n'ira pas à la cantine jeudi 11.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-10-09", "2029-10-10"), noActivity),
              .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), cantine))
        // A weekday and a day number said apart are one day, checked.
        t.nothingApplied("Éloi won't have school lunch on Monday the 11th.", L, mon)
        t.add("Éloi won't have lunch on Thursday the 11th.", L, mon, .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), cantine))
        t.nothingApplied("Éloi ne mangera pas à la cantine le 11, un lundi.", L, mon)
        t.add("Éloi ne mangera pas à la cantine jeudi le 11.", L, mon, .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), cantine))
        // Requests said again in short sentences; a re-booking; what is not an absence.
        t.add("Merci d'annuler la cantine de Zélie jeudi 11. Par contre merci de la réinscrire vendredi 19.", V, mon,
              .certain(.cancellation, ["Zélie"], W.days("2029-10-11"), cantine), .certain(.reservation, ["Zélie"], W.days("2029-10-19"), cantine))
        t.add("Éloi sera absent jeudi. Même chose vendredi.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-11", "2029-10-12"), noActivity))
        t.add("Éloi ne mangera pas à la cantine jeudi. Ni vendredi. Ni lundi.", L, mon,
              .certain(.cancellation, ["Éloi"], W.days("2029-10-11", "2029-10-12", "2029-10-15"), cantine))
        t.add("Éloi ne mangera pas à la cantine jeudi, il a un pique-nique avec la classe. Ce n'est pas une absence.", L, mon,
              .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), cantine))
        t.add("Éloi sera absent d'aujourd'hui à mercredi inclus.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-10"), noActivity))
        t.add("Éloi is off sick, he won't be in until Thursday.", L, mon, .certain(.absence, ["Éloi"], W.span("2029-10-08", "2029-10-10")))
        t.add("Hello, we have a new phone number: 07 11 22 33 44. Also Éloi is sick today.", L, mon,
              .certain(.contact), .certain(.absence, ["Éloi"], W.days("2029-10-08")))
        t.add("I'd like to switch to electronic invoices please.", L, mon, einvoice: true, .certain(.einvoice))
        // A booking and a cancellation of the same day left unreconciled, or a day from an earlier mail taken back: asked.
        t.nothingApplied("Éloi ne mangera pas à la cantine jeudi et vendredi. Non, en fait il mangera vendredi.", L, mon)
        t.nothingApplied("Dans mon mail de ce matin j'ai écrit jeudi, mais c'est vendredi qu'Éloi ne mangera pas à la cantine.", L, mon)
        // "jusqu'à fin octobre" ends a period; a habit that stops with no period is asked.
        t.add("Zélie ne mangera pas à la cantine le jeudi jusqu'à fin octobre.", V, mon,
              .certain(.cancellation, ["Zélie"], W.weekdays("2029-10-08", "2029-10-31", [4]), cantine))
        t.nothingApplied("Zélie ne mangera plus à la cantine le vendredi, c'est définitif.", V, mon)
        // Weeks ahead name a week; "là-bas" points elsewhere; English "next Thursday" is asked like French.
        t.add("Éloi sera absent dans deux semaines, le lundi.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-22"), noActivity))
        t.add("Éloi will be absent in two weeks, on the Monday.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-22")))
        t.nothingApplied("Éloi sera absent dans 2 semaines.", L, mon)
        t.nothingApplied("Éloi won't have lunch at school next Thursday.", L, mon)
        t.add("Éloi va au centre de loisirs mercredi 10 le matin avec repas. Il ne mangera pas là-bas.", L, mon,
              .unsure(.reservation, ["Éloi"], W.days("2029-10-10"), mercredi), .unsure(.cancellation, ["Éloi"], W.days("2029-10-10"), cantine))
        // Several activities with their own days in one sentence: asked (never each activity on every day).
        t.nothingApplied("La semaine prochaine Éloi ne mangera pas à la cantine lundi, et il n'ira pas à la garderie du soir vendredi.", L, mon)
        t.add("Éloi ira à la cantine et à la garderie du soir jeudi et vendredi.", L, mon,
              .certain(.reservation, ["Éloi"], W.days("2029-10-11", "2029-10-12"), cantine),
              .certain(.reservation, ["Éloi"], W.days("2029-10-11", "2029-10-12"), soir))
        // A postscript under the signature is read; "ses frères" asks which children.
        t.add("Bonjour,\nÉloi sera absent jeudi.\nCordialement,\nSophie Lacombe\n06 12 34 56 78\n\nPS : il n'ira pas non plus à la garderie du soir vendredi.",
              L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-11"), noActivity),
              .certain(.cancellation, ["Éloi"], W.days("2029-10-12"), soir))
        t.nothingApplied("Inaya et ses frères ne mangeront pas à la cantine vendredi.", W.benali, mon)
        // The number says which weekday; an afternoon pick-up is the evening care; colloquial canteen words.
        t.add("Éloi sera absent mardi prochain, le 16.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-16"), noActivity))
        t.add("Je viendrai chercher Éloi à 16h30 jeudi, il n'ira pas à la garderie.", L, mon,
              .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), soir))
        t.add("Pas de self pour Éloi jeudi.", L, mon, .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), cantine))
        t.add("Éloi won't be at the breakfast club on Thursday.", L, mon, .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), matin))
        // A correction said to oneself; "voire" leaves a day open.
        t.add("Éloi sera absent jeudi 11, euh non, vendredi 12.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-12"), noActivity))
        t.add("Éloi sera absent jeudi. Oups, je voulais dire vendredi.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-12"), noActivity))
        t.nothingApplied("Éloi sera absent jeudi, voire vendredi.", L, mon)
        // A slot per day, asked; "le premier lundi" of nothing named is asked; of the holidays it is read.
        t.add("Éloi viendra au centre le 22 octobre le matin sans repas et le 23 toute la journée.", L, mon,
              .unsure(.reservation, ["Éloi"], W.days("2029-10-22", "2029-10-23"), vacances))
        t.nothingApplied("Éloi sera absent le premier lundi.", L, mon)
        t.add("Inscrivez Éloi au centre le premier lundi des vacances de la Toussaint, journée avec repas.", L, mon,
              .certain(.reservation, ["Éloi"], W.days("2029-10-22"), vacances, journee))
        // The Wednesday of a holiday week is the holiday centre's.
        t.add("Inscription d'Éloi au centre de loisirs le mercredi 24 octobre, journée complète.", L, mon,
              .certain(.reservation, ["Éloi"], W.days("2029-10-24"), vacances, journee))
        // Three children, three days; one of a group is asked.
        let B = W.benali, M = W.morvan
        t.add("Inaya sera absente jeudi, Timéo vendredi et Aglaé lundi.", B, mon,
              .certain(.absence, ["Inaya"], W.days("2029-10-11"), noActivity),
              .certain(.absence, ["Timéo"], W.days("2029-10-12"), noActivity),
              .certain(.absence, ["Aglaé"], W.days("2029-10-15"), noActivity))
        t.add("Merci d'annuler la cantine d'Inaya jeudi, de Timéo vendredi et d'Aglaé lundi.", B, mon,
              .certain(.cancellation, ["Inaya"], W.days("2029-10-11"), cantine),
              .certain(.cancellation, ["Timéo"], W.days("2029-10-12"), cantine),
              .certain(.cancellation, ["Aglaé"], W.days("2029-10-15"), cantine))
        t.nothingApplied("Un des jumeaux sera absent jeudi.", M, mon)
        t.nothingApplied("Une de mes filles sera absente jeudi.", B, mon)
        t.nothingApplied("L'un de mes enfants sera absent jeudi.", B, mon)
        // Days of something else: a call or a mail, a birth date, when the parent will write again.
        t.add("Suite à notre conversation téléphonique du 5 octobre, je vous confirme qu'Éloi sera absent le 15.", L, mon,
              .certain(.absence, ["Éloi"], W.days("2029-10-15"), noActivity))
        t.add("Éloi, né le 02/06/2020, sera absent jeudi.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-11"), noActivity))
        t.add("Je vous ai écrit un mail le 1er octobre resté sans réponse : Zélie ne mangera pas à la cantine le 12.", V, mon,
              .certain(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        t.add("Éloi sera absent jeudi, je vous le confirme demain.", L, mon, .unsure(.absence, ["Éloi"], W.days("2029-10-11")))
        // Where the child will not go: school is an absence; a place or event outside the service is asked.
        t.add("Éloi n'ira pas en classe jeudi.", L, mon, .certain(.absence, ["Éloi"], W.days("2029-10-11"), noActivity))
        t.nothingApplied("Éloi n'ira pas à la piscine jeudi.", L, mon)
        t.nothingApplied("Zélie ne participera pas à la sortie au musée jeudi.", V, mon)
        t.nothingApplied("Marc-Antoine n'ira pas au judo jeudi.", V, mon)
        // Eating at home is no canteen that day; "APS" is the périscolaire.
        t.add("Zélie mangera à la maison vendredi.", V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-12"), cantine))
        t.add("Zélie prendra son repas chez sa grand-mère jeudi.", V, mon, .certain(.cancellation, ["Zélie"], W.days("2029-10-11"), cantine))
        t.add("Éloi n'ira pas à l'APS du soir jeudi.", L, mon, .certain(.cancellation, ["Éloi"], W.days("2029-10-11"), soir))
        t.add("Merci d'inscrire Éloi à l'APS le matin du 15 octobre.", L, mon, .certain(.reservation, ["Éloi"], W.days("2029-10-15"), matin))
    }

    private func allRows() -> ReadingTable {
        let t = ReadingTable()
        wholeMails(t); english(t); dates(t); alsh(t); otherIntents(t); odd(t); returnsAndMoves(t)
        return t
    }

    func testAtLeastTwoHundredTwentyRows() {
        XCTAssertGreaterThanOrEqual(allRows().rows.count, 220)
    }

    func testWholeMails() { let t = ReadingTable(); wholeMails(t); runTable(t) }
    func testEnglish() { let t = ReadingTable(); english(t); runTable(t) }
    func testDates() { let t = ReadingTable(); dates(t); runTable(t) }
    func testHolidayAndWednesdayCentre() { let t = ReadingTable(); alsh(t); runTable(t) }
    func testOtherIntents() { let t = ReadingTable(); otherIntents(t); runTable(t) }
    func testOddWriting() { let t = ReadingTable(); odd(t); runTable(t) }
    func testDaysBackMovesAndWeeks() { let t = ReadingTable(); returnsAndMoves(t); runTable(t) }
}
