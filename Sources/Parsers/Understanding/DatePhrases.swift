/// Dates named in one sentence, resolved against the message's own day.
struct DateMention: Equatable {
    var days: [CivilDate]
    /// Questions for the parent when the phrase is impossible, contradictory or ambiguous.
    var doubts: [Doubt] = []
    /// "le même jour", "ce jour-là": the dates of the previous request.
    var sameAsPrevious = false
    /// Token indices covered.
    var range: Range<Int>
    /// "jusqu'à vendredi" with no start: the start was taken as the message's day and asked.
    var openStart = false
    /// "depuis hier", "depuis ce matin": since when a state lasts, not by itself a day asked for.
    var since = false
    /// "hier", "avant-hier".
    var yesterday = false
    /// "hier soir": when something happened, never a day of school.
    var evening = false
    /// "jeudi au soir", "vendredi en soirée": when something happens, not a day away (beside other days).
    var eveningEvent = false
    /// "ce matin", "cet après-midi", "cette nuit": when something happened today; asks for nothing by itself.
    var partOfToday = false
    /// Weekdays said as a habit ("le mardi et le vendredi", "tous les lundis et jeudis"): kept within a period.
    var weekdaySet: Set<Int> = []
    /// Weekdays said bare ("mardi et jeudi"): kept within a week named next to them ("cette semaine").
    var bareWeekdays: Set<Int> = []
    /// Bare weekdays already placed in a week named beside them or in a heading above them.
    var inNamedWeek = false
    /// A stretch of days ("du 20 au 24", "jusqu'aux vacances", "la semaine prochaine") that a weekday set narrows.
    var isPeriod = false
    /// "cette semaine", "la semaine prochaine" (not "toute la semaine"): may only say which week other days are in.
    var weekQualifier = false
    /// "retour lundi", "reprise le 20": the day the child is back, not a day of the request.
    var returnDay = false
    /// The day back said beside days that did not end before it ("a été malade lundi et mardi et reviendra vendredi").
    var droppedReturn: CivilDate?
    /// "mardi, enfin non, jeudi": taken back by a correction later in the sentence.
    var replacedByLater = false
    /// "la première semaine" of holidays named elsewhere in the sentence: narrows those holidays.
    var partOfHolidays = false
    /// "ne viendra pas avant jeudi": a day back that also says the child is away until then.
    var notBefore = false
    /// "pas le 15", "et non le 15", "au lieu du 15": a day the parent takes back.
    var negated = false
    /// "à partir du 20" with no end yet: a later "jusqu'à …" of the same sentence closes it.
    var openEnd = false
    /// "en plus du mardi où il est déjà inscrit": a day already booked, named for context only.
    var context = false
}

struct DateContext {
    /// The day the message was written (Europe/Paris).
    var reference: CivilDate
    /// Open days of the holiday centre, for "la première semaine des vacances".
    var holidayDays: [CivilDate]
}

/// One calendar expression before resolution: "jeudi 11", "15 mars 2027", "09/03", "demain".
private struct Atom {
    var weekday: Int?
    var day: Int?
    var month: Int?
    var year: Int?
    var relative: Int?
    var nextFlag = false      // "prochain"
    var lastFlag = false      // "dernier"
    var nextWeek = false      // "mercredi de la semaine prochaine"
    var weeksLater = 0        // "lundi en huit" (1), "mardi en quinze" (2)
    var end: Int
    var isBareDay: Bool { relative == nil && weekday == nil && month == nil && day != nil }
}

enum DatePhrases {
    static func mentions(_ t: [Token], context: DateContext) -> [DateMention] { read(t, context: context).mentions }

    /// The settled mentions, and every token range a date phrase was read from (kept even when the phrase was then
    /// set aside, e.g. a return day): the words the date grammar accounted for.
    static func read(_ t: [Token], context: DateContext) -> (mentions: [DateMention], covered: [Range<Int>]) {
        var out: [DateMention] = []
        var i = 0
        while i < t.count {
            if var m = mention(t, at: i, context) {
                let before = word(t, m.range.lowerBound - 1)
                if before == "depuis", m.days.count == 1 {
                    m.since = true
                    // "malade depuis mardi": the last such weekday, never the coming one.
                    if isBareWeekdayPhrase(m, t), m.days[0] > context.reference { m.days = [m.days[0].adding(days: -7)] }
                }
                // "depuis le mois d'octobre", "depuis la rentrée": how long something lasts, never days asked for.
                if before == "depuis", m.days.count > 1 { m.since = true; m.days = [] }
                let lead = (1...3).compactMap { word(t, m.range.lowerBound - $0) }
                if lead.contains(where: returnWords.contains) { m.returnDay = true }
                // "ne pas le renvoyer avant lundi": back on that day.
                if word(t, m.range.lowerBound - 1) == "avant", (2...6).contains(where: { word(t, m.range.lowerBound - $0) == "pas" }) {
                    m.returnDay = true
                    m.notBefore = true
                    m.range = (m.range.lowerBound - 1)..<m.range.upperBound
                }
                if isNegatedDay(t, m.range.lowerBound) { m.negated = true }
                let articled = ["du", "de", "le", "la", "les", "d"].contains(word(t, m.range.lowerBound - 1) ?? "") ? 1 : 0
                if word(t, m.range.lowerBound - 1 - articled) == "plus", word(t, m.range.lowerBound - 2 - articled) == "en" {
                    m.context = true
                }
                // "dans mon mail j'ai écrit jeudi": a day said before, now taken back.
                if lead.contains(where: { ["ecrit", "indique", "marque", "note"].contains($0) })
                    && (1...4).contains(where: { ["ai", "avais", "avons"].contains(word(t, m.range.lowerBound - $0) ?? "") }) {
                    m.negated = true
                }
                // "je vous confirme demain", "je vous rappelle lundi": when the parent will write again.
                if lead.contains(where: { ["confirme", "confirmerai", "confirmerons", "redis", "redirai", "dirai", "rappelle",
                                           "rappellerai", "recontacte", "recontacterai", "reecris", "reecrirai", "tiendrai",
                                           "preciserai", "redonnerai"].contains($0) }) {
                    m.context = true
                }
                // "notre conversation du 10 septembre", "mon mail du 8", "née le 24/06/2018": when something else
                // happened, beside the days asked.
                if let noun = word(t, m.range.lowerBound - 1 - articled),
                   contextNouns.contains(noun) || ["ne", "nee", "nes", "nees"].contains(noun) {
                    m.context = true
                }
                if !m.negated, toldOn.contains(word(t, m.range.lowerBound - 1) ?? "")
                    || (["le", "du"].contains(word(t, m.range.lowerBound - 1) ?? "") && toldOn.contains(word(t, m.range.lowerBound - 2) ?? "")) {
                    m.context = true
                }
                // "mon mari a appelé le service vendredi dernier", "j'ai écrit à la maîtresse mardi": the day something
                // was said, a few words after the past participle of saying.
                if !m.negated, !m.context, (2...4).contains(where: { k in
                    toldOn.contains(word(t, m.range.lowerBound - k) ?? "")
                        && ["a", "ai", "as", "avons", "avez", "ont", "avait", "avais", "avaient"].contains(word(t, m.range.lowerBound - k - 1) ?? "")
                }) {
                    m.context = true
                }
                // "suite au rendez-vous du lundi 3 mai", "la visite médicale du 12": the day of an event named by its
                // noun ("du", "de la"), beside the request's own days. "rendez-vous lundi" is still the day away.
                let of = ["du", "de", "d"].contains(word(t, m.range.lowerBound - 1) ?? "")
                // "la visite médicale du 12", "le conseil d'école du 17": the noun a few words before.
                if of, [2, 3, 4].contains(where: { eventNouns.contains(word(t, m.range.lowerBound - $0) ?? "") }) {
                    m.context = true
                    // Alone, after "suite à", "lors de", "après", "concernant": when it happened, not which day is asked.
                    if (3...7).contains(where: { ["suite", "lors", "apres", "concernant", "depuis", "comme"].contains(word(t, m.range.lowerBound - $0) ?? "") }) {
                        m.doubts.append(Doubts.whichDays)
                    }
                }
                if m.range.count == 2, ["ce", "cet", "cette"].contains(word(t, m.range.lowerBound) ?? ""),
                   ["soir", "midi", "matin", "apres-midi", "nuit"].contains(word(t, m.range.lowerBound + 1) ?? "") {
                    m.partOfToday = true
                }
                if m.range.count <= 2, ["hier", "avant-hier"].contains(word(t, m.range.lowerBound) ?? "")
                    || (word(t, m.range.lowerBound) == "avant" && word(t, m.range.lowerBound + 1) == "hier") {
                    m.yesterday = true
                    if word(t, m.range.upperBound) == "soir" { m.evening = true }
                }
                // "nous partons le jeudi 9 mai au soir": a time of the day something happens, not a school day
                // (dropped when the sentence names other days).
                if (word(t, m.range.upperBound) == "au" && word(t, m.range.upperBound + 1) == "soir")
                    || (word(t, m.range.upperBound) == "en" && word(t, m.range.upperBound + 1) == "soiree") {
                    m.eveningEvent = true
                }
                // "demain (lundi)", "aujourd'hui - jeudi": a weekday set beside a relative day names that same day;
                // one that is not its weekday is asked, never read as a second day.
                if let p = out.last, p.days.count == 1, p.range.count == 1,
                   ["demain", "aujourd'hui", "aujourd", "apres-demain", "auj", "dem"].contains(word(t, p.range.lowerBound) ?? ""),
                   t[p.range.upperBound..<m.range.lowerBound].allSatisfy({ ["(", ",", "-", "–"].contains($0.text) }),
                   isBareWeekdayPhrase(m, t), m.days.count == 1,
                   let wd = t[m.range].lazy.compactMap({ FrenchWords.weekdays[$0.text] }).first {
                    if wd != p.days[0].weekday { out[out.count - 1].doubts.append(Doubts.weekdayMismatch(p.days[0], written: wd)) }
                    out[out.count - 1].range = p.range.lowerBound..<m.range.upperBound
                    i = max(m.range.upperBound, i + 1)
                    continue
                }
                out.append(m)
                i = max(m.range.upperBound, i + 1)
            } else {
                i += 1
            }
        }
        // "la cantine de demain pour Prune et celle de vendredi pour Côme" written on a Thursday: a weekday said apart
        // from "demain" but falling on the same day is likely another week. Asked.
        let relativeDays = out.filter { $0.days.count == 1 && $0.range.count <= 2
            && ["demain", "aujourd'hui", "aujourd", "apres-demain", "apres", "auj", "dem"].contains(word(t, $0.range.lowerBound) ?? "") }
        for k in out.indices where out[k].days.count == 1 && isBareWeekdayPhrase(out[k], t) && !out[k].negated {
            let day = out[k].days[0]
            if relativeDays.contains(where: { $0.days[0] == day && $0.range != out[k].range }) {
                out[k].doubts.append(Doubts.nextAmbiguous(day, day.adding(days: 7)))
            }
        }
        return (settle(out, t, context), out.map(\.range))
    }

    /// Things that happened on a day, not requests: "notre conversation du 10", "votre courrier du 8".
    static let contextNouns: Set<String> = ["conversation", "appel", "mail", "e-mail", "email", "courriel", "message",
                                            "courrier", "lettre", "entretien", "echange", "reponse", "envoi",
                                            "facture", "telephonique", "naissance", "demande", "certificat",
                                            "ordonnance", "convocation"]
    /// "comme convenu le 10 mai", "comme dit le 10 au téléphone": when something was said, not a day asked.
    static let toldOn: Set<String> = ["convenu", "dit", "ecrit", "envoye", "recu", "signale", "prevenu", "mentionne",
                                      "appele", "telephone", "explique", "parle", "annonce", "evoque", "precise",
                                      "discute", "vu", "rencontre"]

