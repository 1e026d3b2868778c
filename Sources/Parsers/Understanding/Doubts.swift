/// Why a request is unsure: one thing the parent is asked. Typed, so that program logic never reads French; worded in
/// French only when the reply is written (`french`). `asked` carries a question already worded (a held request
/// restored from the store, a flow's own question, a test).
public enum Doubt: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public enum Topic: Sendable, Equatable { case children, days, activity, slot, intent, other }

    // Children
    case whichChild([String])
    case unknownChild(String, known: [String])
    case lookAlike(written: String, name: String)
    case countMismatch(Int, [String])
    case sibling(written: String, name: String)
    case noTwins
    case perChildDays
    case perChild
    /// "Ysaline sera absente lundi, elle viendra mardi": one child said away and present in the same sentence.
    case awayAndPresent
    case thirdPerson(String)
    case notAChild(String)
    // Days
    case whichDays
    case whichWeek
    case holidaysNotFound
    case weekdayMismatch(CivilDate, written: Int)
    case impossible(day: Int, month: Int)
    case inverted(CivilDate, CivilDate)
    case periodTooLong(CivilDate, CivilDate)
    case longPeriod(days: Int)
    case nextAmbiguous(CivilDate, CivilDate)
    case noEnd(CivilDate)
    case noStart(CivilDate)
    case recurringWithoutPeriod(weekday: String)
    case alternative([CivilDate])
    case yesterdayToo(CivilDate)
    // Activity and slot
    case whichActivity
    case morningOrEvening
    case study
    case wednesdayOrHolidays
    case whichSlot
    case mealOrNot
    // What is asked
    case whatDoYouWant
    case unclear(children: [String], days: [CivilDate], quote: String)
    case hedged
    case tangled
    case question
    case partialYes
    case confirmWithoutContext
    case correction
    /// A booking and a cancellation (or an absence) of the same day for the same child, left unreconciled.
    case contradiction
    /// "Pas de cantine jeudi mais il va à la garderie du soir": where the child goes, said beside a cancellation.
    case saidNotAsked
    /// "ne sera pas là mardi mais mercredi": the later day away too, or the day back?
    case contrastedDays
    case cancelTakenBack([CivilDate])
    case leftover([String])
    /// "Pas de cantine mardi. Ou jeudi.": days in a sentence of their own that no request takes.
    case looseDays(String)
    /// "à moins que", "selon la météo", "sauf si": the request hangs on something the service cannot check.
    case condition
    /// "ne mangera que lundi", "ne vient jamais le vendredi", "ne mangera à la cantine jeudi": a negation not read.
    case unreadNegation
    /// "mardi matin", "à partir de 14h": part of a day, where an absence is recorded by whole days.
    case partOfDay
    case messageTooLong
    case missingKey
    case twoKeys
    case missingContact
    case whichPhone
    case einvoiceChoice
    case asked(String)

    public init(stringLiteral value: String) { self = .asked(value) }

    public var description: String { french }

    var isNoStart: Bool { if case .noStart = self { return true } else { return false } }
    var isNoEnd: Bool { if case .noEnd = self { return true } else { return false } }

    public var topic: Topic {
        switch self {
        case .whichChild, .unknownChild, .lookAlike, .countMismatch, .sibling, .noTwins, .perChildDays, .perChild,
             .thirdPerson, .notAChild: return .children
        case .awayAndPresent, .contrastedDays: return .days
        case .whichDays, .whichWeek, .holidaysNotFound, .weekdayMismatch, .impossible, .inverted, .periodTooLong,
             .longPeriod, .nextAmbiguous, .noEnd, .noStart, .recurringWithoutPeriod, .alternative, .yesterdayToo: return .days
        case .whichActivity, .morningOrEvening, .study, .wednesdayOrHolidays: return .activity
        case .whichSlot, .mealOrNot: return .slot
        case .whatDoYouWant, .unclear, .hedged, .tangled, .question, .partialYes, .confirmWithoutContext, .correction,
             .cancelTakenBack, .contradiction, .saidNotAsked,
             .leftover, .condition, .unreadNegation: return .intent
        case .looseDays: return .days
        case .partOfDay: return .days
        case .asked(let text): return Doubt.topic(ofQuestion: text)
        default: return .other
        }
    }

    /// The topic of a question already worded in French (a flow's own questions).
    public static func topic(ofQuestion text: String) -> Topic {
        // Folded: a question stored or typed without accents ("activite") has the same topic.
        let q = TextFolding.fold(text)
        if q.contains("enfant") { return .children }
        if q.contains("jour") || q.contains("date") { return .days }
        if q.contains("activite") { return .activity }
        if q.contains("creneau") { return .slot }
        return .other
    }

    /// The question, in French, addressed to the parent.
    public var french: String {
        switch self {
        case .holidaysNotFound:
            return "Nous ne trouvons pas ces vacances dans le calendrier de l’accueil de loisirs : pouvez-vous indiquer les dates ?"
        case .whichWeek: return "De quelle semaine s’agit-il : pouvez-vous indiquer les dates ?"
        case .whichDays: return "Pour quel(s) jour(s) ? Merci d’indiquer la date (par exemple « jeudi 11 mars »)."
        case .whichActivity:
            return "Pour quelle activité : restauration scolaire (cantine), accueil du matin, accueil du soir, accueil de loisirs du mercredi ou des vacances ?"
        case .morningOrEvening: return "S’agit-il de la garderie du matin ou du soir ?"
        case .whichSlot:
            return "Quel créneau souhaitez-vous : matin avec ou sans repas, après-midi avec ou sans repas, ou journée avec repas ?"
        case .mealOrNot: return "Avec ou sans repas ?"
        case .whatDoYouWant:
            return "Nous n’avons pas compris ce que vous souhaitez : s’agit-il d’une absence, d’une réservation ou d’une annulation ?"
        case .hedged: return "Votre message laisse un doute : confirmez-vous cette demande ?"
        case .tangled: return "Votre phrase mêle deux demandes : pouvez-vous préciser ce que vous souhaitez pour chacune ?"
        case .missingKey:
            return "Nous n’avons pas trouvé votre clé d’activation (trois groupes de quatre caractères, par exemple X7PA-4KRT-9MWC)."
        case .missingContact: return "Quelles sont vos nouvelles coordonnées (téléphone, adresse ou adresse électronique) ?"
        case .whichPhone: return "Votre message contient plusieurs numéros : lequel est le nouveau ?"
        case .twoKeys: return "Votre message contient plusieurs clés d’activation : laquelle est la bonne ?"
        case .question: return "Votre message pose une question : souhaitez-vous que nous fassions cette demande ?"
        case .study: return "L’étude n’est pas réservable par courriel : s’agit-il de l’accueil du soir (garderie) ?"
        case .partialYes: return "Votre réponse pose une condition : merci de nous écrire la demande exacte à enregistrer."
        case .confirmWithoutContext:
            return "Nous ne savons pas à quelle demande se rapporte votre réponse : merci de répondre directement au message de confirmation."
        case .wednesdayOrHolidays:
            return "S’agit-il de l’accueil de loisirs du mercredi ou de celui des vacances ? Merci de préciser les jours."
        case .cancelTakenBack(let days):
            return "Faut-il aussi annuler l’inscription du \(days.map(FrenchWords.longDate).joined(separator: ", ")) ?"
        case .correction:
            return "Votre message corrige une demande : pouvez-vous nous écrire la demande exacte à enregistrer (enfant, activité, jours) ?"
        case .contradiction:
            return "Votre message demande pour le même jour une réservation et une annulation (ou une absence) : que faut-il enregistrer ?"
        case .saidNotAsked:
            return "Votre message indique où ira l’enfant ce jour-là sans demander d’inscription : faut-il l’inscrire à cette activité (s’il ne l’est pas déjà) ?"
        case .contrastedDays:
            return "Votre phrase oppose deux jours (« pas … mais … ») : pour quel(s) jour(s) exactement faut-il enregistrer la demande ?"
        case .awayAndPresent:
            return "Votre message dit à la fois que l’enfant ne viendra pas et qu’il viendra (ou ira à une activité) : pouvez-vous préciser ce qu’il faut enregistrer, jour par jour ?"
        case .leftover(let words):
            let quoted = words.prefix(6).map { "« \($0) »" }.joined(separator: ", ")
            return "Nous n’avons pas su interpréter \(words.count > 1 ? "les mots" : "le mot") \(quoted) de votre message : pouvez-vous préciser votre demande (enfant, activité, jours) ?"
        case .looseDays(let quote):
            return "Vous avez écrit « \(quote) » : à quelle demande ce(s) jour(s) se rapporte(nt) ? Merci de nous écrire la demande complète (enfant, activité, jours)."
        case .condition:
            return "Votre demande dépend d’une condition que nous ne pouvons pas vérifier : merci de nous confirmer la demande (enfant, activité, jours) quand elle sera certaine."
        case .unreadNegation:
            return "Votre phrase contient une tournure négative que nous ne savons pas lire avec certitude : pouvez-vous préciser, jour par jour, ce qu’il faut enregistrer (par exemple « pas de cantine le jeudi 11 mars ») ?"
        case .partOfDay:
            return "Votre message parle d’une partie de la journée : les absences sont enregistrées par journée entière. L’enfant sera-t-il absent toute la journée ?"
        case .messageTooLong:
            return "Votre message est trop long ou trop complexe pour être traité automatiquement : un agent du service va le lire et vous répondre."
        case .einvoiceChoice: return "Souhaitez-vous recevoir vos factures en ligne (oui) ou sur papier (non) ?"
        case .weekdayMismatch(let date, let written):
            return "Le \(FrenchWords.shortDate(date)) \(date.year) est un \(FrenchWords.weekdayNames[date.weekday - 1]), pas un \(FrenchWords.weekdayNames[written - 1]) : de quel jour s’agit-il ?"
        case .impossible(let day, let month):
            let m = (1...12).contains(month) ? FrenchWords.monthNames[month - 1] : "mois \(month)"
            return (1...12).contains(month)
                ? "La date du \(day) \(m) n’existe pas : de quel jour s’agit-il ?"
                : "La date « \(day)/\(month) » n’existe pas : de quel jour s’agit-il ?"
        case .inverted(let start, let end):
            return "Les dates semblent inversées (du \(FrenchWords.shortDate(start)) au \(FrenchWords.shortDate(end))) : s’agit-il bien de la période du \(FrenchWords.shortDate(end)) au \(FrenchWords.shortDate(start)) ?"
        case .periodTooLong(let start, let end):
            return "La période indiquée est très longue (du \(FrenchWords.longDate(start)) au \(FrenchWords.longDate(end))) : pouvez-vous confirmer les dates ?"
        case .longPeriod(let n):
            return "La période indiquée couvre \(n) jours : pouvez-vous préciser les dates exactes ?"
        case .nextAmbiguous(let a, let b):
            return "S’agit-il du \(FrenchWords.longDate(a)) ou du \(FrenchWords.longDate(b)) ?"
        case .noEnd(let start): return "À partir du \(FrenchWords.longDate(start)) : jusqu’à quel jour ?"
        case .noStart(let end): return "Jusqu’au \(FrenchWords.longDate(end)) : à partir de quel jour ?"
        case .recurringWithoutPeriod(let weekday):
            return "Tous les \(weekday)s : pour quelle période (jusqu’à quelle date) ?"
        case .alternative(let days):
            return "Vous indiquez plusieurs jours possibles (\(days.map(FrenchWords.longDate).joined(separator: " ou "))) : lequel faut-il retenir ?"
        case .whichChild(let names):
            if names.count <= 1 { return "Pour quel enfant ?" }
            return "Pour lequel de vos enfants (\(Doubts.listOr(names))) ?"
        case .unknownChild(let name, let known):
            let base = "Nous ne trouvons pas d’enfant prénommé \(name) dans votre dossier"
            return known.isEmpty ? base + " : de quel enfant s’agit-il ?" : base + " (\(Doubts.listAnd(known))) : de quel enfant s’agit-il ?"
        case .lookAlike(let written, let name): return "Vous avez écrit « \(written) » : s’agit-il de \(name) ?"
        case .countMismatch(let said, let names):
            return "Vous parlez de \(said) enfant(s), mais votre dossier en compte \(names.count) (\(Doubts.listAnd(names))) : lesquels sont concernés ?"
        case .sibling(let written, let name): return "Vous parlez de « \(written) » : s’agit-il de \(name) ?"
        case .perChildDays:
            return "Votre phrase donne des jours différents pour chaque enfant : pouvez-vous préciser quels jours concernent chacun ?"
        case .yesterdayToo(let day): return "Faut-il aussi compter le \(FrenchWords.longDate(day)) (jour déjà passé) ?"
        case .perChild:
            return "Votre phrase ne demande pas la même chose pour chaque enfant : pouvez-vous préciser la demande pour chacun ?"
        case .noTwins: return "Nous ne trouvons pas de jumeaux dans votre dossier : de quels enfants s’agit-il ?"
        case .thirdPerson(let word):
            return "Votre message parle d’un autre enfant (« \(word.lowercased()) ») : nous ne pouvons traiter que les demandes concernant vos enfants. De quel enfant de votre famille s’agit-il ?"
        case .notAChild(let who):
            let w = who == "je" ? "vous-même" : who == "nous" ? "vous (« nous »)" : "« \(who) »"
            return "Votre phrase parle de \(w), pas d’un de vos enfants : pour quel enfant faut-il enregistrer une demande, et laquelle ?"
        case .unclear(let children, let days, let quote):
            var what = ""
            if !children.isEmpty { what += " pour \(Doubts.listAnd(children))" }
            if !days.isEmpty { what += " le \(days.map(FrenchWords.longDate).joined(separator: ", "))" }
            let quoted = quote.isEmpty ? "" : "Vous avez écrit : « \(quote) ». "
            return quoted + "Nous n’avons pas compris ce que vous souhaitez\(what) : s’agit-il d’une absence, d’une réservation ou d’une annulation ?"
        case .asked(let text): return text
        }
    }
}

