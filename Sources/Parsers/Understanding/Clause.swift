/// One sentence (or half of one) with everything the readers found in it.
struct Clause {
    var original: String
    var folded: String
    var tokens: [Token]
    var cues: IntentCues
    var dates: [DateMention]
    var children: ChildMention
    var activity: ActivityMention

    /// Token ranges the date grammar read (see `Leftovers`).
    var dateCoverage: [Range<Int>] = []
    /// The part of the sentence that holds the request, when an explanation follows it (see `explained`).
    var requestText: String?
    /// Days the parent takes back ("c'est le 16 pas le 15", "le 22, mais finalement le 29").
    var takenBack: [CivilDate] = []
    /// The parent corrects something said before ("je me suis trompée", "erreur", "finalement").
    var correction = false
    /// "mardi, enfin non, jeudi": a day replaced by a later one of the same sentence.
    var correctedInPlace = false
    /// The parent takes a request back ("oubliez", "laissez tomber", "ah non"): never replaced by a guess.
    var retraction = false
    static let retractionCue = Pattern(
        #"\b(oubliez|oublie|oublions|laissez tomber|laisse tomber|ne tenez pas compte|ignorez|n'en tenez pas compte|annulez ma demande|forget it|ignore|je plaisante|je rigole|c'est une blague|just kidding)\b"#)
    static let correctionCue = Pattern(
        #"\b(trompee?s?|erreur|pardon|correction|rectif\w*|finalement|plutot|je voulais dire|je veux dire|erratum|oups|zut|en fait|au temps pour moi|autant pour moi|mistake|actually)\b|\b(enfin|euh|heu|ah|oh|oups|zut) non\b|^\W*non\b(?!\W*merci)"#)

    /// A state or an absence told in the past: "a été absente", "était malade", "n'est pas venu", "a manqué".
    static let toldInPast = Pattern(
        #"\b(a|ont|avait|avaient) ete (absente?s?|malades?|souffrante?s?|gardee?s? a la maison)\b|\b(etait|etaient) (absente?s?|malades?|souffrante?s?)\b|\b(n['\s]est|ne sont|n['\s]etait|n['\s]etaient) pas (venue?s?|allee?s? a l['\s]ecole)\b|\b(est|sont|etait|etaient) restee?s? a la maison\b|\b(a|ont) (manque|rate) (l['\s]ecole|la classe|la cantine)\b"#)
    /// A tense or a word that asks for something now: the days stay ahead.
    static let futureOrAsked = Pattern(
        #"\b(sera|seront|ira|iront|viendra|viendront|restera|resteront|mangera|mangeront|reprendra|reprendront|reviendra|reviendront|pourra|pourront|devra|devront|aura|auront|merci|pouvez|pourriez|annul\w*|inscri\w*|reserv\w*|souhait\w*|voudrai\w*|prevoir|prevu|prevue)\b"#)

    /// Passé composé with an accented or -i/-u participle ("est tombée", "a appelé", "nous a appelés", "a eu"), read on
    /// the original spelling: "est malade" is not a past event.
    static let pastTense = Pattern(
        #"\b(a|ai|as|avons|avez|ont|est|es|suis|sommes|sont|s'est|s’est|se sont)\s+(\p{L}+\s+){0,2}?\p{L}+(é|ée|és|ées|ie|is|it)\b"#)

    /// The part of a split sentence after a cancellation or an absence whose booking is only said ("pas de cantine
    /// jeudi mais il va à la garderie du soir"): what the child does, maybe booked already — not a booking asked.
    var saidBeside = false
    /// One of the parts a sentence was cut into (its requests are not the sentence's one request).
    var partOfSplit = false

    /// Parenthesised asides that change nothing asked ("(hôpital Pellegrin)", "(il y mange déjà le lundi)").
    var asides: [String] = []

    init(_ original: String, context: DateContext, family: FamilyContext?) {
        self.original = original
        let (reading, asides) = Clause.separateAsides(original)
        self.asides = asides
        folded = MessageCleaner.maskPhones(TextFolding.foldCollapsed(reading))
        tokens = Tokenizer.tokens(folded)
        activity = ActivityPhrases.read(folded)
        cues = IntentReader.read(folded, activityNamed: activity.kind != nil || activity.alshUndecided || !activity.doubts.isEmpty)
        let read = DatePhrases.read(tokens, context: context)
        var mentions = read.mentions
        dateCoverage = read.covered
        // "Bérénice a été absente lundi et mardi", "était absente mercredi": a past told with bare weekdays names the
        // last such days, not next week's.
        // Read part by part ("a été absente jeudi et vendredi, elle sera encore absente mercredi"); a day number with
        // no month ("du 12 au 14") is in the month before.
        if Clause.toldInPast.matches(folded) {
            let t = tokens
            var cuts = [0]
            for i in t.indices where [",", ";"].contains(t[i].text) || ["mais", "et", "donc", "car", "puis"].contains(t[i].text) { cuts.append(i) }
            cuts.append(t.count)
            for (a, b) in zip(cuts, cuts.dropFirst()) where a < b {
                let part = t[a..<b].map(\.text).joined(separator: " ")
                guard Clause.toldInPast.matches(part), !Clause.futureOrAsked.matches(part) else { continue }
                for k in mentions.indices where mentions[k].range.lowerBound >= a && mentions[k].range.lowerBound < b
                    && !mentions[k].days.isEmpty && mentions[k].days.allSatisfy({ $0 > context.reference }) {
                    let words = t[mentions[k].range]
                    if words.contains(where: { $0.kind == .numericDate || FrenchWords.months[$0.text] != nil || $0.kind == .number && $0.text.count == 4 }) { continue }
                    if words.contains(where: { $0.kind == .number || Int($0.text.prefix(1)) != nil }) {
                        mentions[k].days = mentions[k].days.compactMap { d in
                            d.month == 1 ? CivilDate(year: d.year - 1, month: 12, day: d.day) : CivilDate(year: d.year, month: d.month - 1, day: d.day)
                        }.filter { $0 <= context.reference }
                    } else if words.contains(where: { FrenchWords.weekdays[$0.text] != nil }) {
                        mentions[k].days = mentions[k].days.map { $0.adding(days: -7) }.sorted()
                    }
                }
            }
        }
        // "Lina a été malade lundi et mardi et reviendra vendredi": school days left between the last day away and
        // the day back (Wednesday, Thursday) are not said — asked, never dropped.
        for k in mentions.indices {
            guard let back = mentions[k].droppedReturn, let last = mentions[k].days.max() else { continue }
            var before = back.adding(days: -1)
            while before.weekday >= 6, before > last { before = before.adding(days: -1) }
            if last < back, before > last { mentions[k].doubts.append(Doubts.noEnd(last)) }
        }
        dates = mentions.filter { !$0.negated }
        takenBack = mentions.filter(\.negated).flatMap(\.days)
        correctedInPlace = mentions.contains(where: \.replacedByLater)
        retraction = Clause.retractionCue.matches(folded)
        correction = Clause.correctionCue.matches(folded) || retraction
        cues.narrativePast = Clause.pastTense.matches(reading)
        children = ChildrenPhrases.read(tokens, original: reading, family: family)
    }

    /// "Awa n'ira pas à la garderie du 14 au 17 : je suis en congé cette semaine": what follows the colon explains a
    /// request that is complete before it, and is read as its reason only. Nil when the sentence is not of that shape
    /// (the part after the colon asks something, or holds a word that would change the request).
    static func explained(_ original: String, context: DateContext, family: FamilyContext?) -> Clause? {
        guard original.count <= maxSplitCharacters, let colon = original.range(of: " : ") ?? original.range(of: ": ") else { return nil }
        let left = String(original[..<colon.lowerBound]), right = String(original[colon.upperBound...])
        guard !right.trimmedWhitespace.isEmpty else { return nil }
        var l = Clause(left, context: context, family: family)
        guard !l.actions.isEmpty, l.hasDates, l.namesSomeone || l.children.doubts.isEmpty else { return nil }
        let r = Clause(right, context: context, family: family)
        guard r.actions.isEmpty, r.cues.other.isEmpty, !r.correction, !changesRequest.matches(r.folded),
              r.children.unknownNames.isEmpty else { return nil }
        l.asides.append(right)
        l.original = original
        l.requestText = left
        return l
    }

    /// An aside in parentheses explains (a place, a symptom, what is already booked): it is not read for dates,
    /// children or intent — unless it holds a word that changes the request (an exception, a negation, a correction),
    /// then it stays in the sentence and is read with it.
    static func separateAsides(_ original: String) -> (String, [String]) {
        guard original.contains("(") else { return (original, []) }
        var reading = ""
        var asides: [String] = []
        var depth = 0
        var current = ""
        for ch in original {
            if ch == "(" {
                if depth == 0 { current = "" } else { current.append(ch) }
                depth += 1
            } else if ch == ")", depth > 0 {
                depth -= 1
                if depth == 0 {
                    let folded = TextFolding.fold(current)
                    if changesRequest.matches(folded) || (namesDays.matches(folded) && !tellsState.matches(folded)) {
                        reading += "(" + current + ")"
                    }
                    else { asides.append(current); reading.append(" ") }
                } else { current.append(ch) }
            } else if depth > 0 {
                current.append(ch)
            } else {
                reading.append(ch)
            }
        }
        if depth > 0 { reading += "(" + current }
        return (reading, asides)
    }

    /// An aside with days in it ("(donc à partir d'aujourd'hui jusqu'à vendredi)") says when: it is read.
    private static let namesDays = Pattern(
        #"\b(lundi|mardi|mercredi|jeudi|vendredi|demain|aujourd'?hui|jusqu|partir|du \d|le \d|\d{1,2}/\d{1,2})"#)
    /// …unless it tells what already is or was planned ("il y mange déjà le lundi", "elle devait aller au centre").
    private static let tellsState = Pattern(#"\b(deja|devait|devaient|habituellement|d'habitude|normalement|toujours)\b"#)
    private static let changesRequest = Pattern(
        #"\b(sauf|hors|excepte|hormis|pas|plus|ni|finalement|plutot|erreur|trompe|trompee|seulement|uniquement|annul\w*|inscri\w*|reserv\w*|absente?s?|malades?|not|except|only|cancel\w*|book\w*)\b"#)

    /// Each split point tried re-reads both halves: a few are enough for real sentences and keep the cost linear.
    static let maxSplits = 8
    /// Sentences longer than this are read whole, never split: real per-child or two-action sentences are short.
    static let maxSplitCharacters = 300
    static let maxSplitSentences = 6

    var hasDates: Bool { dates.contains { !$0.days.isEmpty || !$0.doubts.isEmpty || $0.sameAsPrevious } }
    var namesSomeone: Bool { !children.names.isEmpty || !children.unknownNames.isEmpty }
    var namesActivity: Bool { activity.kind != nil || activity.alshUndecided }

    /// Action intents after the usual combination: an absence that is also a cancellation is the cancellation.
    var actions: [Intent] {
        var a: [Intent] = []
        for i in cues.actions where !a.contains(i) { a.append(i) }
        if Set(a) == [.absence, .cancellation] { return [.cancellation] }
        return a
    }

    /// "Élise sera absente lundi et Éliott mardi": each child with its own days. Splits at the connector where both
    /// sides name different children and days; the side without a verb takes the other's action and activity. Nil when
    /// no such split exists.
    static func distribute(_ original: String, context: DateContext, family: FamilyContext?,
                           inherited: Clause? = nil, depth: Int = 0) -> [Clause]? {
        guard original.count <= maxSplitCharacters else { return nil }
        let ns = original as NSString
        for m in connectors.regex.matches(in: original, range: NSRange(location: 0, length: ns.length)).prefix(maxSplits) {
            var l = Clause(ns.substring(to: m.range.location), context: context, family: family)
            var r = Clause(ns.substring(from: m.range.location + m.range.length), context: context, family: family)
            guard !l.children.names.isEmpty, !r.children.names.isEmpty,
                  Set(l.children.names).isDisjoint(with: r.children.names), l.hasDates, r.hasDates,
                  !r.startsWithDay else { continue }
            let la = l.actions, ra = r.actions
            // "Ferdinand sera absent jeudi, Bérénice viendra vendredi": a side that says a child comes does not take the
            // other side's absence (the sentence is then asked as a whole).
            if [l, r].contains(where: { $0.actions.isEmpty && $0.saysPresent }) { continue }
            if la.isEmpty, ra.isEmpty, let i = inherited {
                // "Arthur sera absent jeudi, Alice vendredi et Paul lundi": the rest of a list takes the first's action.
                for k in [0, 1] {
                    var c = k == 0 ? l : r
                    c.cues.actions = i.cues.actions; c.cues.hedged = c.cues.hedged || i.cues.hedged
                    if c.activity.isEmpty && c.activity.slot == nil { c.activity = i.activity }
                    if k == 0 { l = c } else { r = c }
                }
            } else if la.count == 1, ra.isEmpty || ra == la {
                r.cues.actions = l.cues.actions; r.cues.hedged = r.cues.hedged || l.cues.hedged
                if r.activity.isEmpty && r.activity.slot == nil { r.activity = l.activity }
            } else if ra.count == 1, la.isEmpty {
                l.cues.actions = r.cues.actions; l.cues.hedged = l.cues.hedged || r.cues.hedged
                if l.activity.isEmpty && l.activity.slot == nil { l.activity = r.activity }
            } else { continue }
            // "lundi et Éliott mardi" written on a Monday: is Éliott's Tuesday tomorrow or the day after Élise's Monday?
            if let lastLeft = l.days.max(), let firstRight = r.days.min(), firstRight < lastLeft, r.onlyBareWeekdays,
               let k = r.dates.firstIndex(where: { !$0.days.isEmpty }) {
                r.dates[k].doubts.append(Doubts.nextAmbiguous(firstRight, firstRight.adding(days: 7)))
            }
            // A side that still pairs several children with several days is split again, or asked.
            var parts: [Clause] = []
            for side in [l, r] {
                if side.children.names.count >= 2, side.interleavesChildrenAndDays {
                    if depth < 3, let more = distribute(side.original, context: context, family: family,
                                                        inherited: side, depth: depth + 1) {
                        parts.append(contentsOf: more); continue
                    }
                    var asked = side
                    asked.children.doubts.append(Doubts.perChildDays)
                    parts.append(asked)
                } else {
                    parts.append(side)
                }
            }
            return parts
        }
        return nil
    }

    var days: [CivilDate] { dates.flatMap(\.days) }
    /// "Bérénice viendra vendredi", "elle sera là": a child said present.
    var saysPresent: Bool { cues.presence || Reading.presentVerb.matches(tokens.map(\.text).joined(separator: " ")) }

    /// "vendredi, Léon seulement vendredi" after a cut at "jeudi et": the part opens on a day that belongs to the
    /// list before the cut, so the cut is in the wrong place.
    var startsWithDay: Bool {
        guard let first = tokens.firstIndex(where: { ![",", "et", "puis", "mais", ";"].contains($0.text) }) else { return false }
        return dateCoverage.contains { $0.lowerBound <= first && $0.upperBound > first }
            || dateCoverage.contains { $0.lowerBound == first + 1 && ["le", "la", "les", "du", "l"].contains(tokens[first].text) }
    }

    /// Every day phrase is a weekday alone ("mardi"), no number, no month.
    var onlyBareWeekdays: Bool {
        dates.allSatisfy { m in
            tokens[m.range].allSatisfy { $0.kind == .word && ($0.text == "le" || FrenchWords.weekdays[$0.text] != nil) }
        }
    }

    /// "Élise ne mangera pas jeudi mais Éliott oui": different children on each side of a contrast.
    static func contrastsChildren(_ original: String, context: DateContext, family: FamilyContext?) -> Bool {
        guard original.count <= maxSplitCharacters else { return false }
        let ns = original as NSString
        for m in contrast.regex.matches(in: original, range: NSRange(location: 0, length: ns.length)).prefix(maxSplits) {
            let l = Clause(ns.substring(to: m.range.location), context: context, family: family)
            let r = Clause(ns.substring(from: m.range.location + m.range.length), context: context, family: family)
            if !l.children.names.isEmpty, !r.children.names.isEmpty, Set(l.children.names).isDisjoint(with: r.children.names) {
                return true
            }
        }
        return false
    }

    static let contrast = Pattern(#"\s+mais\s+|\s+par contre\s+|\s+en revanche\s+|\s+sauf\s+|\s+contrairement\s+"#)

    /// A day phrase standing between two children's names ("Élise lundi, Éliott mardi" that could not be split).
    var interleavesChildrenAndDays: Bool {
        let p = children.positions.sorted()
        guard children.names.count >= 2, let first = p.first, let last = p.last,
              dates.filter({ !$0.days.isEmpty || !$0.doubts.isEmpty }).count >= 2 else { return false }
        return dates.contains { $0.range.lowerBound > first && $0.range.lowerBound < last }
    }

    static let connectors = Pattern(#",\s+|\s+et\s+|\s+mais\s+|\s+puis\s+|\s+ainsi que\s+|\s*;\s*|\s+par contre\s+|\s+en revanche\s+"#)

    /// Splits a sentence that carries two different actions at the connector between them. Nil when no split
    /// leaves one clear action on each side.
    static func split(_ original: String, context: DateContext, family: FamilyContext?) -> [Clause]? {
        guard original.count <= maxSplitCharacters else { return nil }
        let ns = original as NSString
        for m in connectors.regex.matches(in: original, range: NSRange(location: 0, length: ns.length)).prefix(maxSplits) {
            let left = ns.substring(to: m.range.location)
            let right = ns.substring(from: m.range.location + m.range.length)
            let l = Clause(left, context: context, family: family)
            var r = Clause(right, context: context, family: family)
            let la = l.actions, ra = r.actions
            guard la.count == 1, ra.count == 1, la != ra, !r.startsWithDay else { continue }
            if Set(la + ra) == [.absence, .cancellation], !(l.hasDates && r.hasDates) { continue }
            // Said of the same day, for another activity: what the child does then ("mangera vendredi" after "ne
            // mangera pas jeudi" moves the booking, and is asked for).
            if ra == [.reservation], r.cues.softBooking, [.absence, .cancellation].contains(la[0]),
               r.activity.kind != l.activity.kind, Set(r.days).isSubset(of: Set(l.days)) {
                r.saidBeside = true
            }
            return [l, r]
        }
        return nil
    }
}

import Foundation
