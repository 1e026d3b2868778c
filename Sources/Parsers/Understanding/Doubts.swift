/// The questions put to a parent when a request is unsure. French, addressed to the parent, one missing thing each.
enum Doubts {
    static let holidaysNotFound =
        "Nous ne trouvons pas ces vacances dans le calendrier de l’accueil de loisirs : pouvez-vous indiquer les dates ?"
    static let whichWeek = "De quelle semaine s’agit-il : pouvez-vous indiquer les dates ?"
    static let whichDays = "Pour quel(s) jour(s) ? Merci d’indiquer la date (par exemple « jeudi 11 mars »)."
    static let whichActivity =
        "Pour quelle activité : restauration scolaire (cantine), accueil du matin, accueil du soir, accueil de loisirs du mercredi ou des vacances ?"
    static let morningOrEvening = "S’agit-il de la garderie du matin ou du soir ?"
    static let whichSlot =
        "Quel créneau souhaitez-vous : matin avec ou sans repas, après-midi avec ou sans repas, ou journée avec repas ?"
    static let mealOrNot = "Avec ou sans repas ?"
    static let whatDoYouWant =
        "Nous n’avons pas compris ce que vous souhaitez : s’agit-il d’une absence, d’une réservation ou d’une annulation ?"
    static let hedged = "Votre message laisse un doute : confirmez-vous cette demande ?"
    static let tangled = "Votre phrase mêle deux demandes : pouvez-vous préciser ce que vous souhaitez pour chacune ?"
    static let missingKey = "Nous n’avons pas trouvé votre clé d’activation (trois groupes de quatre caractères, par exemple X7PA-4KRT-9MWC)."
    static let missingContact = "Quelles sont vos nouvelles coordonnées (téléphone, adresse ou adresse électronique) ?"
    static let whichPhone = "Votre message contient plusieurs numéros : lequel est le nouveau ?"
    static let twoKeys = "Votre message contient plusieurs clés d’activation : laquelle est la bonne ?"
    static let question = "Votre message pose une question : souhaitez-vous que nous fassions cette demande ?"
    static let study = "L’étude n’est pas réservable par courriel : s’agit-il de l’accueil du soir (garderie) ?"
    static let partialYes = "Votre réponse pose une condition : merci de nous écrire la demande exacte à enregistrer."
    static let confirmWithoutContext =
        "Nous ne savons pas à quelle demande se rapporte votre réponse : merci de répondre directement au message de confirmation."
    static let wednesdayOrHolidays =
        "S’agit-il de l’accueil de loisirs du mercredi ou de celui des vacances ? Merci de préciser les jours."
    static let correction =
        "Votre message corrige une demande : pouvez-vous nous écrire la demande exacte à enregistrer (enfant, activité, jours) ?"
    static func leftover(_ words: [String]) -> String {
        let quoted = words.prefix(6).map { "« \($0) »" }.joined(separator: ", ")
        return "Nous n’avons pas su interpréter \(words.count > 1 ? "les mots" : "le mot") \(quoted) de votre message : pouvez-vous préciser votre demande (enfant, activité, jours) ?"
    }
    static let tooLong =
        "Votre message est trop long ou trop complexe pour être traité automatiquement : un agent du service va le lire et vous répondre."
    static let einvoiceChoice = "Souhaitez-vous recevoir vos factures en ligne (oui) ou sur papier (non) ?"

    static func weekdayMismatch(_ date: CivilDate, written: Int) -> String {
        "Le \(FrenchWords.shortDate(date)) \(date.year) est un \(FrenchWords.weekdayNames[date.weekday - 1]), pas un \(FrenchWords.weekdayNames[written - 1]) : de quel jour s’agit-il ?"
    }

    static func impossible(day: Int, month: Int) -> String {
        let m = (1...12).contains(month) ? FrenchWords.monthNames[month - 1] : "mois \(month)"
        return (1...12).contains(month)
            ? "La date du \(day) \(m) n’existe pas : de quel jour s’agit-il ?"
            : "La date « \(day)/\(month) » n’existe pas : de quel jour s’agit-il ?"
    }