    /// Events named with their day ("la réunion du 10 mai"): a day told about, not asked for.
    static let eventNouns: Set<String> = ["rendez-vous", "rdv", "reunion", "visite", "consultation", "seance", "examen",
                                          "convocation", "conseil", "bilan", "spectacle", "kermesse", "operation",
                                          "sortie", "fete", "greve"]

    /// Words announcing the day a child is back: that day is not part of the absence.
    static let returnWords: Set<String> = ["retour", "reprise", "reprendra", "reprend", "revient", "reviendra",
                                           "rentrera", "retournera", "retourne", "reviendront", "reprendront",
                                           "rentrons", "rentrerons", "rentrent", "rentreront", "revenons",
                                           "reviendrons", "reviennent", "rentre", "reviendrai", "rentrerai",
                                           "retournerons", "retournons", "retrouvera"]

    /// "pas le 15", "pas mardi", "et non le 15", "non pas le 15", "au lieu du 15", "plutot que le 15".
    static func isNegatedDay(_ t: [Token], _ start: Int) -> Bool {
        var k = start - 1
        if ["le", "l", "du", "de", "la"].contains(word(t, k) ?? "") { k -= 1 }
        let w = word(t, k) ?? ""
        if w == "pas" {
            // "ce n'est pas le 15 mais le 22": the copula taken back.
            if word(t, k - 1) == "est", word(t, k - 2) == "n", ["ce", "c"].contains(word(t, k - 3) ?? "") { return true }
            if ["ne", "n"].contains(word(t, k - 1) ?? "") || (k >= 2 && ["ne", "n"].contains(word(t, k - 2) ?? "")) { return false }
            // "le 16, pas le 15", "jeudi pas vendredi"; but "et Nathan pas le jeudi" says Nathan won't, on Thursday.
            guard k >= 1 else { return true }
            let before = t[k - 1]
            if before.kind != .word { return true }
            let b = before.text
            return FrenchWords.weekdays[b] != nil || FrenchWords.months[b] != nil || Int(b.prefix(1)) != nil
                || ["est", "et", "mais", "non", "plutot", "demain", "aujourdhui", "matin", "soir", "midi", "ou"].contains(b)
        }
        // "enfin non le 26", "euh non, le 26": the later day is the one meant (the earlier one is taken back).
        if w == "non" { return !["enfin", "euh", "heu", "ah", "oh", "oups", "zut"].contains(word(t, k - 1) ?? "") }
        if w == "lieu", word(t, k - 1) == "au" { return true }
        if w == "que", word(t, k - 1) == "plutot" { return true }
        return false
    }

    /// What the phrases of one sentence mean together: "depuis ce matin … jusqu'à vendredi" is one period; "il a de la
    /// fièvre depuis hier soir" dates a symptom, not a request; "malade, à la maison jusqu'à vendredi" starts today.
    private static func settle(_ found: [DateMention], _ t: [Token], _ ctx: DateContext) -> [DateMention] {
        var out = found.filter { !$0.evening }
        // "lundi le 16", "Monday the 16th", "le 16, un lundi": one day said twice, checked against each other.
        var k = 0
        while k + 1 < out.count {
            let a = out[k], b = out[k + 1]
            let gap = t[min(a.range.upperBound, b.range.lowerBound)..<b.range.lowerBound].map(\.text)
            // "mardi prochain, le 21": the number says which Tuesday.
            let weekdayNamed = isBareWeekday(a, t) || t[a.range].allSatisfy {
                $0.kind == .word && (["le", "ce", "prochain", "prochaine"].contains($0.text) || FrenchWords.weekdays[$0.text] != nil)
            }
            let weekdayFirst = weekdayNamed && b.days.count == 1 && !isBareWeekday(b, t)
                && gap.allSatisfy { ["le", ","].contains($0) }
            let weekdayAfter = isBareWeekday(b, t) && a.days.count == 1 && !isBareWeekday(a, t)
                && !gap.isEmpty && gap.allSatisfy { [",", "un", "une", "soit", "c", "est", "donc"].contains($0) }
            if weekdayFirst || weekdayAfter {
                let (wdMention, day) = weekdayFirst ? (a, b) : (b, a)
                let written = t[wdMention.range].compactMap { FrenchWords.weekdays[$0.text] }.first
                var merged = day
                merged.range = a.range.lowerBound..<b.range.upperBound
                if let wd = written, let d = day.days.first, d.weekday != wd,
                   !merged.doubts.contains(where: { if case .weekdayMismatch = $0 { return true } else { return false } }) {
                    merged.doubts.append(Doubts.weekdayMismatch(d, written: wd))
                }
                out[k] = merged
                out.remove(at: k + 1)
                continue
            }
            k += 1
        }
        // "du 25 au 29 octobre, sauf le 27", "le 25 octobre le matin et le 26 l'après-midi": a day number said alone
        // takes the month of the days named before it in the sentence (within them when it can), not this month.
        for k in out.indices {
            guard let (day, weekday) = dayNumberAlone(out[k], t),
                  let prev = out[..<k].last(where: { !$0.days.isEmpty && namesMonth($0, t) }),
                  let first = prev.days.first, let last = prev.days.last else { continue }
            let candidates = [first, last].compactMap { CivilDate(year: $0.year, month: $0.month, day: day) }
            guard let pick = candidates.first(where: { $0 >= first && $0 <= last }) ?? candidates.last,
                  out[k].days != [pick] else { continue }
            out[k].days = [pick]
            out[k].doubts.removeAll { if case .weekdayMismatch = $0 { return true } else { return false } }
            if let wd = weekday, wd != pick.weekday { out[k].doubts.append(Doubts.weekdayMismatch(pick, written: wd)) }
        }
        if out.contains(where: { !$0.eveningEvent && !$0.days.isEmpty }) { out.removeAll { $0.eveningEvent } }
        // "pour les vacances de la Toussaint, … la première semaine": the week, not the whole holidays.
        for part in out where part.partOfHolidays && !part.days.isEmpty {
            out.removeAll { !$0.partOfHolidays && $0.isPeriod && $0.days.count > part.days.count
                && Set(part.days).isSubset(of: Set($0.days)) }
        }
        // "c'est le 16 pas le 15": the day taken back is not asked for (the reader replaces it in earlier requests).
        // Kept (marked) so that the reader can replace that day in the requests before.
        if out.contains(where: { $0.negated }), out.contains(where: { !$0.negated && !$0.days.isEmpty }) {
            let taken = Set(out.filter(\.negated).flatMap(\.days))
            for k in out.indices where !out[k].negated { out[k].days.removeAll { taken.contains($0) } }
        } else {
            for k in out.indices { out[k].negated = false }
        }
        // "le 22, mais finalement ce sera le 29", "mardi, non plutôt jeudi": the later day replaces the earlier.
        if let turn = t.indices.first(where: { i in
            guard t[i].kind == .word else { return false }
            let w = t[i].text, next = word(t, i + 1) ?? ""
            return (["finalement", "plutot"].contains(w) && next != "que")
                || (w == "en" && next == "fait") || ["pardon", "correction", "rectification", "erratum"].contains(w)
                || (w == "enfin" && next == "non") || (w == "non" && next == "pardon")
                || ["oups", "zut", "erreur", "euh", "heu"].contains(w)
                // "jeudi 16, euh non, vendredi 17": a "non" said to oneself.
                || (w == "non" && i > 0 && (t[i - 1].text == "," || ["euh", "heu", "ah", "oh", "ou", "oups"].contains(t[i - 1].text)))
                || (["veux", "voulais"].contains(w) && next == "dire")
        }), out.contains(where: { $0.range.lowerBound > turn && !$0.negated && !$0.days.isEmpty }) {
            for k in out.indices where out[k].range.upperBound <= turn && !out[k].negated {
                out[k].negated = true
                out[k].replacedByLater = true
            }
        }
        if out.contains(where: { !$0.context && (!$0.days.isEmpty || !$0.doubts.isEmpty) }) { out.removeAll { $0.context } }
        // "le mercredi 15 mai, mais ce mercredi c'est ma garde": "ce mercredi" is the Wednesday just named.
        for k in out.indices where ["ce", "cet"].contains(word(t, out[k].range.lowerBound) ?? "") && isBareWeekdayPhrase(out[k], t) {
            let wd = out[k].days.first?.weekday
            if let named = out.first(where: { $0.range.lowerBound < out[k].range.lowerBound && !isBareWeekdayPhrase($0, t)
                                                && $0.days.count == 1 && $0.days[0].weekday == wd }) {
                out[k].days = named.days
            }
        }
        // "je vous le confirme ce soir": a time of today beside the days asked is when, not which day.
        if out.contains(where: { !$0.partOfToday && !$0.days.isEmpty }) { out.removeAll { $0.partOfToday } }
        // "retour lundi prochain": the day back is not a day away; the absence runs to the last weekday before it
        // ("absente demain, retour lundi", "à partir de demain, retour prévu lundi").
        if out.contains(where: { !$0.returnDay && (!$0.days.isEmpty || !$0.doubts.isEmpty) }) {
            if let back = out.first(where: \.returnDay)?.days.first,
               let first = out.filter({ !$0.returnDay }).flatMap(\.days).min(), first < back {
                var last = back.adding(days: -1)
                while last.weekday >= 6, last > first { last = last.adding(days: -1) }
                if let k = out.firstIndex(where: { !$0.returnDay && $0.days.contains(first) }) {
                    out[k].days = span(first, last)
                    out[k].doubts.removeAll { $0.isNoEnd }
                    out[k].openEnd = false
                }
                let kept = out.firstIndex(where: { $0.days.first == first }) ?? 0
                out = out.enumerated().filter { $0.offset == kept || !( $0.element.returnDay || $0.element.days.allSatisfy { d in d >= first && d <= last }) }.map(\.element)
            } else {
                // The day back comes before the days read (they may be told in the past, shifted by Clause): kept
                // aside so that a gap between the last day away and the day back is asked, not dropped.
                let back = out.first(where: \.returnDay)?.days.first
                out.removeAll { $0.returnDay }
                if let back { for k in out.indices { out[k].droppedReturn = back } }
            }
        }
        // "l'accueil de loisirs du mercredi le 17/03": the weekday names the activity when another day is given.
        let activityNouns: Set<String> = ["loisirs", "loisir", "centre", "alsh", "aere", "accueil"]
        func namesActivity(_ m: DateMention) -> Bool {
            guard m.days.count == 1, isBareWeekday(m, t) else { return false }
            let k = m.range.lowerBound
            // "l'accueil de loisirs du mercredi le 17/03", "le centre du mercredi": the weekday is the centre's name.
            // "au centre de loisirs mercredi" is a day.
            if word(t, k) == "du", activityNouns.contains(word(t, k - 1) ?? "") { return true }
            if ["du", "le"].contains(word(t, k - 1) ?? ""), activityNouns.contains(word(t, k - 2) ?? "") { return true }
            return activityNouns.contains(word(t, k - 1) ?? "")
                && found.contains { $0.range.lowerBound >= m.range.upperBound && $0.range.lowerBound <= m.range.upperBound + 1 }
        }
        if out.contains(where: { !namesActivity($0) && !$0.days.isEmpty }) { out.removeAll(where: namesActivity) }
        // "mais pas vendredi 19", "sauf le mercredi": days taken out of the others.
        if let cut = exceptionIndex(t), out.contains(where: { $0.range.lowerBound < cut }) {
            // Only the days chained right after "sauf" are taken out ("sauf le mercredi et le vendredi"); a period said
            // after them ("sauf le mercredi, à partir du 20 jusqu'aux vacances") still frames the request.
            let joiners: Set<String> = [",", "et", "ni", "le", "la", "les", "l", "du", "pas", "mais"]
            var chain: [Int] = []
            var edge = cut + 1
            for k in out.indices.sorted(by: { out[$0].range.lowerBound < out[$1].range.lowerBound })
                where out[k].range.lowerBound >= cut {
                let gap = t[min(edge, out[k].range.lowerBound)..<out[k].range.lowerBound]
                guard gap.allSatisfy({ joiners.contains($0.text) }) else { break }
                // After the first, only a day joined by "et", "ni" or a comma is one more exception.
                if !chain.isEmpty, !gap.contains(where: { [",", "et", "ni"].contains($0.text) }) { break }
                chain.append(k); edge = out[k].range.upperBound
            }
            let excluded = chain.map { out[$0] }
            let chained = Set(chain)
            out = out.indices.filter { !chained.contains($0) }.map { out[$0] }
            for x in excluded {
                let bare = isBareWeekday(x, t) || !x.weekdaySet.isEmpty || !x.bareWeekdays.isEmpty
                let weekdays = !x.weekdaySet.isEmpty ? x.weekdaySet : !x.bareWeekdays.isEmpty ? x.bareWeekdays : Set(x.days.map(\.weekday))
                for k in out.indices {
                    out[k].days.removeAll { d in bare ? weekdays.contains(d.weekday) : x.days.contains(d) }
                }
            }
        }
        // "depuis X … jusqu'à Y": from X to Y.
        if let j = out.firstIndex(where: { $0.openStart }), let end = out[j].days.last,
           let p = out[..<j].lastIndex(where: { $0.days.count == 1 && ($0.since || $0.openEnd || ($0.doubts.isEmpty && $0.days[0] == ctx.reference)
                || ($0.doubts.isEmpty && $0.weekdaySet.isEmpty && $0.range.upperBound == out[j].range.lowerBound)) }),
           out[p].days[0] <= end {
            let merged = DateMention(days: span(out[p].days[0], end),
                                     doubts: out[j].doubts.filter { !$0.isNoStart }
                                        + out[p].doubts.filter { !$0.isNoEnd },
                                     range: out[p].range.lowerBound..<out[j].range.upperBound, isPeriod: true)
            out.remove(at: j)
            out[p] = merged
        }
        // The child is away now ("est malade", "depuis …"): "jusqu'à vendredi" starts today.
        let words = t.map(\.text)
        let illness: Set<String> = ["grippe", "fievre", "gastro", "varicelle", "otite", "angine", "rhume", "bronchite",
                                    "conjonctivite", "covid", "malade", "malades", "souffrant", "souffrante"]
        let awayNow = words.contains("depuis") || words.contains(where: illness.contains) || words.indices.contains { i in
            ["est", "sont"].contains(words[i]) && i + 1 < words.count
                && ["malade", "malades", "absent", "absente", "absents", "absentes", "souffrant", "souffrante",
                    "hospitalise", "hospitalisee", "fievreux", "fievreuse"].contains(words[i + 1])
        }
        if awayNow {
            for k in out.indices where out[k].openStart && out[k].days.first == ctx.reference {
                out[k].doubts.removeAll { $0.isNoStart }
                out[k].openStart = false
            }
        }
        // "elle est malade, elle reviendra jeudi", "il ne retournera pas à l'école avant lundi": only the day back is
        // said, and the child is away now — away from today to the last weekday before it.
        let recovered = IntentReader.recovered.matches(words.joined(separator: " "))
        if !out.isEmpty, out.allSatisfy(\.returnDay), (awayNow && !recovered) || out.contains(where: \.notBefore),
           let back = out.first?.days.first, back > ctx.reference {
            var last = back.adding(days: -1)
            while last.weekday >= 6, last > ctx.reference { last = last.adding(days: -1) }
            let lower = out.map(\.range.lowerBound).min() ?? 0, upper = out.map(\.range.upperBound).max() ?? 0
            out = [DateMention(days: span(ctx.reference, last), doubts: out.flatMap(\.doubts), range: lower..<upper, isPeriod: true)]
        }
        // "depuis hier" next to the days asked for: only describes.
        if out.contains(where: { !$0.since && (!$0.days.isEmpty || !$0.doubts.isEmpty || $0.sameAsPrevious) }) {
            out.removeAll { $0.since }
        } else {
            // "Élise est absente depuis hier": from then to today, and until when?
            for k in out.indices where out[k].since {
                let start = out[k].days[0]
                out[k].days = start <= ctx.reference ? span(start, ctx.reference) : [start]
                out[k].doubts.append(Doubts.noEnd(start))
            }
        }
        // "ne mangera plus à la cantine le vendredi": a habit that stops, with no period said — which weeks is asked.
        let noLonger = words.contains("plus") && (words.contains("ne") || words.contains("n"))
        if noLonger, !out.contains(where: { $0.isPeriod && $0.weekdaySet.isEmpty && !$0.days.isEmpty }) {
            for k in out.indices where !out[k].weekdaySet.isEmpty {
                let wd = out[k].weekdaySet.min() ?? 1
                out[k].days = []
                out[k].doubts = [Doubts.recurringWithoutPeriod(FrenchWords.weekdayNames[wd - 1])]
            }
        }
        // Habits within a period: "à partir du 20 … jusqu'aux vacances, le mardi et le vendredi"; bare weekdays within
        // a week named beside them: "mardi et jeudi cette semaine".
        let periods = out.filter { $0.isPeriod && $0.weekdaySet.isEmpty && !$0.days.isEmpty }
        let habits = out.filter { !$0.weekdaySet.isEmpty }
        if !periods.isEmpty, !habits.isEmpty {
            let weekdays = habits.reduce(into: Set<Int>()) { $0.formUnion($1.weekdaySet) }
            let days = Set(periods.flatMap(\.days)).filter { weekdays.contains($0.weekday) }
            // "tous les lundis jusqu'aux vacances": from now on, so the start is not asked.
            let doubts = periods.flatMap { p in
                p.openStart ? p.doubts.filter { !$0.isNoStart } : p.weekQualifier ? p.doubts.filter { $0 != Doubts.whichDays } : p.doubts
            }
            let lower = out.map(\.range.lowerBound).min() ?? 0, upper = out.map(\.range.upperBound).max() ?? 0
            out.removeAll { ($0.isPeriod && $0.weekdaySet.isEmpty) || !$0.weekdaySet.isEmpty }
            out.append(DateMention(days: days.sorted(), doubts: doubts, range: lower..<upper, isPeriod: true))
            out.sort { $0.range.lowerBound < $1.range.lowerBound }
        } else if let w = out.firstIndex(where: \.weekQualifier), out.count > 1 {
            let others = out.indices.filter { $0 != w }
            let week = Set(out[w].days)
            if others.allSatisfy({ !out[$0].bareWeekdays.isEmpty }) {
                let weekdays = others.reduce(into: Set<Int>()) { $0.formUnion(out[$1].bareWeekdays) }
                let kept = out[w].days.filter { weekdays.contains($0.weekday) }
                for k in others {
                    out[k].days = kept.filter { d in out[k].bareWeekdays.contains(d.weekday) }
                    out[k].doubts = []
                    out[k].inNamedWeek = true
                }
                out.remove(at: w)
            } else if others.allSatisfy({ !out[$0].days.isEmpty && out[$0].days.allSatisfy(week.contains) }) {
                out.remove(at: w)
            }
        }
        // Yesterday next to days to come: was yesterday an absence too, or only when it started?
        let past = out.filter(\.yesterday).flatMap(\.days)
        let ahead = out.filter { !$0.yesterday }.flatMap(\.days).filter { $0 >= ctx.reference }
        if !past.isEmpty, !ahead.isEmpty, let k = out.firstIndex(where: \.yesterday) {
            out[k].doubts.append(Doubts.yesterdayToo(past[0]))
        }
        return out
    }

