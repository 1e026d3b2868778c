/// Which activity and which holiday-centre slot a sentence names.
struct ActivityMention: Equatable {
    var kind: ActivityKind?
    /// "centre de loisirs" without saying Wednesday or holidays: decided later from the dates.
    var alshUndecided = false
    var slot: AlshSlot?
    var doubts: [Doubt] = []
    /// A slot phrase that needs one more detail ("le matin": with or without meal?).
    var slotDoubt: Doubt?
    /// More activities named with the first ("la cantine et la garderie du soir").
    var extraKinds: [ActivityKind] = []
    /// The second slot of the same day ("matin et après-midi sans repas").
    var pairedSlot: AlshSlot?
    var isEmpty: Bool { kind == nil && !alshUndecided && doubts.isEmpty }
}

enum ActivityPhrases {
    private static let alsh = Pattern(
        #"\b(centre de loisirs?|centre aere|alsh|a\.l\.s\.h|accueil de loisirs?|clsh|centre de vacances|accueil loisirs?|le centre|au centre|centre(?= (la |le |en )?(journee|matin|apres-midi|avec|sans|demi))|(?<!ecole )(?<!elementaire )(?<!maternelle )du centre)\b(?! ?-?(ville|commercial|medical|hospitalier|de sante|social|equestre))"#)
    private static let alshVacances = Pattern(#"\b(alsh|centre de loisirs?|accueil de loisirs?|centre aere|centre)\s*(-|des|de|pendant les|pour les|durant les)?\s*vacances\b|\bvacances\b"#)
    private static let alshMercredi = Pattern(#"\b(alsh|centre de loisirs?|accueil de loisirs?|centre aere|centre)\s*(-|du|le|les)?\s*mercredis?\b|\bmercredis\b|\balsh-mercredi\b"#)
    private static let canteen = Pattern(
        #"\b(cantine|demi-pension|restauration( scolaire)?|restaurant scolaire|resto|repas (du|de) midi|pause (meridienne|de midi|du midi)|temps (de|du) midi|repas a l'ecole|dejeuner a l'ecole|mange(r|ra|ront)?|dejeune(r|ra|ront)?|self|prend(re|ra|ront) (le|son|ses) repas|(le|son|ses|les|leur|leurs) repas|dejeuner|dejeuners)\b"#)
    private static let morningCare = Pattern(
        #"\b(garderie|accueil|periscolaire|peri|accueil periscolaire|aps|alae|celle)\s*(du|le|de|-)?\s*matin\b|\bperiscolaire-matin\b|\bgarderie matinale\b|\b(garderie|accueil|periscolaire)\s*(du|le|de)?\s*soir et (du |le |au )?matin\b"#)
    private static let eveningCare = Pattern(
        #"\b(garderie|accueil|periscolaire|peri|accueil periscolaire|aps|alae|celle)\s*(du|le|de|-)?\s*soir\b|\bperiscolaire-soir\b|\bgarderie apres (l'ecole|la classe)\b|\b(garderie|accueil|periscolaire)\s*(du|le|de)?\s*matin et (du |le |au )?soir\b"#)
    /// "l'étude": not an activity the service books.
    private static let canteenNamed = Pattern(#"\b(cantine|restauration|restaurant scolaire|repas|dejeuner|pause meridienne|pause de midi|pause du midi|temps de midi|temps du midi)"#)
    private static let study = Pattern(#"\betudes?( surveillee| du soir)?\b"#)
    private static let care = Pattern(#"\b(garderie|periscolaire|accueil periscolaire|aps|alae)\b"#)

    /// Reads the activity named in a folded sentence (or a form's Activité value).
    static func read(_ folded: String) -> ActivityMention {
        var m = ActivityMention()
        var kinds: [ActivityKind] = []
        if morningCare.matches(folded) { kinds.append(.periscolaireMatin) }
        if eveningCare.matches(folded) { kinds.append(.periscolaireSoir) }
        if kinds.isEmpty, care.matches(folded) {
            // "garderie" alone: morning or evening? A slot word elsewhere may tell.
            // "je viendrai la chercher à 16h30": an afternoon time is the evening care, an early one the morning's.
            let hasMorning = Pattern(#"\bmatins?\b|\b[6-8] ?h\b|\b[6-8] ?h ?[0-5][0-9]\b"#).matches(folded)
            let hasEvening = Pattern(#"\bsoirs?\b|\b1[5-9] ?h\b|\b1[5-9] ?h ?[0-5][0-9]\b"#).matches(folded)
            if hasMorning && !hasEvening { kinds.append(.periscolaireMatin) }
            else if hasEvening && !hasMorning { kinds.append(.periscolaireSoir) }
            else { m.doubts.append(Doubts.morningOrEvening); m.kind = nil; m.alshUndecided = false; return withCare(m) }
        }
        if alsh.matches(folded) || folded.contains("alsh") {
            let vac = alshVacances.matches(folded) || folded.contains("alsh-vacances")
            let wed = Pattern(#"\b(alsh|centre de loisirs?|accueil de loisirs?|centre aere|centre)\s*(-|du|le|les)\s*mercredis?\b|\bmercredis\b|\balsh[- ]mercredi\b"#).matches(folded)
            if vac && !wed { kinds.append(.alshVacances) }
            else if wed && !vac { kinds.append(.alshMercredi) }
            else { m.alshUndecided = true }
            m.slot = slot(folded, &m)
        }
        if kinds.isEmpty, !m.alshUndecided, study.matches(folded) {
            m.doubts.append(Doubts.study)
            return m
        }
        if kinds.isEmpty, !m.alshUndecided, canteen.matches(folded) { kinds.append(.restauration) }
        else if !kinds.isEmpty || m.alshUndecided, Pattern(#"\b(cantine|restauration scolaire)\b"#).matches(folded) {
            kinds.append(.restauration)
        }
        // In the order the parent named them ("la cantine et la garderie du matin").
        if kinds.count > 1 {
            func position(_ k: ActivityKind) -> Int {
                let p: Pattern
                switch k {
                case .periscolaireMatin: p = morningCare
                case .periscolaireSoir: p = eveningCare
                case .restauration: p = canteenNamed
                default: p = alsh
                }
                return p.firstRange(folded).map { folded.distance(from: folded.startIndex, to: $0.lowerBound) } ?? Int.max
            }
            kinds.sort { position($0) < position($1) }
        }
        if kinds.count == 1 {
            m.kind = kinds[0]
            // "au centre …, il mangera à la cantine du centre": the centre named beside another activity — asked,
            // never dropped for the other one.
            if m.alshUndecided { m.doubts.append(Doubts.tangled) }
        }
        else if kinds.count > 1 {
            // "la cantine et la garderie du soir": one request per activity.
            m.kind = kinds[0]
            if kinds.contains(where: \.isALSH) || m.alshUndecided { m.doubts.append(Doubts.tangled) }
            else { m.extraKinds = Array(kinds.dropFirst()) }
        }
        return m
    }

    private static func withCare(_ m: ActivityMention) -> ActivityMention { m }

    /// The holiday-centre slot: "la journée complète avec repas", "le matin avec le repas", "l'après-midi sans repas".
    static func slot(_ folded: String, _ m: inout ActivityMention) -> AlshSlot? {
        let withMeal = Pattern(#"\b(avec|\+|et)\s+(le\s+|un\s+|son\s+)?(repas|dejeuner|cantine)\b|\brepas (compris|inclus)\b|\bavec repas\b"#).matches(folded)
        let withoutMeal = Pattern(#"\bsans\s+(le\s+)?(repas|dejeuner|cantine)\b"#).matches(folded)
        let day = Pattern(#"\b(journee|journees|toute la journee|la journee|jour complet|journee complete|journee entiere)\b"#).matches(folded)
            && !Pattern(#"\bdemi-?\s?journee"#).matches(folded)
        let morning = Pattern(#"\b(matin|matinee|matins)\b"#).matches(folded)
        let afternoon = Pattern(#"\b(apres-midi|apres midi|aprem|apres-midis)\b"#).matches(folded)
        let half = Pattern(#"\bdemi-?\s?journee"#).matches(folded)
        if let code = AlshSlot(rawValue: folded.trimmedWhitespace) { return code }
        if day && !morning && !afternoon {
            if withoutMeal { m.slotDoubt = Doubts.whichSlot; return nil }
            return .journeeAvecRepas
        }
        if day && (morning || afternoon) {
            // "le 25 le matin sans repas et le 26 toute la journée": a slot per day, asked.
            m.slotDoubt = Doubts.whichSlot; return nil
        }
        if morning && afternoon {
            // "matin et après-midi sans repas": the one pair that may share a day.
            if withoutMeal && !withMeal && !day { m.pairedSlot = .apresMidiSansRepas; return .matinSansRepas }
            m.slotDoubt = Doubts.whichSlot; return nil
        }
        if morning {
            if withMeal { return .matinAvecRepas }
            if withoutMeal { return .matinSansRepas }
            m.slotDoubt = Doubts.mealOrNot; return nil
        }
        if afternoon {
            if withMeal { return .apresMidiAvecRepas }
            if withoutMeal { return .apresMidiSansRepas }
            m.slotDoubt = Doubts.mealOrNot; return nil
        }
        if half { m.slotDoubt = Doubts.whichSlot }
        return nil
    }

    /// Holiday centre or Wednesday centre when the parent only wrote "centre de loisirs": from the days.
    /// The town's calendar decides: the days open at the Wednesday centre or at the holiday centre. Nil when the
    /// days belong to both or neither in a way that cannot be told (asked).
    static func decideALSH(days: [CivilDate], openDays: [ActivityKind: [CivilDate]], holidayDays: Set<CivilDate>) -> ActivityKind? {
        let wednesdays = Set(openDays[.alshMercredi] ?? []), holidays = Set(openDays[.alshVacances] ?? [])
        if !wednesdays.isEmpty || !holidays.isEmpty {
            let relevant = days.filter { wednesdays.contains($0) || holidays.contains($0) }
            if !relevant.isEmpty {
                if relevant.allSatisfy(wednesdays.contains) { return .alshMercredi }
                if relevant.allSatisfy(holidays.contains) { return .alshVacances }
                return nil
            }
            // Neither centre is open on these days (a public holiday, a school Thursday): within a holiday period it is
            // the holiday centre (whose rules then refuse the closed day), a Wednesday outside is the Wednesday centre,
            // anything else is asked.
            let periods = DatePhrases.holidayPeriods(Array(holidays))
            func inHolidays(_ d: CivilDate) -> Bool { periods.contains { $0.first! <= d && d <= $0.last! } }
            if !days.isEmpty, days.allSatisfy(inHolidays) { return .alshVacances }
            if !days.isEmpty, days.allSatisfy({ $0.weekday == 3 && !inHolidays($0) }) { return .alshMercredi }
            let known = wednesdays.union(holidays)
            if let first = known.min(), let last = known.max(), !days.isEmpty, days.allSatisfy({ $0 >= first && $0 <= last }) {
                return nil
            }
        }
        return decideALSH(days: days, holidayDays: holidayDays)
    }

    static func decideALSH(days: [CivilDate], holidayDays: Set<CivilDate>) -> ActivityKind {
        guard !days.isEmpty else { return .alshVacances }
        if days.allSatisfy({ $0.weekday == 3 && !holidayDays.contains($0) }) { return .alshMercredi }
        return .alshVacances
    }
}