    static func inverted(_ start: CivilDate, _ end: CivilDate) -> String {
        "Les dates semblent inversées (du \(FrenchWords.shortDate(start)) au \(FrenchWords.shortDate(end))) : s’agit-il bien de la période du \(FrenchWords.shortDate(end)) au \(FrenchWords.shortDate(start)) ?"
    }

    static func tooLong(_ start: CivilDate, _ end: CivilDate) -> String {
        "La période indiquée est très longue (du \(FrenchWords.longDate(start)) au \(FrenchWords.longDate(end))) : pouvez-vous confirmer les dates ?"
    }

    static func nextAmbiguous(_ a: CivilDate, _ b: CivilDate) -> String {
        "S’agit-il du \(FrenchWords.longDate(a)) ou du \(FrenchWords.longDate(b)) ?"
    }

    static func noEnd(_ start: CivilDate) -> String {
        "À partir du \(FrenchWords.longDate(start)) : jusqu’à quel jour ?"
    }

    static func noStart(_ end: CivilDate) -> String {
        "Jusqu’au \(FrenchWords.longDate(end)) : à partir de quel jour ?"
    }

    static func recurringWithoutPeriod(_ weekday: String) -> String {
        "Tous les \(weekday)s : pour quelle période (jusqu’à quelle date) ?"
    }

    static func alternative(_ days: [CivilDate]) -> String {
        "Vous indiquez plusieurs jours possibles (\(days.map(FrenchWords.longDate).joined(separator: " ou "))) : lequel faut-il retenir ?"
    }

    static func whichChild(_ names: [String]) -> String {
        if names.count <= 1 { return "Pour quel enfant ?" }
        return "Pour lequel de vos enfants (\(listOr(names))) ?"
    }

    static func unknownChild(_ name: String, known: [String]) -> String {
        let base = "Nous ne trouvons pas d’enfant prénommé \(name) dans votre dossier"
        return known.isEmpty ? base + " : de quel enfant s’agit-il ?" : base + " (\(listAnd(known))) : de quel enfant s’agit-il ?"
    }

    static func lookAlike(written: String, name: String) -> String {
        "Vous avez écrit « \(written) » : s’agit-il de \(name) ?"
    }

    static func countMismatch(_ said: Int, _ names: [String]) -> String {
        "Vous parlez de \(said) enfant(s), mais votre dossier en compte \(names.count) (\(listAnd(names))) : lesquels sont concernés ?"
    }

    static func sibling(_ written: String, name: String) -> String {
        "Vous parlez de « \(written) » : s’agit-il de \(name) ?"
    }

    static let perChildDays = "Votre phrase donne des jours différents pour chaque enfant : pouvez-vous préciser quels jours concernent chacun ?"

    static func yesterdayToo(_ day: CivilDate) -> String {
        "Faut-il aussi compter le \(FrenchWords.longDate(day)) (jour déjà passé) ?"
    }

    static let perChild = "Votre phrase ne demande pas la même chose pour chaque enfant : pouvez-vous préciser la demande pour chacun ?"

    static func thirdPerson(_ word: String) -> String {
        "Votre message parle d’un autre enfant (« \(word.lowercased()) ») : nous ne pouvons traiter que les demandes concernant vos enfants. De quel enfant de votre famille s’agit-il ?"
    }

    static func notAChild(_ who: String) -> String {
        let w = who == "je" ? "vous-même" : who == "nous" ? "vous (« nous »)" : "« \(who) »"
        return "Votre phrase parle de \(w), pas d’un de vos enfants : pour quel enfant faut-il enregistrer une demande, et laquelle ?"
    }

    static let noTwins = "Nous ne trouvons pas de jumeaux dans votre dossier : de quels enfants s’agit-il ?"

    static func unclear(children: [String], days: [CivilDate]) -> String {
        var what = ""
        if !children.isEmpty { what += " pour \(listAnd(children))" }
        if !days.isEmpty { what += " le \(days.map(FrenchWords.longDate).joined(separator: ", "))" }
        return "Nous n’avons pas compris ce que vous souhaitez\(what) : s’agit-il d’une absence, d’une réservation ou d’une annulation ?"
    }

    static func listAnd(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " et " + names.last!
    }

    static func listOr(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " ou " + names.last!
    }
}