    // MARK: - Phrases

    /// The phrase readers, most specific first.
    private static let readers: [@Sendable ([Token], Int, DateContext) -> DateMention?] = [
        { t, i, _ in sameDay(t, i) }, holidayWeek, backToSchoolWeek, movableFeast, weekNumber, weeksAhead, monthPeriod, relativeToDay,
        ordinalWeekday, week, recurring, range, list,
    ]

    private static func mention(_ t: [Token], at i: Int, _ ctx: DateContext) -> DateMention? {
        for read in readers {
            if let m = read(t, i, ctx) { return m }
        }
        return nil
    }

    /// Easter Sunday (Gregorian computus), from which the movable public holidays follow.
    static func easter(_ year: Int) -> CivilDate? {
        let a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)
    }

    /// "le lundi de Pâques", "l'Ascension", "le pont de l'Ascension", "la semaine de l'Ascension", "le lundi de
    /// Pentecôte", "le mardi gras": days from Easter, the next such one from the mail's day.
    private static func movableFeast(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard let w = word(t, i) else { return nil }
        var k = i
        var offset: Int?
        var wholeWeek = false
        func feast(_ at: Int) -> (Int, Int)? {   // (days from Easter, index after)
            var n = at
            if ["l", "la", "le"].contains(word(t, n) ?? "") { n += 1 }
            switch word(t, n) {
            case "ascension": return (39, n + 1)
            case "pentecote": return (49, n + 1)
            case "paques": return (0, n + 1)
            default: return nil
            }
        }
        if w == "lundi", ["de", "d"].contains(word(t, i + 1) ?? ""), let (f, end) = feast(i + 2), f != 39 {
            offset = f + 1; k = end
        } else if w == "jeudi", ["de", "d"].contains(word(t, i + 1) ?? ""), let (f, end) = feast(i + 2), f == 39 {
            offset = 39; k = end
        } else if ["pont", "vendredi"].contains(w), ["de", "d", "du"].contains(word(t, i + 1) ?? ""), let (f, end) = feast(i + 2), f == 39 {
            offset = 40; k = end
        } else if w == "semaine", ["de", "d"].contains(word(t, i + 1) ?? ""), let (f, end) = feast(i + 2) {
            offset = f == 0 ? 1 : f; k = end; wholeWeek = true
        } else if w == "mardi", word(t, i + 1) == "gras" {
            offset = -47; k = i + 2
        } else if w == "ascension", word(t, i - 1) == "l" || word(t, i - 1) == "a" {
            offset = 39; k = i + 1
        } else {
            return nil
        }
        guard let o = offset else { return nil }
        let ref = ctx.reference
        let days = [ref.year, ref.year + 1].compactMap { easter($0)?.adding(days: o) }
        guard let day = days.first(where: { wholeWeek ? $0.adding(days: 4) >= ref : $0 >= ref }) else { return nil }
        // This year's was a few weeks ago: did the parent mean it (past) or next year's? Asked.
        let justPast = easter(ref.year)?.adding(days: o).days(until: ref) ?? 0
        let doubts: [Doubt] = day.year > ref.year && justPast > 0 && justPast <= 90 ? [Doubts.whichDays] : []
        if wholeWeek { return DateMention(days: schoolWeek(monday: monday(of: day)), doubts: doubts, range: i..<k, isPeriod: true) }
        return DateMention(days: [day], doubts: doubts, range: i..<k)
    }

    /// "semaine 42", "la semaine n° 42": ISO week, Monday to Friday, the nearest such week from the mail's day.
    private static func weekNumber(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard word(t, i) == "semaine" else { return nil }
        var k = i + 1
        if ["n", "no", "numero"].contains(word(t, k) ?? "") { k += 1 }
        if k < t.count, t[k].text == "°" { k += 1 }
        guard k < t.count, t[k].kind == .number, (1...53).contains(t[k].value) else { return nil }
        let n = t[k].value
        func monday(year: Int, week: Int) -> CivilDate? {
            guard let jan4 = CivilDate(year: year, month: 1, day: 4) else { return nil }
            let first = jan4.adding(days: -(jan4.weekday - 1))
            let m = first.adding(days: 7 * (week - 1))
            // Week 53 exists only in some years.
            return week == 53 && m.adding(days: 3).year != year ? nil : m
        }
        let ref = ctx.reference
        let candidates = [ref.year - 1, ref.year, ref.year + 1].compactMap { monday(year: $0, week: n) }
        guard let start = candidates.filter({ $0.adding(days: 4) >= ref }).min() ?? candidates.max() else { return nil }
        return DateMention(days: schoolWeek(monday: start), range: i..<(k + 1), isPeriod: true, weekQualifier: true)
    }

    /// "tout le mois de novembre", "le mois d'octobre", "les deux dernières semaines d'octobre", "la première
    /// quinzaine de mars".
    private static func monthPeriod(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard let w = word(t, i) else { return nil }
        var k = i
        if ["tout", "pendant", "durant"].contains(w) { k += 1 }
        if word(t, k) == "le", word(t, k + 1) == "mois", ["de", "d"].contains(word(t, k + 2) ?? ""),
           let m = FrenchWords.months[word(t, k + 3) ?? ""] {
            let (days, end) = monthDays(m, t, k + 4, ctx)
            return DateMention(days: days, range: i..<end, isPeriod: true)
        }
        // "les deux premières/dernières semaines de/d'octobre", "la première/dernière quinzaine de mars"
        var n = 1
        k = i
        guard ["les", "la"].contains(w) else { return nil }
        k += 1
        if let c = FrenchWords.counts[word(t, k) ?? ""] { n = c; k += 1 }
        guard let which = word(t, k), ["premieres", "dernieres", "premiere", "derniere"].contains(which) else { return nil }
        let unit = word(t, k + 1) ?? ""
        guard ["semaines", "semaine", "quinzaine"].contains(unit), ["de", "d"].contains(word(t, k + 2) ?? ""),
              let m = FrenchWords.months[word(t, k + 3) ?? ""] else { return nil }
        let (all, end) = monthDays(m, t, k + 4, ctx, upcomingOnly: false)
        guard let first = all.first, let last = all.last else { return nil }
        if unit == "quinzaine" {
            let days = which.hasPrefix("premiere") ? Array(all.prefix(15)) : Array(all.suffix(max(0, all.count - 15)))
            return DateMention(days: days, range: i..<end, isPeriod: true)
        }
        // Weeks are school weeks (Monday to Friday). A month starting mid-week (ending mid-week) has a first (last)
        // week that is only partly in it: which week is meant is asked.
        var doubts: [Doubt] = []
        let days: [CivilDate]
        if which.hasPrefix("premiere") {
            var start = first
            if first.weekday >= 6 { start = monday(of: first).adding(days: 7) }
            else if first.weekday != 1 { doubts.append(Doubts.whichWeek) }
            days = span(start, monday(of: start).adding(days: 7 * (n - 1) + 4))
        } else {
            var stop = last
            if last.weekday >= 6 { stop = monday(of: last).adding(days: 4) }
            else if last.weekday != 5 { doubts.append(Doubts.whichWeek) }
            days = span(monday(of: stop).adding(days: -7 * (n - 1)), stop)
        }
        return DateMention(days: days, doubts: doubts, range: i..<end, isPeriod: true)
    }

    /// The days of a month named without a year (the nearest one), from the mail's day on when it is under way.
    private static func monthDays(_ m: Int, _ t: [Token], _ after: Int, _ ctx: DateContext,
                                  upcomingOnly: Bool = true) -> ([CivilDate], Int) {
        var end = after
        var year = inferYear(day: CivilDate.daysIn(month: m, year: ctx.reference.year), month: m, ctx.reference)
        if let y = yearNumber(t, after) { year = y; end += 1 }
        guard let first = CivilDate(year: year, month: m, day: 1),
              let last = CivilDate(year: year, month: m, day: CivilDate.daysIn(month: m, year: year)) else { return ([], end) }
        let days = span(first, last)
        let upcoming = days.filter { $0 >= ctx.reference }
        return (upcomingOnly && !upcoming.isEmpty ? upcoming : days, end)
    }

    /// "le premier lundi de mai", "le dernier vendredi d'octobre", "le deuxième mercredi de juin".
    private static func ordinalWeekday(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard let w = word(t, i), let n = FrenchWords.ordinals[w], let wd = FrenchWords.weekdays[word(t, i + 1) ?? ""] else { return nil }
        guard ["de", "d", "du", "des"].contains(word(t, i + 2) ?? "") else {
            // "le premier lundi" of nothing named: which one is asked, the weekday is not read alone.
            return DateMention(days: [], doubts: [Doubts.whichDays], range: i..<(i + 2))
        }
        if word(t, i + 2) == "des" || word(t, i + 3) == "vacances" || word(t, i + 4) == "vacances" {
            // "le premier lundi des vacances (de la Toussaint)": within the holidays.
            let v = (i + 2)...(i + 4)
            guard let at = v.first(where: { word(t, $0) == "vacances" }) else {
                return DateMention(days: [], doubts: [Doubts.whichDays], range: i..<(i + 2))
            }
            let (name, end) = holidayName(t, at)
            let period = holidays(ctx, week: nil, named: name, range: i..<end)
            let matching = period.days.filter { $0.weekday == wd }
            let index = n == -1 ? matching.count - 1 : n - 1
            guard index >= 0, index < matching.count else { return DateMention(days: [], doubts: [Doubts.whichDays], range: i..<end) }
            return DateMention(days: [matching[index]], range: i..<end)
        }
        var k = i + 3
        if word(t, k) == "mois", ["de", "d"].contains(word(t, k + 1) ?? "") { k += 2 }
        guard let m = FrenchWords.months[word(t, k) ?? ""] else { return nil }
        let (all, end) = monthDays(m, t, k + 1, ctx, upcomingOnly: false)
        let matching = all.filter { $0.weekday == wd }
        guard !matching.isEmpty else { return nil }
        let index = n == -1 ? matching.count - 1 : n - 1
        guard index >= 0, index < matching.count else { return DateMention(days: [], doubts: [Doubts.whichDays], range: i..<end) }
        return DateMention(days: [matching[index]], range: i..<end)
    }

    /// "la veille du 15", "le lendemain de la sortie"? (only with a date), "le surlendemain de lundi", "l'avant-veille
    /// du 20".
    private static func relativeToDay(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard let w = word(t, i) else { return nil }
        let shifts: [String: Int] = ["veille": -1, "avant-veille": -2, "lendemain": 1, "surlendemain": 2]
        guard let shift = shifts[w], ["du", "de", "d"].contains(word(t, i + 1) ?? "") else { return nil }
        var k = i + 2
        if ["la", "le", "l"].contains(word(t, k) ?? "") { k += 1 }
        guard let a = atom(t, k, allowBare: true), a.day != nil || a.weekday != nil || a.relative != nil else { return nil }
        var doubts: [Doubt] = []
        guard let d = resolve(a, ctx, doubts: &doubts) else { return DateMention(days: [], doubts: doubts, range: i..<a.end) }
        return DateMention(days: [d.adding(days: shift)], doubts: doubts, range: i..<a.end)
    }

    private static func word(_ t: [Token], _ i: Int) -> String? {
        i >= 0 && i < t.count && t[i].kind == .word ? t[i].text : nil
    }

    private static func sameDay(_ t: [Token], _ i: Int) -> DateMention? {
        guard let w = word(t, i) else { return nil }
        if ["jour-la", "jours-la"].contains(w), ["ce", "ces"].contains(word(t, i - 1) ?? "") {
            return DateMention(days: [], sameAsPrevious: true, range: i..<(i + 1))
        }
        if ["meme", "memes"].contains(w), let n = word(t, i + 1), ["jour", "jours", "date", "dates"].contains(n) {
            return DateMention(days: [], sameAsPrevious: true, range: i..<(i + 2))
        }
        // "pendant cette période", "ces dates", "ces jours", "cette semaine-là"
        if ["cette", "ces"].contains(w), let n = word(t, i + 1),
           ["periode", "periode-la", "dates", "dates-la", "jours", "semaine-la", "semaines-la", "periodes"].contains(n) {
            return DateMention(days: [], sameAsPrevious: true, range: i..<(i + 2))
        }
        return nil
    }

    /// "la semaine de la rentrée (des vacances de …)": the school week after the next holidays of the town's calendar.
    private static func backToSchoolWeek(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard word(t, i) == "semaine", word(t, i + 1) == "de", word(t, i + 2) == "la", word(t, i + 3) == "rentree" else { return nil }
        var end = i + 4
        var name: String?
        if ["des", "de"].contains(word(t, end) ?? ""), word(t, end + 1) == "vacances" { (name, end) = holidayName(t, end + 1) }
        let periods = holidayPeriods(ctx.holidayDays).filter { p in
            p.last! >= ctx.reference && (name.flatMap { holidayMonths[$0] }.map { $0.contains(p[0].month) } ?? true)
        }
        guard let period = periods.first else { return DateMention(days: [], doubts: [Doubts.holidaysNotFound], range: i..<end) }
        let monday = monday(of: period.last!).adding(days: 7)
        return DateMention(days: schoolWeek(monday: monday), range: i..<end, isPeriod: true)
    }

    private static func holidayWeek(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard let w = word(t, i) else { return nil }
        var ordinal: Int?
        var j = i
        if let o = FrenchWords.ordinals[w], word(t, i + 1) == "semaine" { ordinal = o; j = i + 2 }
        else if ["toutes", "toute"].contains(w) { j = i + 1 }
        else if w == "les", ["deux", "2"].contains(word(t, i + 1) ?? (i + 1 < t.count ? t[i + 1].text : "")),
                word(t, i + 2) == "semaines", ["des", "de"].contains(word(t, i + 3) ?? "") {
            // "les deux semaines des vacances": the whole of a two-week holiday, asked when it is not two weeks.
            var k = i + 4
            if word(t, k) == "les" { k += 1 }
            if word(t, k) == "grandes" { k += 1 }
            if word(t, k) == "grandes" { k += 1 }
        guard word(t, k) == "vacances" else { return nil }
            let (name, end) = holidayName(t, k)
            var m = holidays(ctx, week: nil, named: name, range: i..<end)
            let weeks = Set(m.days.map { monday(of: $0) }).count
            if weeks != 2, !m.days.isEmpty { m.doubts.append(Doubts.whichWeek) }
            return m
        }
        else { return nil }
        if ordinal == nil {
            // "toutes les vacances", "toute la durée des vacances", "toute la période des vacances"
            var k = j
            if ["les", "la"].contains(word(t, k) ?? "") { k += 1 }
            if ["duree", "periode"].contains(word(t, k) ?? "") { k += 1; if word(t, k) == "des" { k += 1 } else { return nil } }
            if word(t, k) == "grandes" { k += 1 }
            if word(t, k) == "grandes" { k += 1 }
        guard word(t, k) == "vacances" else { return nil }
            let (name, end) = holidayName(t, k)
            return holidays(ctx, week: nil, named: name, range: i..<end)
        }
        guard ["des", "de"].contains(word(t, j) ?? "") else {
            // "Pour les vacances de la Toussaint, … la première semaine": the holidays named elsewhere in the sentence.
            guard let o = ordinal, !["du", "d", "de", "des"].contains(word(t, j) ?? ""),
                  let v = t.indices.first(where: { t[$0].kind == .word && t[$0].text == "vacances" }) else { return nil }
            let (name, _) = holidayName(t, v)
            var m = holidays(ctx, week: o, named: name, range: i..<j)
            m.partOfHolidays = true
            return m
        }
        var k = j + 1
        if word(t, k) == "les" { k += 1 }
        if word(t, k) == "grandes" { k += 1 }
        guard word(t, k) == "vacances" else { return nil }
        let (name, end) = holidayName(t, k)
        return holidays(ctx, week: ordinal, named: name, range: i..<end)
    }

    private static func holidays(_ ctx: DateContext, week: Int?, named: String?, range: Range<Int>) -> DateMention {
        let periods = holidayPeriods(ctx.holidayDays)
        guard let period = periods.first(where: { p in
            p.last! >= ctx.reference && (named.flatMap { holidayMonths[$0] }.map { $0.contains(p[0].month) } ?? true)
        }) else {
            return DateMention(days: [], doubts: [Doubts.holidaysNotFound], range: range)
        }
        guard let n = week else { return DateMention(days: period, range: range, isPeriod: true) }
        var weeks: [[CivilDate]] = []
        for d in period {
            if let last = weeks.last?.last, last.dayNumber - (last.weekday - 1) == d.dayNumber - (d.weekday - 1) {
                weeks[weeks.count - 1].append(d)
            } else {
                weeks.append([d])
            }
        }
        let index = n == -1 ? weeks.count - 1 : n - 1
        guard index >= 0, index < weeks.count else {
            return DateMention(days: [], doubts: [Doubts.holidaysNotFound], range: range)
        }
        return DateMention(days: weeks[index], range: range, isPeriod: true)
    }

    /// The first day of the next school holidays in the town's calendar ("jusqu'aux vacances de la Toussaint"),
    /// the name narrowing which when given.
    static func nextHolidayStart(_ ctx: DateContext, named: String?) -> CivilDate? {
        holidayPeriods(ctx.holidayDays).map { $0[0] }.first { start in
            start > ctx.reference && (named.flatMap { holidayMonths[$0] }.map { $0.contains(start.month) } ?? true)
        }
    }

    /// The months a named holiday starts in (French school calendar); the dates themselves come from the town's.
    static let holidayMonths: [String: Set<Int>] = ["toussaint": [10, 11], "noel": [12, 1], "hiver": [2, 3],
                                                    "fevrier": [2, 3], "printemps": [4, 5], "paques": [4, 5],
                                                    "avril": [4, 5], "ete": [7, 8]]

    /// "vacances", "vacances de la Toussaint", "vacances de Noël", "vacances d'hiver" from index i (at "vacances").
    private static func holidayName(_ t: [Token], _ i: Int) -> (String?, Int) {
        guard word(t, i) == "vacances" else { return (nil, i) }
        if word(t, i - 1) == "grandes" { return ("ete", i + 1) }   // "les grandes vacances": the summer
        var k = i + 1
        if ["de", "d"].contains(word(t, k) ?? "") {
            var n = k + 1
            if word(t, n) == "la" { n += 1 }
            if let name = word(t, n), ["toussaint", "noel", "hiver", "fevrier", "printemps", "paques", "ete", "avril"].contains(name) {
                return (name, n + 1)
            }
        }
        if let name = word(t, k), ["toussaint", "noel", "d'hiver"].contains(name) { k += 1; return (name, k) }
        return (nil, k)
    }

    /// The end of a period that is not a date: "les vacances (de …)", "la fin du mois", "la fin de la semaine".
    private static func periodEnd(_ t: [Token], _ k0: Int, _ ctx: DateContext) -> (CivilDate?, Int, [Doubt])? {
        var k = k0
        if ["la", "les"].contains(word(t, k) ?? "") { k += 1 }
        if word(t, k) == "grandes" { k += 1 }
        if word(t, k) == "vacances" {
            let (name, end) = holidayName(t, k)
            guard let start = nextHolidayStart(ctx, named: name) else { return (nil, end, [Doubts.holidaysNotFound]) }
            return (start.adding(days: -1), end, [])
        }
        if word(t, k) == "fin", ["de", "d"].contains(word(t, k + 1) ?? ""), word(t, k + 2) == "l" || word(t, k + 2) == "la",
           ["annee", "anne"].contains(word(t, k + 3) ?? ""), word(t, k + 4) == "scolaire" {
            // "jusqu'à la fin de l'année scolaire": the day before the summer holidays of the town's calendar.
            guard let start = nextHolidayStart(ctx, named: "ete") else { return (nil, k + 5, [Doubts.holidaysNotFound]) }
            return (start.adding(days: -1), k + 5, [])
        }
        if word(t, k) == "fin" {
            // "jusqu'à fin septembre", "jusqu'à la fin du mois d'octobre", "jusqu'à fin octobre 2027": the month's last day.
            var n = k + 1
            if ["du", "de", "d"].contains(word(t, n) ?? "") { n += 1 }
            if word(t, n) == "mois" { n += 1; if ["de", "d"].contains(word(t, n) ?? "") { n += 1 } }
            if let m = FrenchWords.months[word(t, n) ?? ""] {
                var year = inferYear(day: CivilDate.daysIn(month: m, year: ctx.reference.year), month: m, ctx.reference)
                var end = n + 1
                if end < t.count, t[end].kind == .number, (2000...2100).contains(t[end].value) { year = t[end].value; end += 1 }
                return (CivilDate(year: year, month: m, day: CivilDate.daysIn(month: m, year: year)), end, [])
            }
        }
        if word(t, k) == "fin", word(t, k + 1) == "des", word(t, k + 2) == "vacances" {
            // "jusqu'à la fin des vacances": the last day of the holidays under way or next.
            let (name, end) = holidayName(t, k + 2)
            let period = holidayPeriods(ctx.holidayDays).first { p in
                p.last! >= ctx.reference && (name.flatMap { holidayMonths[$0] }.map { $0.contains(p[0].month) } ?? true)
            }
            guard let last = period?.last else { return (nil, end, [Doubts.holidaysNotFound]) }
            return (last, end, [])
        }
        if word(t, k) == "fin", ["du", "de"].contains(word(t, k + 1) ?? "") {
            var n = k + 2
            if word(t, n) == "la" { n += 1 }
            let ref = ctx.reference
            if word(t, n) == "mois" {
                return (CivilDate(year: ref.year, month: ref.month, day: CivilDate.daysIn(month: ref.month, year: ref.year)), n + 1, [])
            }
            if word(t, n) == "semaine" { return (monday(of: ref).adding(days: 4), n + 1, []) }
        }
        return nil
    }

    /// Where an exception starts: "sauf", "excepté", "hormis", "mais pas", "à part".
    private static func exceptionIndex(_ t: [Token]) -> Int? {
        for i in t.indices where t[i].kind == .word {
            if ["sauf", "excepte", "hormis"].contains(t[i].text) { return i }
            if t[i].text == "mais", word(t, i + 1) == "pas" { return i }
            if t[i].text == "a", word(t, i + 1) == "part", word(t, i + 2) != "de", word(t, i + 2) != "du" { return i }
        }
        return nil
    }

    /// "le 27", "le lundi 25": one day number with no month (and maybe its weekday).
    private static func dayNumberAlone(_ m: DateMention, _ t: [Token]) -> (Int, Int?)? {
        guard m.days.count == 1 else { return nil }
        var day: Int?, weekday: Int?
        for tok in t[m.range] {
            if tok.kind == .number, day == nil, (1...31).contains(tok.value) { day = tok.value; continue }
            if tok.kind == .word, let wd = FrenchWords.weekdays[tok.text], weekday == nil { weekday = wd; continue }
            if tok.kind == .word, ["le", "la", "l", "du", "au", "ce", "er"].contains(tok.text) { continue }
            return nil
        }
        return day.map { ($0, weekday) }
    }

    /// The phrase names its month ("du 25 au 29 octobre", "le 25/10").
    private static func namesMonth(_ m: DateMention, _ t: [Token]) -> Bool {
        t[m.range].contains { ($0.kind == .word && FrenchWords.months[$0.text] != nil) || $0.kind == .numericDate }
    }

    /// "ce mercredi": a weekday with its demonstrative, no number, no month.
    static func isBareWeekdayPhrase(_ m: DateMention, _ t: [Token]) -> Bool {
        t[m.range].allSatisfy { $0.kind == .word && (["ce", "cet", "le"].contains($0.text) || FrenchWords.weekdays[$0.text] != nil) }
            && t[m.range].contains { FrenchWords.weekdays[$0.text] != nil }
    }

    /// The phrase is only a weekday ("mercredi", "le mercredi"), no number, no month.
    static func isBareWeekday(_ m: DateMention, _ t: [Token]) -> Bool {
        let words = t[m.range]
        return words.contains { FrenchWords.weekdays[$0.text] != nil }
            && words.allSatisfy { $0.kind == .word && (["le", "du", "ce"].contains($0.text) || FrenchWords.weekdays[$0.text] != nil) }
    }

    /// Runs of open days with no gap longer than a weekend.
    static func holidayPeriods(_ days: [CivilDate]) -> [[CivilDate]] {
        var periods: [[CivilDate]] = []
        for d in Set(days).sorted() {
            if let last = periods.last?.last, last.days(until: d) <= 4 { periods[periods.count - 1].append(d) }
            else { periods.append([d]) }
        }
        return periods
    }

    private static func schoolWeek(monday: CivilDate) -> [CivilDate] { (0..<5).map { monday.adding(days: $0) } }

    private static func monday(of d: CivilDate) -> CivilDate { d.adding(days: -(d.weekday - 1)) }

    private static func week(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard let w = word(t, i) else { return nil }
        let ref = ctx.reference
        if w == "semaine" {
            if word(t, i + 1) == "prochaine" {
                return DateMention(days: schoolWeek(monday: monday(of: ref).adding(days: 7)), range: i..<(i + 2),
                                   isPeriod: true, weekQualifier: word(t, i - 2) != "toute")
            }
            if ["du", "d"].contains(word(t, i + 1) ?? ""), let a = atom(t, i + 2, allowBare: true) {
                var doubts: [Doubt] = []
                guard let d = resolve(a, ctx, doubts: &doubts) else {
                    return DateMention(days: [], doubts: doubts, range: i..<a.end)
                }
                let start = d.weekday >= 6 ? monday(of: d).adding(days: 7) : monday(of: d)
                return DateMention(days: schoolWeek(monday: start), doubts: doubts, range: i..<a.end, isPeriod: true,
                                   weekQualifier: word(t, i - 2) != "toute")
            }
            if word(t, i + 1) == "d", word(t, i + 2) == "apres" {
                return DateMention(days: schoolWeek(monday: monday(of: ref).adding(days: 7)), range: i..<(i + 3), isPeriod: true)
            }
        }
        if w == "prochaine", word(t, i + 1) == "semaine" {
            return DateMention(days: schoolWeek(monday: monday(of: ref).adding(days: 7)), range: i..<(i + 2),
                               isPeriod: true, weekQualifier: true)
        }
        let wholeWeek = ["toute", "toutes"].contains(w) && word(t, i + 1) == "la" && word(t, i + 2) == "semaine"
            && !["prochaine", "du", "d", "suivante", "derniere"].contains(word(t, i + 3) ?? "")
            && !(word(t, i + 3) == "de" && word(t, i + 5) == "rentree") && movableFeast(t, i + 2, ctx) == nil
        if wholeWeek || (w == "cette" && word(t, i + 1) == "semaine") {
            let end = wholeWeek ? i + 3 : i + 2
            if ref.weekday >= 6 {
                return DateMention(days: schoolWeek(monday: monday(of: ref).adding(days: 7)),
                                   doubts: [Doubts.whichWeek], range: i..<end, isPeriod: true, weekQualifier: !wholeWeek)
            }
            return DateMention(days: schoolWeek(monday: monday(of: ref)).filter { $0 >= ref }, range: i..<end,
                               isPeriod: true, weekQualifier: !wholeWeek)
        }
        if w == "cette", word(t, i + 1) == "semaine" {
            if ref.weekday >= 6 {
                return DateMention(days: schoolWeek(monday: monday(of: ref).adding(days: 7)),
                                   doubts: [Doubts.whichWeek], range: i..<(i + 2))
            }
            return DateMention(days: schoolWeek(monday: monday(of: ref)).filter { $0 >= ref }, range: i..<(i + 2))
        }
        return nil
    }

    private static func recurring(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard let w = word(t, i) else { return nil }
        var j = i
        var weekday: Int?
        if ["tous", "toutes"].contains(w), word(t, i + 1) == "les", let wd = FrenchWords.weekdaysPlural[word(t, i + 2) ?? ""] {
            weekday = wd; j = i + 3
        } else if w == "chaque", let wd = FrenchWords.weekdays[word(t, i + 1) ?? ""] {
            weekday = wd; j = i + 2
        } else if w == "les", let wd = FrenchWords.weekdaysPlural[word(t, i + 1) ?? ""] {
            weekday = wd; j = i + 2
        } else if let wd = FrenchWords.weekdaysPlural[w], ["le", "la"].contains(word(t, i - 1) ?? "") == false {
            weekday = wd; j = i + 1
        }
        if weekday == nil, ["tous", "toutes"].contains(w), word(t, i + 1) == "les",
           ["jours", "soirs", "matins", "midis"].contains(word(t, i + 2) ?? "") {
            // "tous les jours (la semaine prochaine)": every weekday of the period said beside it (the calendar keeps
            // the open days); alone, which days is asked.
            let all: Set<Int> = [1, 2, 3, 4, 5]
            return DateMention(days: [], doubts: [Doubts.whichDays], range: i..<(i + 3), weekdaySet: all)
        }
        guard let wd = weekday else { return nil }
        // "les jeudis 23 et 30 septembre": days listed, read by list().
        if j < t.count, t[j].kind == .number || t[j].kind == .numericDate { return nil }
        // "les lundis et jeudis", "tous les lundis, mardis et jeudis", "le lundi et le jeudi"
        var set: Set<Int> = [wd]
        while [",", "et"].contains(j < t.count ? t[j].text : "") {
            var n = j + 1
            if ["les", "le"].contains(word(t, n) ?? "") { n += 1 }
            guard let more = FrenchWords.weekdaysPlural[word(t, n) ?? ""] else { break }
            set.insert(more); j = n + 1
        }
        // "du mois de mars", "de mars", "d'avril", "en mars"
        var k = j
        if ["du", "de", "d", "en", "au"].contains(word(t, k) ?? "") {
            k += 1
            if word(t, k) == "mois" { k += 1; if ["de", "d"].contains(word(t, k) ?? "") { k += 1 } }
        }
        if let m = FrenchWords.months[word(t, k) ?? ""] {
            var year: Int?
            if k + 1 < t.count, t[k + 1].kind == .number, (2000...2100).contains(t[k + 1].value) { year = t[k + 1].value; k += 1 }
            let y = year ?? inferYear(day: CivilDate.daysIn(month: m, year: ctx.reference.year), month: m, ctx.reference)
            guard let first = CivilDate(year: y, month: m, day: 1) else { return nil }
            var days: [CivilDate] = []
            var d = first
            while d.month == m {
                if set.contains(d.weekday) { days.append(d) }
                d = d.adding(days: 1)
            }
            // A month already under way: the days still to come.
            let upcoming = days.filter { $0 >= ctx.reference }
            return DateMention(days: upcoming.isEmpty ? days : upcoming, range: i..<(k + 1))
        }
        // "tous les jeudis" with no period: ask which weeks.
        if weekday != nil, ["tous", "toutes", "chaque"].contains(w) || FrenchWords.weekdaysPlural[w] != nil || w == "les" {
            return DateMention(days: [], doubts: [Doubts.recurringWithoutPeriod(FrenchWords.weekdayNames[wd - 1])],
                               range: i..<j, weekdaySet: set)
        }
        return nil
    }

    /// "dans 2 semaines", "dans quinze jours": the school week that many weeks ahead. It only says which week the
    /// weekdays beside it are in ("dans deux semaines, le lundi"); alone, which days is asked.
    private static func weeksAhead(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard word(t, i) == "dans", i + 2 < t.count else { return nil }
        let n = t[i + 1].kind == .number ? t[i + 1].value : FrenchWords.counts[t[i + 1].text]
        guard var n, (1...15).contains(n) else { return nil }
        if ["jour", "jours"].contains(word(t, i + 2) ?? ""), n == 8 || n == 15 { n = n == 8 ? 1 : 2 }
        else if !(1...10).contains(n) || !["semaine", "semaines"].contains(word(t, i + 2) ?? "") { return nil }
        let monday = monday(of: ctx.reference).adding(days: 7 * n)
        var m = DateMention(days: schoolWeek(monday: monday), doubts: [Doubts.whichDays], range: i..<(i + 3), isPeriod: true)
        m.weekQualifier = true
        return m
    }

    /// A single day as the end of a period ("d'ici vendredi", "d'ici le 24").
    private static func atomEnd(_ t: [Token], _ k: Int, _ ctx: DateContext) -> (CivilDate?, Int, [Doubt])? {
        guard let b = atom(t, skipArticle(t, k), allowBare: true) else { return nil }
        var doubts: [Doubt] = []
        let end = resolve(b, ctx, doubts: &doubts)
        return (end, endIncl(t, b.end), doubts)
    }

    private static func range(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        guard i < t.count else { return nil }
        let w = word(t, i) ?? ""
        var startAtom: Atom?
        var j = i
        var viaFromOn = false
        if ["du", "de", "d", "depuis"].contains(w), let a = atom(t, i + 1, allowBare: true) {
            startAtom = a; j = a.end
        } else if w == "entre", let a = atom(t, skipArticle(t, i + 1), allowBare: true) {
            startAtom = a; j = a.end
            guard word(t, j) == "et", let b = atom(t, skipArticle(t, j + 1), allowBare: true) else { return nil }
            return span(a, b, ctx, range: i..<b.end)
        } else if w == "a", ["partir", "compter"].contains(word(t, i + 1) ?? ""), ["de", "d", "du"].contains(word(t, i + 2) ?? ""),
                  let a = atom(t, i + 3, allowBare: true) ?? weekStart(t, i + 3, ctx) {
            startAtom = a; j = a.end; viaFromOn = true
        } else if w == "a", word(t, i + 1) == "partir", ["de", "d", "du"].contains(word(t, i + 2) ?? ""),
                  let a = rentree(t, i + 3, ctx) {
            startAtom = a; j = a.end; viaFromOn = true
        } else if w == "des", let a = atom(t, skipArticle(t, i + 1), allowBare: false) ?? weekStart(t, i + 1, ctx) ?? rentree(t, i + 1, ctx),
                  a.weekday != nil || a.relative != nil || a.month != nil {
            startAtom = a; j = a.end; viaFromOn = true
        } else if FrenchWords.weekdays[w] != nil || t[i].kind == .number || t[i].kind == .numericDate, !["du", "de", "le", "au", "a"].contains(word(t, i - 1) ?? ""),
                  let a = atom(t, i, allowBare: false), a.day != nil,
                  ["au", "jusqu"].contains(word(t, a.end) ?? "") || (a.end < t.count && t[a.end].text == "-"),
                  let b = atom(t, skipArticle(t, word(t, a.end) == "jusqu" ? a.end + 2 : a.end + 1), allowBare: true),
                  b.day != nil || b.weekday != nil {
            // "20/09 - 22/09", "lundi 20 - mercredi 22": a dash between two days is a range too.
            // "mercredi 17 au vendredi 19": a range written without its "du".
            var m = span(a, b, ctx, range: i..<endIncl(t, b.end))
            m.isPeriod = true
            return m
        } else if t[i].kind == .number, (1...31).contains(t[i].value), i + 2 < t.count, t[i + 1].text == "-",
                  t[i + 2].kind == .number, t[i + 2].value > t[i].value, t[i + 2].value <= 31,
                  let b = atom(t, i + 2, allowBare: true), b.day != nil, b.month != nil {
            // "25-29 oct", "du 25-29 octobre": a range written with a hyphen (the month after the end).
            let a = Atom(day: t[i].value, end: i + 1)
            var m = span(a, b, ctx, range: (["du", "le", "les"].contains(word(t, i - 1) ?? "") ? i - 1 : i)..<endIncl(t, b.end))
            m.isPeriod = true
            return m
        } else if w == "le", let a = atom(t, i + 1, allowBare: true), a.day != nil, word(t, a.end) == "au",
                  let b = atom(t, skipArticle(t, a.end + 1), allowBare: true), b.day != nil {
            // "le lundi 20 septembre au vendredi 24 septembre": a range written with "le" for "du".
            var m = span(a, b, ctx, range: i..<endIncl(t, b.end))
            m.isPeriod = true
            return m
        } else if w == "d", word(t, i + 1) == "ici", let (endDay, e, endDoubts) = periodEnd(t, i + 2, ctx) ?? atomEnd(t, i + 2, ctx) {
            // "d'ici vendredi": until then, from when is asked (unless the child is away now).
            guard let end = endDay else { return DateMention(days: [], doubts: endDoubts, range: i..<e) }
            let start = ctx.reference
            return DateMention(days: start <= end ? span(start, end) : [end], doubts: endDoubts + [Doubts.noStart(end)],
                               range: i..<e, openStart: true, isPeriod: true)
        } else if w == "jusqu" || (w == "jusque" ) {
            // "jusqu'à vendredi" with no start: from the message's day.
            var k = i + 1
            if ["au", "a", "aux"].contains(word(t, k) ?? "") { k += 1 }
            if let (endDay, e, endDoubts) = periodEnd(t, k, ctx) {
                guard let end = endDay else { return DateMention(days: [], doubts: endDoubts, range: i..<e) }
                let start = ctx.reference
                return DateMention(days: start <= end ? span(start, end) : [end], doubts: [Doubts.noStart(end)],
                                   range: i..<e, openStart: true, isPeriod: true)
            }
            if let feast = movableFeast(t, k, ctx) ?? movableFeast(t, k + 1, ctx), let end = feast.days.last {
                let start = ctx.reference
                return DateMention(days: start <= end ? span(start, end) : [end], doubts: [Doubts.noStart(end)],
                                   range: i..<feast.range.upperBound, openStart: true, isPeriod: true)
            }
            if word(t, k) == "la" { k += 1 }
            guard let b = atom(t, k, allowBare: true) else { return nil }
            var doubts: [Doubt] = []
            guard let end = resolve(b, ctx, doubts: &doubts) else {
                return DateMention(days: [], doubts: doubts, range: i..<endIncl(t, b.end))
            }
            let start = ctx.reference
            doubts.append(Doubts.noStart(end))
            let days = start <= end ? span(start, end) : [end]
            return DateMention(days: days, doubts: doubts, range: i..<endIncl(t, b.end), openStart: true)
        }
        guard let a = startAtom else { return nil }
        // Connector to the end: "au", "à", "jusqu'au", "jusqu'à", ", et jusqu'à"
        var k = j
        while [",", "et"].contains(t.indices.contains(k) ? t[k].text : "") { k += 1 }
        var connected = false
        if ["au", "a", "aux"].contains(word(t, k) ?? "") { k += 1; connected = true }
        else if word(t, k) == "jusqu" || word(t, k) == "jusque" {
            k += 1
            if ["au", "a", "aux"].contains(word(t, k) ?? "") { k += 1 }
            connected = true
        }
        if connected, let (endDay, e, endDoubts) = periodEnd(t, k, ctx) {
            var doubts: [Doubt] = []
            guard let start = resolve(a, ctx, doubts: &doubts) else { return DateMention(days: [], doubts: doubts, range: i..<e) }
            guard let end = endDay else { return DateMention(days: [start], doubts: doubts + endDoubts, range: i..<e) }
            if end < start { return DateMention(days: [start], doubts: doubts + [Doubts.inverted(start, end)], range: i..<e) }
            return DateMention(days: span(start, end), doubts: doubts, range: i..<e, isPeriod: true)
        }
        if connected, word(t, k) == "la", FrenchWords.weekdays[word(t, k + 1) ?? ""] == nil { connected = false }
        if connected, let b = atom(t, skipArticle(t, k), allowBare: true) {
            var m = span(a, b, ctx, range: i..<endIncl(t, b.end))
            m.isPeriod = true
            return m
        }
        if viaFromOn {
            var doubts: [Doubt] = []
            guard let d = resolve(a, ctx, doubts: &doubts) else { return DateMention(days: [], doubts: doubts, range: i..<j) }
            doubts.append(Doubts.noEnd(d))
            return DateMention(days: [d], doubts: doubts, range: i..<j, openEnd: true)
        }
        return nil   // "du mercredi 17 mars" alone: a single day, read by list()
    }

    /// "la rentrée (des vacances de printemps)": the first school day after the holidays under way or next.
    private static func rentree(_ t: [Token], _ i: Int, _ ctx: DateContext) -> Atom? {
        var k = i
        if word(t, k) == "la" { k += 1 }
        guard word(t, k) == "rentree" else { return nil }
        var end = k + 1
        var name: String?
        if ["des", "de"].contains(word(t, end) ?? ""), word(t, end + 1) == "vacances" { (name, end) = holidayName(t, end + 1) }
        guard let period = holidayPeriods(ctx.holidayDays).first(where: { p in
            p.last! >= ctx.reference && (name.flatMap { holidayMonths[$0] }.map { $0.contains(p[0].month) } ?? true)
        }) else { return nil }
        let back = monday(of: period.last!).adding(days: 7)
        return Atom(relative: ctx.reference.days(until: back), end: end)
    }

    /// "la semaine prochaine", "la semaine du 20" as the start of a period: its Monday.
    private static func weekStart(_ t: [Token], _ i: Int, _ ctx: DateContext) -> Atom? {
        var k = i
        if word(t, k) == "la" { k += 1 }
        guard let m = week(t, k, ctx), let first = m.days.first, m.doubts.isEmpty else { return nil }
        return Atom(relative: ctx.reference.days(until: first), end: m.range.upperBound)
    }

    private static func endIncl(_ t: [Token], _ end: Int) -> Int {
        word(t, end) == "inclus" || word(t, end) == "compris" || word(t, end) == "inclusivement" ? end + 1 : end
    }

    private static func skipArticle(_ t: [Token], _ i: Int) -> Int {
        ["le", "l"].contains(word(t, i) ?? "") ? i + 1 : i
    }

    /// Longest period expanded: "du 01/01/2027 au 31/12/9999" must not cost millions of days. Anything this long
    /// is asked about by the daemon anyway.
    static let maxSpanDays = 366

    private static func span(_ a: CivilDate, _ b: CivilDate) -> [CivilDate] {
        guard a <= b else { return [] }
        return (0...min(a.days(until: b), maxSpanDays)).map { a.adding(days: $0) }
    }

    private static func span(_ a0: Atom, _ b0: Atom, _ ctx: DateContext, range: Range<Int>) -> DateMention {
        var a = a0, b = b0
        var doubts: [Doubt] = []
        // "du 15 au 17 mars": the start takes the end's month and year.
        if a.month == nil, a.day != nil, a.relative == nil, let m = b.month {
            // "du 20 au 1er octobre" written in September: the start read alone (this month if still to come) when
            // it falls before the end; otherwise the end's month ("du 19 au 15 mars" is then asked as inverted).
            var scratch: [Doubt] = []
            var endScratch = b
            endScratch.year = b.year ?? inferYear(day: b.day ?? 1, month: m, ctx.reference)
            if let alone = resolve(a, ctx, doubts: &scratch), scratch.isEmpty,
               let end = resolve(endScratch, ctx, doubts: &scratch), alone <= end, alone.month != m,
               let da = a.day, let db = b.day, da > db, alone.days(until: end) <= 31 {
                a.month = alone.month; a.year = alone.year
            } else {
                a.month = m; a.year = a.year ?? b.year
            }
        }
        if a.month == nil, a.day != nil, a.relative == nil, b.month == nil, b.day != nil, b.relative == nil {
            // "du lundi 15 au vendredi 19": both in the natural month of the start.
            var tmp: [Doubt] = []
            if let s = resolve(a, ctx, doubts: &tmp) { a.month = s.month; a.year = s.year }
        }
        var startDoubts: [Doubt] = []
        guard let start = resolve(a, ctx, doubts: &startDoubts) else {
            return DateMention(days: [], doubts: startDoubts, range: range)
        }
        doubts += startDoubts
        if b.month == nil, b.day != nil, b.relative == nil {
            b.month = start.month; b.year = b.year ?? start.year
            if let d = b.day, d < start.day {
                b.month = start.month == 12 ? 1 : start.month + 1
                b.year = start.month == 12 ? start.year + 1 : start.year
            }
        }
        if b.year == nil, b.month != nil, a.year != nil { b.year = a.year }
        guard let end = resolve(b, ctx, after: start, doubts: &doubts) else {
            return DateMention(days: [], doubts: doubts, range: range)
        }
        if end < start {
            doubts.append(Doubts.inverted(start, end))
            return DateMention(days: span(end, start), doubts: doubts, range: range)
        }
        if start.days(until: end) > 62 { doubts.append(Doubts.tooLong(start, end)) }
        return DateMention(days: span(start, end), doubts: doubts, range: range)
    }

    private static let listArticles: Set<String> = ["le", "les", "du", "au", "des", "ce", "l", "et", "aux"]

    private static func list(_ t: [Token], _ i: Int, _ ctx: DateContext) -> DateMention? {
        let start = skipArticle(t, i)
        let prev = word(t, start - 1) ?? (start > 0 ? t[start - 1].text : "")
        guard let first = atom(t, start, allowBare: listArticles.contains(prev)) else { return nil }
        var atoms = [first]
        var k = first.end
        var alternative = false
        while k < t.count {
            var n = k
            var sawConnector = false
            while n < t.count, [",", "et", "ou", "&", "+", "ni", "and", "/"].contains(t[n].text) {
                // "lundi/mardi": one or the other, or both? Asked.
                if t[n].text == "ou" || t[n].text == "/" { alternative = true }
                sawConnector = true; n += 1
            }
            guard sawConnector else { break }
            if ["le", "les", "l", "du"].contains(word(t, n) ?? "") { n += 1 }
            guard var a = atom(t, n, allowBare: true) else { break }
            // "mardi prochain, le 21": the number says which Tuesday — one day, checked against its weekday.
            if let last = atoms.last, last.weekday != nil, last.day == nil, last.relative == nil, a.day != nil, a.weekday == nil,
               t[last.end..<n].allSatisfy({ [",", "le"].contains($0.text) }) {
                a.weekday = last.weekday
                atoms[atoms.count - 1] = a; k = a.end
                continue
            }
            atoms.append(a); k = a.end
        }
        // "jeudi et vendredi de la semaine prochaine", "lundi et mardi prochains": the week said after the last weekday
        // covers the bare weekdays listed before it.
        if let last = atoms.last, atoms.count > 1, last.weekday != nil, last.day == nil, last.relative == nil,
           last.nextWeek || last.nextFlag || last.weeksLater > 0 || last.lastFlag {
            for idx in atoms.indices.dropLast() where atoms[idx].weekday != nil && atoms[idx].day == nil
                && atoms[idx].month == nil && atoms[idx].relative == nil && !atoms[idx].nextFlag && !atoms[idx].lastFlag
                && !atoms[idx].nextWeek && atoms[idx].weeksLater == 0 {
                atoms[idx].nextWeek = last.nextWeek; atoms[idx].nextFlag = last.nextFlag; atoms[idx].weeksLater = last.weeksLater
                atoms[idx].lastFlag = last.lastFlag
            }
        }
        // Bare day numbers take the month of the next atom that has one ("les 12, 13 et 14 avril"), else the previous.
        // A list runs forward in time: "les 30 et 1er octobre" is 30 September, "le 30 septembre et le 1er" 1 October.
        for idx in atoms.indices where atoms[idx].isBareDay || (atoms[idx].month == nil && atoms[idx].day != nil) {
            if let later = atoms[(idx + 1)...].first(where: { $0.month != nil }), let m = later.month {
                let back = (atoms[idx].day ?? 0) > (later.day ?? 31)
                atoms[idx].month = back ? (m == 1 ? 12 : m - 1) : m
                if let y = later.year { atoms[idx].year = atoms[idx].year ?? (back && m == 1 ? y - 1 : y) }
            } else if let earlier = atoms[..<idx].last(where: { $0.month != nil }), let m = earlier.month {
                let ahead = (atoms[idx].day ?? 31) < (earlier.day ?? 0)
                atoms[idx].month = ahead ? (m == 12 ? 1 : m + 1) : m
                if let y = earlier.year { atoms[idx].year = atoms[idx].year ?? (ahead && m == 12 ? y + 1 : y) }
            }
        }
        var doubts: [Doubt] = []
        var days: [CivilDate] = []
        var anchor: CivilDate?
        for a in atoms {
            if let d = resolve(a, ctx, after: a.weekday != nil && a.day == nil && a.relative == nil ? nil : nil,
                               listAnchor: anchor, doubts: &doubts) {
                days.append(d); anchor = d
            }
        }
        if alternative && days.count > 1 { doubts.append(Doubts.alternative(days)) }
        // "ce jeudi" written on a Thursday: today, or next week's? Asked.
        if let f = atoms.first, word(t, start - 1) == "ce" || word(t, i) == "ce", f.weekday == ctx.reference.weekday,
           f.day == nil, f.relative == nil, !f.nextFlag, !f.lastFlag, !f.nextWeek, f.weeksLater == 0,
           let d = days.first, d == ctx.reference.adding(days: 7) {
            doubts.append(Doubts.nextAmbiguous(ctx.reference, d))
        }
        var m = DateMention(days: Array(Set(days)).sorted(), doubts: doubts, range: i..<endIncl(t, k))
        if atoms.allSatisfy({ $0.weekday != nil && $0.day == nil && $0.month == nil && $0.relative == nil
                                && !$0.nextFlag && !$0.lastFlag && !$0.nextWeek && $0.weeksLater == 0 }) {
            let weekdays = Set(atoms.compactMap(\.weekday))
            m.bareWeekdays = weekdays
            // "le mardi et le vendredi": the article makes it a habit, kept within a period said beside it.
            if word(t, start - 1) == "le" || word(t, i) == "le" { m.weekdaySet = weekdays }
        }
        return m
    }

    // MARK: - Atoms

    private static func atom(_ t: [Token], _ i: Int, allowBare: Bool) -> Atom? {
        guard i < t.count else { return nil }
        let tok = t[i]
        if tok.kind == .numericDate {
            return Atom(day: tok.value, month: tok.month, year: tok.year, end: i + 1)
        }
        if tok.kind == .word {
            switch tok.text {
            case "aujourdhui": return withWeeksLater(t, Atom(relative: 0, end: i + 1))
            case "hier": return Atom(relative: -1, end: i + 1)
            case "avant-hier": return Atom(relative: -2, end: i + 1)
            case "avant" where word(t, i + 1) == "hier": return Atom(relative: -2, end: i + 2)
            case "demain": return withWeeksLater(t, Atom(relative: 1, end: i + 1))
            // SMS: "auj", "dem" (no other French word is spelt so).
            case "auj", "ajd": return Atom(relative: 0, end: i + 1)
            case "dem", "dmn": return Atom(relative: 1, end: i + 1)
            case "dans":
                // "dans trois jours", "dans 2 semaines", "dans quinze jours"
                let n = t.indices.contains(i + 1) ? (t[i + 1].kind == .number ? t[i + 1].value : FrenchWords.counts[t[i + 1].text]) : nil
                if let n, n <= 60, let unit = word(t, i + 2) {
                    // "dans huit jours", "dans 15 jours" say a week or two ahead, not a day: read by weeksAhead().
                    if ["jour", "jours"].contains(unit), n != 8, n != 15 { return Atom(relative: n, end: i + 3) }
                    // "dans 2 semaines" names a week, not a day: read by weeksAhead().
                }
                return nil
            case "apres-demain": return Atom(relative: 2, end: i + 1)
            case "apres" where word(t, i + 1) == "demain": return Atom(relative: 2, end: i + 2)
            case "ce", "cet", "cette":
                if let n = word(t, i + 1), ["soir", "midi", "matin", "apres-midi", "nuit"].contains(n) { return Atom(relative: 0, end: i + 2) }
                if let wd = FrenchWords.weekdays[word(t, i + 1) ?? ""] {
                    var a = Atom(weekday: wd, end: i + 2)
                    extendWeekday(t, &a)
                    return a
                }
                return nil
            default: break
            }
            if ["gras", "saint"].contains(word(t, i + 1) ?? "")
                || (word(t, i + 1) == "de" && ["paques", "pentecote", "pentecôte"].contains(word(t, i + 2) ?? "")) {
                return nil   // "mardi gras", "lundi de Pâques": a named day, left to the leftovers (asked)
            }
            if let wd = FrenchWords.weekdays[tok.text]
                ?? (i + 1 < t.count && t[i + 1].kind != .word ? FrenchWords.weekdaysPlural[tok.text] : nil)
                ?? smsWeekday(t, i) {
                var a = Atom(weekday: wd, end: i + 1)
                let n = i + 1
                if n < t.count, t[n].kind == .numericDate {
                    a.day = t[n].value; a.month = t[n].month; a.year = t[n].year; a.end = n + 1
                } else if let (day, e) = dayNumber(t, n) {
                    a.day = day; a.end = e
                    if let m = FrenchWords.months[word(t, e) ?? ""] {
                        a.month = m; a.end = e + 1
                        if let y = yearNumber(t, e + 1) { a.year = y; a.end = e + 2 }
                    }
                }
                extendWeekday(t, &a)
                return a
            }
        }
        if let (day, e) = dayNumber(t, i) {
            if let m = FrenchWords.months[word(t, e) ?? ""] {
                var a = Atom(day: day, month: m, end: e + 1)
                if let y = yearNumber(t, e + 1) { a.year = y; a.end = e + 2 }
                return a
            }
            // A bare "15": only where the sentence makes it a day ("le 15", "les 12, 13 et 14 avril").
            guard allowBare else { return nil }
            if let n = word(t, e), ["h", "heures", "heure", "euros", "eur", "ans", "enfants", "jours", "minutes", "min", "semaines", "fois", "mois"].contains(n) { return nil }
            if e < t.count, ["%", "€", "h", ":"].contains(t[e].text) { return nil }
            // Decimals: "12.50", "12,50 €".
            if e + 1 < t.count, t[e].text == ".", t[e + 1].kind == .number { return nil }
            if e + 2 < t.count, t[e].text == ",", t[e + 1].kind == .number,
               ["euros", "euro", "eur", "€"].contains(t[e + 2].text) { return nil }
            return Atom(day: day, end: e)
        }
        return nil
    }

    /// SMS weekdays "lun", "mar", "mer", "jeu", "ven": only where a day fits — followed by a dot, a day number or the
    /// end, and not after a determiner ("à la mer", "un jeu").
    private static func smsWeekday(_ t: [Token], _ i: Int) -> Int? {
        let short: [String: Int] = ["lun": 1, "mar": 2, "mer": 3, "jeu": 4, "ven": 5]
        guard let wd = short[t[i].text] else { return nil }
        let next = i + 1 < t.count ? t[i + 1] : nil
        guard next == nil || next!.text == "." || next!.kind == .number || next!.text == ","
                || ["et", "svp", "stp", "merci"].contains(next!.text) else { return nil }
        // After a day number it is the month ("le 12 mar." is 12 March), never a second day.
        if i > 0, t[i - 1].kind == .number { return nil }
        if i > 0, ["un", "une", "le", "la", "les", "l", "au", "aux", "du", "des", "de", "d", "mon", "ma", "son", "sa",
                   "ce", "cette", "a", "en", "ton", "ta", "leur", "notre", "votre"].contains(t[i - 1].text) { return nil }
        return wd
    }

    /// "aujourd'hui en huit", "demain en quinze": one or two weeks later.
    private static func withWeeksLater(_ t: [Token], _ a0: Atom) -> Atom {
        var a = a0
        if word(t, a.end) == "en", let n = word(t, a.end + 1), n == "huit" || n == "quinze" {
            a.relative = (a.relative ?? 0) + (n == "huit" ? 7 : 14); a.end += 2
        }
        return a
    }

    private static func extendWeekday(_ t: [Token], _ a: inout Atom) {
        if word(t, a.end) == "en", let n = word(t, a.end + 1), n == "huit" || n == "quinze" {
            a.weeksLater = n == "huit" ? 1 : 2; a.end += 2; return
        }
        if let n = word(t, a.end) {
            if ["prochain", "prochaine", "prochains", "prochaines"].contains(n) { a.nextFlag = true; a.end += 1 }
            // "jeudi qui vient": the coming Thursday, as a bare weekday.
            else if n == "qui", word(t, a.end + 1) == "vient" { a.end += 2 }
            else if ["dernier", "derniere", "derniers", "dernieres"].contains(n) { a.lastFlag = true; a.end += 1 }
            else if n == "de", word(t, a.end + 1) == "la", word(t, a.end + 2) == "semaine", word(t, a.end + 3) == "prochaine" {
                a.nextWeek = true; a.end += 4
            }
        }
        // "lundi matin", "mardi soir": the part of day does not change the day.
        if let n = word(t, a.end), ["matin", "soir", "midi", "apres-midi"].contains(n),
           word(t, a.end + 1) != "avec", word(t, a.end + 1) != "sans" {
            // Left in place: the activity reader needs "matin"/"soir" too; the date phrase ends before it.
        }
    }

    private static func dayNumber(_ t: [Token], _ i: Int) -> (Int, Int)? {
        guard i < t.count else { return nil }
        if t[i].kind == .number, t[i].text.count <= 2, (1...31).contains(t[i].value) { return (t[i].value, i + 1) }
        if t[i].kind == .word, ["1er", "1ier", "premier"].contains(t[i].text) {
            if t[i].text == "premier", FrenchWords.months[word(t, i + 1) ?? ""] == nil { return nil }
            return (1, i + 1)
        }
        // Dictated dates: "le seize septembre", "le vingt et un octobre".
        if t[i].kind == .word, ["vingt", "trente"].contains(t[i].text), word(t, i + 1) == "et", word(t, i + 2) == "un",
           FrenchWords.months[word(t, i + 3) ?? ""] != nil {
            return (t[i].text == "vingt" ? 21 : 31, i + 3)
        }
        if t[i].kind == .word, let n = FrenchWords.dayWords[t[i].text], FrenchWords.months[word(t, i + 1) ?? ""] != nil,
           word(t, i + 1) != t[i].text {
            return (n, i + 1)
        }
        // "du quinze au dix-sept octobre", "le quinze et le seize octobre": a day word before a connector, with a month
        // a few words on (small counts like "deux" or "trois" stay counts).
        if t[i].kind == .word, let n = FrenchWords.dayWords[t[i].text], n >= 5,
           ["au", "et", "ou", "ni", "jusqu"].contains(word(t, i + 1) ?? "") || (i + 1 < t.count && t[i + 1].text == ","),
           t.indices.contains(where: { $0 >= i + 2 && $0 <= i + 6 && FrenchWords.months[word(t, $0) ?? ""] != nil }) {
            return (n, i + 1)
        }
        return nil
    }

    private static func yearNumber(_ t: [Token], _ i: Int) -> Int? {
        guard i < t.count, t[i].kind == .number, t[i].text.count == 4, (2000...2100).contains(t[i].value) else { return nil }
        return t[i].value
    }

    // MARK: - Resolution

    /// The year that puts day/month nearest the reference, the past counting triple (parents mostly write ahead).
    static func inferYear(day: Int, month: Int, _ ref: CivilDate) -> Int {
        var best = ref.year
        var bestCost = Int.max
        for y in (ref.year - 1)...(ref.year + 1) {
            let d = min(day, CivilDate.daysIn(month: month, year: y))
            guard let date = CivilDate(year: y, month: month, day: d) else { continue }
            let delta = ref.days(until: date)
            let cost = delta >= 0 ? delta : -3 * delta
            if cost < bestCost { bestCost = cost; best = y }
        }
        return best
    }

    private static func resolve(_ a: Atom, _ ctx: DateContext, after: CivilDate? = nil, listAnchor: CivilDate? = nil,
                                doubts: inout [Doubt]) -> CivilDate? {
        let ref = ctx.reference
        if let r = a.relative { return ref.adding(days: r) }
        if let day = a.day {
            var month: Int
            var year: Int
            if let m = a.month {
                month = m
                year = a.year ?? inferYear(day: day, month: m, ref)
                if let anchorDate = after, a.year == nil, let d = CivilDate(year: year, month: m, day: min(day, 28)),
                   d < anchorDate, let next = CivilDate(year: year + 1, month: m, day: min(day, 28)),
                   anchorDate.days(until: next) < 200 {
                    year += 1
                }
            } else {
                // "jeudi 11", "le 15": this month if still to come, else next month.
                let base = after ?? listAnchor ?? ref
                month = base.month; year = base.year
                if day < base.day { month += 1; if month == 13 { month = 1; year += 1 } }
            }
            guard let date = CivilDate(year: year, month: month, day: day) else {
                doubts.append(Doubts.impossible(day: day, month: month))
                return nil
            }
            if let wd = a.weekday, wd != date.weekday { doubts.append(Doubts.weekdayMismatch(date, written: wd)) }
            return date
        }
        guard let wd = a.weekday else { return nil }
        if a.weeksLater > 0 {
            // "lundi en huit": the Monday a week after the coming one (today counts when it is that day).
            return ref.adding(days: (wd - ref.weekday + 7) % 7 + 7 * a.weeksLater)
        }
        if a.nextWeek {
            return ref.adding(days: -(ref.weekday - 1) + 7 + (wd - 1))
        }
        if a.lastFlag {
            var back = (ref.weekday - wd + 7) % 7
            if back == 0 { back = 7 }
            return ref.adding(days: -back)
        }
        if let base = after {
            // End of a range: the first such weekday on or after the start.
            return base.adding(days: (wd - base.weekday + 7) % 7)
        }
        if let anchor = listAnchor, anchor >= ref, anchor.weekday == wd, !a.nextFlag {
            // "demain et vendredi" written on a Thursday, "aujourd'hui et jeudi" on a Thursday: the list names its
            // previous day again, or that weekday a week later? Asked.
            let date = anchor.adding(days: 7)
            doubts.append(Doubts.nextAmbiguous(anchor, date))
            return date
        }
        if let anchor = listAnchor, anchor > ref {
            // "lundi 15 et mardi": the first such weekday after the previous day of the list.
            var ahead = (wd - anchor.weekday + 7) % 7
            if ahead == 0 { ahead = 7 }
            let date = anchor.adding(days: ahead)
            if a.nextFlag, ref.weekday < wd, ref.weekday <= 5, date.days(until: ref) > -7 {
                doubts.append(Doubts.nextAmbiguous(date, date.adding(days: 7)))
            }
            return date
        }
        var ahead = (wd - ref.weekday + 7) % 7
        if ahead == 0 { ahead = 7 }
        let date = ref.adding(days: ahead)
        if a.nextFlag, ref.weekday < wd, ref.weekday <= 5 {
            // "jeudi prochain" written on a Monday: this Thursday or next week's?
            doubts.append(Doubts.nextAmbiguous(date, date.adding(days: 7)))
        }
        return date
    }
}
