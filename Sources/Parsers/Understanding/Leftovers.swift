/// Words of a request's sentence that change what is asked but that the grammar did not account for: a day or a
/// period word no date phrase took ("la veille", "pendant les vacances", "semaine 42"), a number that is no day, an
/// exception or restriction with nothing to apply to ("sauf si", "seulement le matin" for an absence), an alternative
/// ("Élise ou Éliott"). A request whose sentence has any is never `certain`: the parent is asked, with those words
/// quoted back.
enum Leftovers {
    static let temporal: Set<String> = [
        "semaine", "semaines", "jour", "jours", "mois", "veille", "lendemain", "surlendemain", "avant-veille",
        "quinzaine", "trimestre", "semestre", "rentree", "week-end", "weekend", "prochain", "prochaine", "prochains",
        "prochaines", "dernier", "derniere", "derniers", "dernieres", "vacances", "toussaint", "noel", "paques",
        "matins", "soirs", "midis", "fois", "avant", "apres", "entre", "debut", "fin", "pentecote", "ascension",
        "pont", "ferie", "armistice", "quinze", "huit",
    ]
    static let restrictive: Set<String> = ["sauf", "hors", "excepte", "hormis", "seulement", "uniquement", "sinon"]
    static let additive: Set<String> = ["aussi", "egalement", "ainsi"]
    private static let activityNouns: Set<String> = ["centre", "loisirs", "loisir", "accueil", "alsh", "aere", "garderie", "cantine"]
    private static let notDayAfter: Set<String> = [
        "h", "heure", "heures", "min", "minutes", "euros", "euro", "eur", "€", "ans", "an", "%", "enfants", "enfant",
        "fois", "kg", "degres", "°", "mois", "semaines", "jours",
    ]
    private static let unaccentedOr = Pattern(#"(?<![\p{L}])[oO][uU](?![\p{L}])"#, caseSensitive: true)

    /// Where a sentence's parts meet: a comma, a colon, "car", "donc", "parce que", "puisque".
    private static let segmentWords: Set<String> = ["car", "donc", "parce", "puisque", "comme", "alors"]

    /// Token ranges of the sentence's parts that carry the request: those holding a day the request keeps, or a
    /// restriction. The other parts tell a story ("Noah a 39 de fièvre depuis cette nuit", "une semaine de repos"):
    /// their words change nothing asked.
    static func segments(_ t: [Token]) -> [Range<Int>] {
        var bounds: [Int] = [0]
        for i in t.indices where (t[i].kind == .punct && [",", ":", ";", "(", ")"].contains(t[i].text))
            || (t[i].kind == .word && segmentWords.contains(t[i].text)) {
            bounds.append(i)
        }
        bounds.append(t.count)
        var segments: [Range<Int>] = []
        for k in 0..<(bounds.count - 1) where bounds[k] < bounds[k + 1] { segments.append(bounds[k]..<bounds[k + 1]) }
        return segments
    }

    static func requestSegments(_ c: Clause) -> [Range<Int>] {
        let t = c.tokens
        let segments = Leftovers.segments(t)
        let kept = c.dates.filter { !$0.days.isEmpty || !$0.doubts.isEmpty }.map(\.range)
        // No day read at all: every part may hold the one the parent meant ("jusqu'à la fin des vacances").
        if kept.isEmpty { return segments }
        // "…, et aussi le jour de la kermesse": a part that adds to the request carries it too.
        return segments.filter { seg in
            kept.contains { seg.overlaps($0) }
                || t[seg].contains { $0.kind == .word && (restrictive.contains($0.text) || additive.contains($0.text)) }
        }
    }

    static func find(_ c: Clause) -> [String] {
        let t = c.tokens
        let covered = c.dateCoverage
        func isCovered(_ i: Int) -> Bool { covered.contains { $0.contains(i) } }
        func word(_ i: Int) -> String { i >= 0 && i < t.count && t[i].kind == .word ? t[i].text : "" }
        func dateStartsWithin(_ i: Int, _ n: Int) -> Bool { covered.contains { $0.lowerBound > i && $0.lowerBound <= i + n } }
        var out: [String] = []
        func add(_ s: String) { if !out.contains(s) { out.append(s) } }
        let segments = requestSegments(c)
        let precise = !c.dates.filter { !$0.days.isEmpty }.isEmpty
        for i in t.indices where !isCovered(i) && segments.contains(where: { $0.contains(i) }) {
            let tok = t[i]
            switch tok.kind {
            case .word:
                let w = tok.text
                let weekday = FrenchWords.weekdays[w] ?? FrenchWords.weekdaysPlural[w]
                if weekday != nil || temporal.contains(w) || (FrenchWords.months[w] != nil && w.count >= 4) {
                    // "l'accueil du mercredi", "le centre de loisirs des vacances": the activity's name.
                    let before = [word(i - 1), word(i - 2), word(i - 3)]
                    if (weekday != nil || w == "vacances") && before.contains(where: activityNouns.contains) { continue }
                    if w == "apres", word(i + 1) == "midi" || ["ecole", "classe"].contains(word(i + 2)) { continue }
                    if ["prochain", "prochaine", "prochains", "prochaines", "dernier", "derniere", "derniers", "dernieres"].contains(w),
                       isCovered(i - 1) { continue }
                    // "avant fin octobre", "vers la mi-mars" beside a precise day: when the parent looked, not which day.
                    if precise, ["fin", "debut", "avant", "apres", "vers"].contains(w) || FrenchWords.months[w] != nil,
                       approximate(t, i) { continue }
                    add(w)
                } else if restrictive.contains(w) {
                    if dateStartsWithin(i, 3) { continue }
                    if w == "seulement", word(i - 1) == "non" { continue }   // "non seulement … mais aussi": adds
                    // "inscrire à la garderie, uniquement le matin": the part of the day names the activity or slot.
                    if c.activity.kind != nil || c.activity.slot != nil,
                       (1...3).contains(where: { ["matin", "soir", "apres-midi", "midi"].contains(word(i + $0)) }) { continue }
                    add(w)
                } else if w == "si" || (w == "s" && ["il", "ils"].contains(word(i + 1))) {
                    // A condition on the request: "demain si le médecin le confirme".
                    let next = w == "si" ? word(i + 1) : word(i + 2)
                    if next == "possible" || (next == "vous" && ["plait", "pouvez", "le"].contains(w == "si" ? word(i + 2) : word(i + 3))) { continue }
                    add(w == "si" ? "si" : "s’il")
                } else if w == "part", word(i - 1) == "a", !dateStartsWithin(i, 3) {
                    add("à part")
                } else if w == "jusqu" || (w == "partir" && word(i - 1) == "a") || (w == "ete" && word(i - 1) == "l") {
                    // "jusqu'à l'été", "à partir de la fin des cours": a bound no date phrase read.
                    add(w == "jusqu" ? "jusqu’à" : w == "partir" ? "à partir" : "l’été")
                }
            case .number:
                guard tok.value >= 1, tok.value <= 99 else { continue }
                if word(i + 1) == "de", ["fievre", "temperature"].contains(word(i + 2)) { continue }
                if notDayAfter.contains(word(i + 1)) || (i + 1 < t.count && ["h", "%", "€", ":"].contains(t[i + 1].text)) { continue }
                if i > 0, [".", ","].contains(t[i - 1].text), i > 1, t[i - 2].kind == .number { continue }
                if i + 2 < t.count, [".", ","].contains(t[i + 1].text), t[i + 2].kind == .number { continue }
                add(tok.text)
            case .numericDate:
                add(tok.text)
            case .punct:
                continue
            }
        }
        // "le lundi de la fête de l'école": a weekday named by an event, not the coming one.
        for m in c.dates where !m.days.isEmpty && FrenchWords.weekdays[word(m.range.upperBound - 1)] != nil {
            let e = m.range.upperBound
            guard ["de", "du", "des", "d"].contains(word(e)) else { continue }
            var n = e + 1
            if ["la", "l", "le", "les"].contains(word(n)) { n += 1 }
            let noun = word(n)
            if noun.isEmpty || isCovered(n) || noun.first?.isNumber == true || ["semaine", "mois", "cette", "ce", "chaque"].contains(noun)
                || FrenchWords.months[noun] != nil || activityNouns.contains(noun) { continue }
            add(t[(m.range.upperBound - 1)..<min(n + 1, t.count)].map(\.text).joined(separator: " "))
        }
        // "Élise ou Éliott", "lundi ou mardi" (dates with "ou" are asked by the date grammar): an alternative.
        if !c.dates.contains(where: { !$0.doubts.isEmpty }), unaccentedOr.matches(c.folded == c.original ? c.original : readingText(c)) {
            add("ou")
        }
        return out
    }

    /// Part of "avant fin octobre", "début novembre", "après la fin du mois": an approximate time.
    private static func approximate(_ t: [Token], _ i: Int) -> Bool {
        func word(_ k: Int) -> String { k >= 0 && k < t.count && t[k].kind == .word ? t[k].text : "" }
        let window = (i - 3...i + 3).map(word)
        return window.contains { ["fin", "debut", "mi"].contains($0) || $0.hasPrefix("mi-") }
            && window.contains { FrenchWords.months[$0] != nil || ["mois", "semaine", "annee"].contains($0) }
    }

    /// The sentence as read (asides and explanations left out), original spelling kept.
    private static func readingText(_ c: Clause) -> String {
        Clause.separateAsides(c.requestText ?? c.original).0
    }
}