/// Short names for the reader's code.
enum Doubts {
    static let holidaysNotFound = Doubt.holidaysNotFound
    static let whichWeek = Doubt.whichWeek
    static let whichDays = Doubt.whichDays
    static let whichActivity = Doubt.whichActivity
    static let morningOrEvening = Doubt.morningOrEvening
    static let whichSlot = Doubt.whichSlot
    static let mealOrNot = Doubt.mealOrNot
    static let whatDoYouWant = Doubt.whatDoYouWant
    static let hedged = Doubt.hedged
    static let tangled = Doubt.tangled
    static let missingKey = Doubt.missingKey
    static let missingContact = Doubt.missingContact
    static let whichPhone = Doubt.whichPhone
    static let twoKeys = Doubt.twoKeys
    static let question = Doubt.question
    static let study = Doubt.study
    static let partialYes = Doubt.partialYes
    static let confirmWithoutContext = Doubt.confirmWithoutContext
    static let wednesdayOrHolidays = Doubt.wednesdayOrHolidays
    static let correction = Doubt.correction
    static let tooLong = Doubt.messageTooLong
    static let einvoiceChoice = Doubt.einvoiceChoice
    static let perChildDays = Doubt.perChildDays
    static let perChild = Doubt.perChild
    static let noTwins = Doubt.noTwins
    static let condition = Doubt.condition
    static let partOfDay = Doubt.partOfDay
    static func leftover(_ words: [String]) -> Doubt { .leftover(words) }
    static func weekdayMismatch(_ date: CivilDate, written: Int) -> Doubt { .weekdayMismatch(date, written: written) }
    static func impossible(day: Int, month: Int) -> Doubt { .impossible(day: day, month: month) }
    static func inverted(_ start: CivilDate, _ end: CivilDate) -> Doubt { .inverted(start, end) }
    static func tooLong(_ start: CivilDate, _ end: CivilDate) -> Doubt { .periodTooLong(start, end) }
    static func nextAmbiguous(_ a: CivilDate, _ b: CivilDate) -> Doubt { .nextAmbiguous(a, b) }
    static func noEnd(_ start: CivilDate) -> Doubt { .noEnd(start) }
    static func noStart(_ end: CivilDate) -> Doubt { .noStart(end) }
    static func recurringWithoutPeriod(_ weekday: String) -> Doubt { .recurringWithoutPeriod(weekday: weekday) }
    static func alternative(_ days: [CivilDate]) -> Doubt { .alternative(days) }
    static func whichChild(_ names: [String]) -> Doubt { .whichChild(names) }
    static func unknownChild(_ name: String, known: [String]) -> Doubt { .unknownChild(name, known: known) }
    static func lookAlike(written: String, name: String) -> Doubt { .lookAlike(written: written, name: name) }
    static func countMismatch(_ said: Int, _ names: [String]) -> Doubt { .countMismatch(said, names) }
    static func sibling(_ written: String, name: String) -> Doubt { .sibling(written: written, name: name) }
    static func yesterdayToo(_ day: CivilDate) -> Doubt { .yesterdayToo(day) }
    static func thirdPerson(_ word: String) -> Doubt { .thirdPerson(word) }
    static func notAChild(_ who: String) -> Doubt { .notAChild(who) }
    static func unclear(children: [String], days: [CivilDate], quote: String = "") -> Doubt {
        .unclear(children: children, days: days, quote: quote)
    }

    static func listAnd(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " et " + names.last!
    }

    static func listOr(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " ou " + names.last!
    }
}
