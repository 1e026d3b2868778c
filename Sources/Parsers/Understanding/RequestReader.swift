import Foundation

/// Reads the requests in a parent's message. Never guesses: what it is not sure of comes out `unsure`.
public enum RequestReader {
    /// Past these bounds a mail is read by a person: reading cost stays linear and small whatever the mail holds.
    public static let maxTextCharacters = 64 * 1024
    public static let maxSentenceCharacters = 600
    public static let maxSentences = 120
    /// What the parent wrote now, after quotes and signature are cut: some 2,000 words.
    public static let maxContentCharacters = 12_000
    public static var maxSplitCharacters: Int { Clause.maxSplitCharacters }

    /// - Parameters:
    ///   - input: the message's subject, new text, date and attachments.
    ///   - family: the sender's family when known (children's names, calendar); nil for an unknown sender.
    ///   - today: the processing day, used when the message has no usable Date.
    public static func read(_ input0: ReadingInput, family: FamilyContext?, today: CivilDate) -> [Request] {
        var input = input0
        // English (or franglais) read through the same grammar: its phrases are rewritten into the French ones.
        let english = MessageLanguage.detect(subject: input.subject, text: input.text) == .english
        // Past the content bound the mail goes to a person anyway: no rewriting of a long text.
        if input.text.count <= maxContentCharacters {
            input.text = EnglishReading.toFrench(input.text, english: english)
            input.subject = EnglishReading.toFrench(input.subject, english: english)
        }
        let reference = input.sentAt?.date ?? today
        let context = DateContext(reference: reference,
                                  holidayDays: (family?.openDays[.alshVacances] ?? []).sorted())
        var reading = Reading(input: input, family: family, context: context)
        return reading.run()
    }
}

/// What a request is made of before fallbacks and checks.
struct Draft {
    var intent: Intent
    var clause: Clause?
    var children: ChildMention = ChildMention()
    var dates: [DateMention] = []
    var activity: ActivityMention = ActivityMention()
    var doubts: [Doubt] = []
    var key: String?
    var einvoice: Bool?
    var reason: String?
    var contact: ContactChange?
    var hedged = false
    /// An absence guessed from a symptom or an appointment only.
    var weak = false
    var fromForm = false
    /// The cancellation of a day a booking was moved from ("jeudi au lieu de vendredi").
    var movedFrom = false
    /// A later sentence puts a condition on it ("Ça dépendra de sa température.").
    var conditional = false
    /// Children of the latest earlier sentence that named some ("il", "elle" refer to them).
    var previousChildren: ChildMention?
    var cues: IntentCues { clause?.cues ?? IntentCues() }
}

struct Reading {
    /// The days of a sentence that names no month ("Et aussi le 5.") read in the month of the days before it.
    static func inMonths(of before: [CivilDate], _ c: Clause) -> [CivilDate] {
        guard let first = before.min(), let last = before.max(),
              !c.tokens.contains(where: { ($0.kind == .word && FrenchWords.months[$0.text] != nil) || $0.kind == .numericDate }),
              c.tokens.contains(where: { $0.kind == .number }) else { return c.days }
        let next = last.month == 12 ? (last.year + 1, 1) : (last.year, last.month + 1)
        return c.days.map { d in
            let candidates = ([(first.year, first.month), (last.year, last.month), next]).compactMap {
                CivilDate(year: $0.0, month: $0.1, day: d.day)
            }
            return candidates.first(where: { $0 >= first && $0 <= last }) ?? candidates.filter({ $0 >= first }).min() ?? d
        }
    }

    /// "… ne mangera pas jeudi et vendredi. Non, en fait elle mangera vendredi.", "au centre le matin avec repas … il ne
    /// mangera pas là-bas": a booking and a cancellation (or an absence) of the same day for the same child, left
    /// unreconciled by the mail, are both asked — never both applied.
    static func askContradictions(_ rs: [Request]) -> [Request] {
        var out = rs
        let meal: Set<AlshSlot> = [.matinAvecRepas, .apresMidiAvecRepas, .journeeAvecRepas]
        for a in out.indices where [.cancellation, .absence].contains(out[a].intent) {
            for b in out.indices where out[b].intent == .reservation {
                let sameActivity = out[a].intent == .absence || out[a].activity == nil || out[b].activity == nil
                    || out[a].activity == out[b].activity
                    || (out[a].activity == .restauration && out[b].slot.map(meal.contains) == true)
                let sameKids = out[a].children.isEmpty || out[b].children.isEmpty
                    || !Set(out[a].children).isDisjoint(with: out[b].children)
                guard sameActivity, sameKids, !Set(out[a].dates).isDisjoint(with: out[b].dates) else { continue }
                for k in [a, b] where !out[k].doubts.contains(.contradiction) {
                    out[k].doubts.append(.contradiction)
                    out[k].confidence = .unsure
                }
            }
        }
        return out
    }

    /// The children of a sentence are named together ("Léo et Léon", "Léo, Léon et Lou", "les deux") or the later
    /// ones only add themselves to the same request ("Léo sera absent demain et Léon aussi").
    static func namesGrouped(_ c: Clause) -> Bool {
        let parts = c.children.names.map { TextFolding.fold($0).split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init) }
        let nameWords = Set(parts.flatMap { $0 })
        // One position per child: "Capucine et Ambroise …, Capucine a une sortie" names Capucine twice.
        var seen = Set<Int>()
        var p: [Int] = []
        for pos in c.children.positions.sorted() where c.tokens.indices.contains(pos) {
            let w = c.tokens[pos].text
            let k = parts.firstIndex { $0.contains(w) || $0.joined() == w || $0.joined(separator: "-") == w }
            if let k, seen.contains(k) { continue }
            if let k { seen.insert(k) }
            p.append(pos)
        }
        guard p.count >= 2 else { return true }
        // "ni Léa ni Hugo": "ni" joins like "et" (the negation is the verb's).
        let joiners: Set<String> = [",", "et", "&", "+", "and", "ainsi", "que", "ou", "ni"]
        for (a, b) in zip(p, p.dropFirst()) {
            // "…, Anatole non.", "…, Anatole pas.": the later child is set apart, not added.
            let next = c.tokens[(b + 1)...].prefix(while: { $0.kind != .punct }).map(\.text)
            if (next.first == "non" && !next.contains("plus")) || next == ["pas"] { return false }
            let between = c.tokens[(a + 1)..<b]
            if between.allSatisfy({ joiners.contains($0.text) || nameWords.contains($0.text) }) { continue }
            // "… et Léon aussi", "…, Léon également", "Léon non plus": the rest of the sentence adds Léon to it.
            let after = c.tokens[(b + 1)...].filter { $0.kind != .punct }.map(\.text)
            // "Léon non" alone says the contrary: only "non plus" joins.
            if !after.isEmpty, after.count <= 2, after.allSatisfy({ ["aussi", "egalement", "non", "plus", "pareil", "idem", "too", "also"].contains($0) }),
               !after.contains("non") || after.contains("plus") {
                continue
            }
            return false
        }
        return true
    }

    /// "Et aussi le 5.", "Le 6 également.": more days for the request before.
    static let sameAgain = Pattern(#"^\W*(et\s+)?(aussi|egalement|de meme|idem|pareil pour|pareil|meme chose( pour)?|ni)\b|\b(aussi|egalement|de meme|idem|pareil|non plus)\W*((svp|stp|s'il vous plait|s'il te plait|merci( beaucoup)?)\W*)?$"#)
    /// Only days, with joining and polite words: "et jeudi.", "Ou le 14 ?", "Jeudi aussi svp." — nothing else that
    /// could say what is asked.
    static func onlyDays(_ c: Clause) -> Bool {
        guard c.hasDates, !c.namesSomeone, !c.namesActivity, c.cues.actions.isEmpty, c.cues.other.isEmpty,
              c.children.doubts.isEmpty else { return false }
        let small: Set<String> = ["et", "ou", "ainsi", "que", "puis", "aussi", "egalement", "le", "la", "les", "l", "svp",
                                  "stp", "merci", "s", "il", "vous", "te", "plait", "beaucoup", "bien", "and", "or", "please"]
        let t = c.tokens
        return t.indices.allSatisfy { i in
            t[i].kind == .punct || c.dateCoverage.contains { $0.contains(i) } || small.contains(t[i].text)
        }
    }
    /// "et jeudi", "ainsi que le 14", "puis vendredi": the sentence goes on with the one before.
    static let joinsBefore = Pattern(#"^\W*(et|ainsi que|puis)\b"#)
    /// "Elle viendra quand même le 27", "il sera là le 27": a child said present.
    static let comesAnyway = Pattern(#"(?<!\bne )(?<!\bn')\b(viendra|viendront|ira|iront|sera la|seront la|sera presente?|seront presente?s|reviendra)\b(?!\s+(pas|plus)\b)"#)

    let input: ReadingInput
    let family: FamilyContext?
    let context: DateContext
    let subjectClause: Clause?
    let hasCertificate: Bool
    /// Every day the body names, in any sentence (told or asked): a subject's day must agree with them.
    var bodyDays = Set<CivilDate>()
    /// The days the body names (not taken back): what "ce jour-là" refers to when no request came before it.
    var toldDays = Set<CivilDate>()
    /// Days a sentence says are away all day ("Jade sera donc absente mardi, toute la journée"): a part of the day
    /// named elsewhere ("rendez-vous à 10h30") is then only the reason.
    var wholeDays = Set<CivilDate>()

    init(input: ReadingInput, family: FamilyContext?, context: DateContext) {
        self.input = input; self.family = family; self.context = context
        let subject = Reading.cleanSubject(input.subject)
        subjectClause = subject.isEmpty ? nil : Clause(subject, context: context, family: family)
        hasCertificate = input.attachments.contains { $0.sniffed.isCertificate }
    }

    private static let replyPrefix = Pattern(#"^\s*((re|tr|fwd?|fw|rep|ref|aw|wg|r)\s*(\[\d+\])?\s*[:：]\s*)+"#)
    private static let tokenTag = Pattern(#"\[?\s*r[ée]f\.?\s*:?\s*EF-[A-Za-z0-9]{8}\s*\]?"#)

    /// The subject without reply/forward prefixes, confirmation tag, or our own reply subjects.
    static func cleanSubject(_ s: String) -> String {
        var out = tokenTag.replacing(in: s, with: " ")
        out = replyPrefix.replacing(in: out, with: "")
        out = out.trimmedWhitespace
        // Our own reply subjects and auto-replies quoting them say nothing the parent asks.
        let folded = TextFolding.foldCollapsed(out)
        if folded.contains("espace famille :") || folded.hasPrefix("espace famille")
            || folded.hasPrefix("reponse automatique") || folded.hasPrefix("absence du bureau")
            || folded.hasPrefix("automatic reply") || folded.hasPrefix("out of office") { return "" }
        return out
    }

    static let tooLong = Request(intent: .unknown, confidence: .unsure, doubts: [Doubts.tooLong])

    mutating func run() -> [Request] {
        if input.text.count > RequestReader.maxTextCharacters { return [Reading.tooLong] }
        var lines = MessageCleaner.contentLines(input.text, childNames: family?.children.map(\.firstName) ?? [])
        let token = TokenReader.find(in: [input.subject, input.text])
        var requests: [Request] = []

        // 1. OUI / NON answering one of our mails.
        if let index = lines.firstIndex(where: {
            let f = TextFolding.foldCollapsed($0)
            return !f.isEmpty && !MessageCleaner.isGreeting(f)
        }), let answer = ConfirmationReader.read(firstLine: lines[index]) {
            let inContext = input.repliesToUs || token != nil
            let othersEmpty = lines[(index + 1)...].allSatisfy { TextFolding.foldCollapsed($0).isEmpty }
            // "non, annulez", "oui, merci, c'est bien ça": the rest only repeats the answer.
            let rest = Clause(answer.rest, context: context, family: family)
            let echo = !(rest.hasDates || rest.namesSomeone || !rest.cues.other.isEmpty || rest.namesActivity)
            if inContext || ((answer.rest.isEmpty || echo) && othersEmpty) {
                var r = Request(intent: .confirm, confirmation: answer.yes, token: token)
                if !inContext { r.doubts.append(Doubts.confirmWithoutContext) }
                else if !answer.clear { r.doubts.append(Doubts.hedged) }
                else if answer.yes, Pattern(#"\b(mais|sauf|pas|seulement|uniquement|excepte|sans|sauf)\b"#).matches(rest.folded) {
                    // "Oui pour Élise, mais pas pour Éliott": a yes with conditions is not a plain yes.
                    r.doubts.append(Doubts.partialYes)
                }
                r.confidence = r.doubts.isEmpty ? .certain : .unsure
                requests.append(r)
                lines[index] = echo ? "" : answer.rest
            }
        }

        // 2. The structured form.
        let form = StructuredForm.read(lines)
        var drafts: [Draft] = []
        if form.isForm { drafts.append(contentsOf: formDrafts(form)) }

        // 3. Free sentences.
        let sentences = MessageCleaner.sentences(form.otherLines)
        if sentences.count > RequestReader.maxSentences
            || sentences.reduce(0, { $0 + $1.count }) > RequestReader.maxContentCharacters
            || sentences.contains(where: { $0.count > RequestReader.maxSentenceCharacters }) {
            return [Reading.tooLong]
        }
        var clauses: [Clause] = []
        // Splitting re-reads a sentence once per connector: a few sentences per mail may be split, the rest are asked.
        var splitsLeft = Clause.maxSplitSentences
        for s0 in sentences {
            var c = Clause.explained(s0, context: context, family: family) ?? Clause(s0, context: context, family: family)
            Reading.dropWellChildren(&c, family: family)
            let s = c.requestText ?? s0
            let mayDistribute = c.children.names.count >= 2 && c.dates.count >= 2
            let maySplit = Set(c.cues.actions).count > 1
            if (mayDistribute || maySplit) { splitsLeft -= 1 }
            if splitsLeft >= 0, mayDistribute, let parts = Clause.distribute(s, context: context, family: family) {
                clauses.append(contentsOf: parts.map { var p = $0; p.partOfSplit = parts.count > 1; return p })
            } else if splitsLeft >= 0, maySplit, let parts = Clause.split(s, context: context, family: family) {
                clauses.append(contentsOf: parts.map { var p = $0; p.partOfSplit = parts.count > 1; return p })
            } else {
                if c.interleavesChildrenAndDays { c.children.doubts.append(Doubts.perChildDays) }
                else if splitsLeft >= 0, c.children.names.count >= 2, Clause.contrastsChildren(s, context: context, family: family) {
                    c.children.doubts.append(Doubts.perChild)
                }
                clauses.append(c)
            }
        }
        bodyDays = Set(clauses.flatMap { $0.dates.flatMap(\.days) + $0.takenBack })
        toldDays = Set(clauses.flatMap { $0.dates.filter { !$0.sameAsPrevious }.flatMap(\.days) })
        wholeDays = Set(clauses.filter { Reading.wholeDay.matches($0.folded) && !Reading.partOfDay($0) }.flatMap(\.days))
        var freeDrafts = textDrafts(clauses)
        if form.isForm {
            let formIntents = Set(drafts.map(\.intent))
            freeDrafts.removeAll { formIntents.contains($0.intent) || $0.intent == .unknown }
        }
        drafts.append(contentsOf: freeDrafts)

        // Contact fields of the form ("Téléphone : …") belong to the contact request, whatever names it.
        var formContact = ContactChange()
        if let p = form.phone { formContact.phone = ContactDetails.normalisePhone(p) }
        if let a = form.address { formContact.address = a }
        if let p = form.postalCode { formContact.postalCode = p }
        if let c = form.city { formContact.city = c }
        if let e = form.email { formContact.email = e.trimmedWhitespace.lowercased() }

        // 4. Nothing in the text: the subject alone may be the request ("Récapitulatif").
        if drafts.isEmpty && requests.isEmpty, let subject = subjectClause {
            drafts = textDrafts([subject])
            if drafts.isEmpty, let intent = StructuredForm.keyword(subject.original) {
                drafts = [Draft(intent: intent, clause: subject)]
            }
        }

        if formContact != ContactChange() {
            if !drafts.contains(where: { $0.intent == .contact }), !form.isForm, drafts.allSatisfy({ $0.intent == .unknown }) {
                drafts = [Draft(intent: .contact)]
            }
            for k in drafts.indices where drafts[k].intent == .contact {
                drafts[k].contact = ContactDetails.merge(drafts[k].contact, formContact)
                drafts[k].doubts.removeAll { $0 == Doubts.missingContact }
            }
        }
        var finished: [Request] = []
        var headings = Set<Int>()
        for d in drafts {
            let r = finish(d, previous: finished)
            if d.intent == .unknown, let c = d.clause, c.original.trimmedWhitespace.hasSuffix(":"), Reading.onlyDays(c) {
                headings.insert(finished.count)
            }
            finished.append(r)
            if d.activity.kind == r.activity, [.reservation, .cancellation].contains(r.intent) {
                for kind in d.activity.extraKinds where kind != r.activity && !kind.isALSH {
                    var other = r
                    other.activity = kind
                    other.slot = nil
                    finished.append(other)
                }
            }
            if r.slot == .matinSansRepas, let pair = d.activity.pairedSlot ?? (d.activity.slot == nil ? subjectClause?.activity.pairedSlot : nil) {
                // "matin et après-midi sans repas": two bookings of the same day.
                var second = r
                second.slot = pair
                finished.append(second)
            }
        }
        // "Jeudi 11 mars :" over "Léa : pas de cantine": a heading of days alone, whose days the requests below it
        // took, asks nothing by itself.
        finished = finished.enumerated().filter { k, r in
            guard headings.contains(k), !r.dates.isEmpty else { return true }
            let taken = Set(finished[(k + 1)...].filter { [.absence, .reservation, .cancellation].contains($0.intent) }.flatMap(\.dates))
            return !Set(r.dates).isSubset(of: taken)
        }.map(\.element)
        requests.append(contentsOf: Reading.askContradictions(merge(finished)))
        if requests.isEmpty {
            return [Request(intent: .unknown, confidence: .unsure, doubts: [Doubts.whatDoYouWant])]
        }
        return requests
    }

    // MARK: - Drafts

    func formDrafts(_ f: FormFields) -> [Draft] {
        var intent = f.intent
        if intent == nil, let s = subjectClause { intent = StructuredForm.keyword(s.original) ?? (s.actions.count == 1 ? s.actions[0] : nil) }
        if intent == nil, f.key != nil { intent = .activation }
        var d = Draft(intent: intent ?? .unknown)
        d.fromForm = true
        if intent == nil { d.doubts.append(Doubts.whatDoYouWant) }
        if let c = f.children {
            let folded = TextFolding.foldCollapsed(c)
            var mention = ChildrenPhrases.read(Tokenizer.tokens(folded), original: c, family: family)
            if mention.names.isEmpty, ["tous", "toutes", "les deux", "tous les deux", "toutes les deux", "les enfants", "mes enfants"].contains(folded),
               let all = family?.children.map(\.firstName) {
                mention.names = all
            }
            if mention.names.isEmpty, mention.unknownNames.isEmpty {
                mention.unknownNames = [c.trimmedWhitespace]
            }
            d.children = mention
        }
        var dateText = ""
        if let from = f.from, let to = f.to { dateText = "du \(from) au \(to)" }
        else if let from = f.from { dateText = "le \(from)" }
        else if let to = f.to { dateText = "le \(to)" }
        if let more = f.dates { dateText += (dateText.isEmpty ? "le " : ", ") + more }
        if !dateText.isEmpty {
            let folded = MessageCleaner.maskPhones(TextFolding.foldCollapsed(dateText))
            d.dates = DatePhrases.mentions(Tokenizer.tokens(folded), context: context)
            if f.from != nil, f.to == nil, f.dates == nil, let start = d.dates.first?.days.first {
                d.doubts.append(Doubts.noEnd(start))
            }
            if d.dates.allSatisfy({ $0.days.isEmpty && $0.doubts.isEmpty }) { d.doubts.append(Doubts.whichDays) }
        }
        var activityText = f.activity.map { TextFolding.foldCollapsed($0) } ?? ""
        if let kind = ActivityKind(rawValue: activityText) { d.activity.kind = kind }
        else if !activityText.isEmpty {
            d.activity = ActivityPhrases.read(activityText)
            if d.activity.isEmpty { d.doubts.append(Doubts.whichActivity) }
        }
        if let s = f.slot {
            activityText = TextFolding.foldCollapsed(s)
            var scratch = ActivityMention()
            d.activity.slot = ActivityPhrases.slot(activityText, &scratch)
            d.activity.pairedSlot = scratch.pairedSlot
            d.activity.slotDoubt = scratch.slotDoubt ?? (d.activity.slot == nil ? Doubts.whichSlot : nil)
        }
        d.reason = f.reason
        if let e = f.einvoice { d.einvoice = e }
        if d.intent == .einvoice, d.einvoice == nil { d.doubts.append(Doubts.einvoiceChoice) }
        if let k = f.key {
            d.key = KeyReader.fromField(k)
            if d.key == nil { d.doubts.append(Doubts.missingKey) }
        }
        var contact = ContactChange()
        if let p = f.phone { contact.phone = ContactDetails.normalisePhone(p) }
        if let a = f.address { contact.address = a }
        if let p = f.postalCode { contact.postalCode = p }
        if let c = f.city { contact.city = c }
        if let e = f.email { contact.email = e.trimmedWhitespace.lowercased() }
        if contact != ContactChange() { d.contact = contact }
        return [d]
    }

    func textDrafts(_ clauses: [Clause]) -> [Draft] {
        let clauses = Reading.withAnnouncedWeek(clauses)
        var drafts: [Draft] = []
        // A child kept away for health is absent from every activity of those days, even where the parent names one
        // ("otite … il n'ira pas non plus au centre mercredi").
        let illness = clauses.contains { $0.cues.illness }
        // A correction with no day yet ("Enfin non, je me trompe de jour."): the next sentence may give it.
        var pendingCorrection: [Int] = []
        // The activity of a booking described earlier ("Zoé est inscrite au centre la première semaine"): "elle n'ira
        // pas le vendredi" then leaves that activity.
        var describedActivity: ActivityMention?
        var previousChildren: ChildMention?
        var seenOther = Set<Intent>()
        /// The last sentence of a list of days alone, and the request it gave its days to.
        var listGoesOn: (clause: Int, draft: Int)?
        let fullText = clauses.map(\.original).joined(separator: " ")
        for (index, c) in clauses.enumerated() {
            let actions = c.actions
            var made: [Draft] = []
            // A later pass took this sentence's days for a request before (a day corrected, a day back).
            var consumed = false
            if listGoesOn?.clause != index - 1 { listGoesOn = nil }
            for (n, intent0) in actions.enumerated() where n == 0 || actions.count > 1 {
                var intent = intent0
                var activity = c.activity
                if intent == .cancellation, c.cues.cancellationByNegation, illness, actions.count == 1 {
                    intent = .absence
                    activity = ActivityMention()
                }
                if intent == .absence, c.cues.absenceByNegation, !illness, actions.count == 1, let described = describedActivity {
                    intent = .cancellation
                    activity = described
                }
                if intent == .cancellation, c.cues.eatsElsewhere, activity.kind != .restauration {
                    // "mangera à la maison" is the canteen, whatever else the sentence names (asked in `finish`).
                    activity = ActivityMention(); activity.kind = .restauration
                }
                var d = Draft(intent: intent, clause: c, children: c.children, dates: c.dates, activity: activity)
                d.hedged = c.cues.hedged
                if c.cues.unreadNegation { d.doubts.append(.unreadNegation) }
                if actions.count > 1 { d.doubts.append(Doubts.tangled) }
                if c.cues.askedAsQuestion { d.doubts.append(Doubts.question) }
                d.previousChildren = previousChildren
                d.reason = intent == .absence ? Reading.reason(c) : nil
                made.append(d)
                if actions.count > 1 { break }   // one unsure request stands for the tangled sentence
            }
            let daysAsked = c.dates.contains { !$0.partOfToday && !$0.yesterday && (!$0.days.isEmpty || !$0.doubts.isEmpty || $0.sameAsPrevious) }
            if actions.isEmpty, c.cues.weakAbsence, daysAsked, !c.cues.narrativePast, !c.cues.routine, c.cues.other.isEmpty {
                var d = Draft(intent: .absence, clause: c, children: c.children, dates: c.dates, activity: c.activity)
                d.hedged = true
                d.weak = true
                d.previousChildren = previousChildren
                d.reason = Reading.reason(c)
                made.append(d)
            }
            // "Côme sera absent demain. Enfin je crois, j'attends l'avis du médecin.": a doubt said in a sentence that
            // asks nothing and names no child of its own is on the request before.
            // "… Enfin, Gabin viendra peut-être.": a child of that request named with the doubt hedges it too; a
            // doubt about another child ("Je ne suis pas sûre pour Prune") leaves it as it was.
            if c.cues.other.isEmpty, c.children.unknownNames.isEmpty, Reading.laterDoubt.matches(c.folded),
               let k = drafts.indices.last(where: { [.absence, .reservation, .cancellation].contains(drafts[$0].intent) }),
               actions.isEmpty || !c.children.names.isEmpty,
               c.children.names.allSatisfy(drafts[k].children.names.contains) {
                drafts[k].hedged = true
            }
            // "Ysaline sera absente lundi. Ça dépendra de sa température.": the condition is on the request before.
            if actions.isEmpty, c.cues.condition, c.cues.other.isEmpty,
               let k = drafts.indices.last(where: { [.absence, .reservation, .cancellation].contains(drafts[$0].intent) }) {
                drafts[k].conditional = true
            }
            // "Je souhaite recevoir mes factures en ligne. Finalement je préfère le papier.": the later wish replaces
            // the earlier one when it corrects it; otherwise the two are asked.
            if seenOther.contains(.einvoice), let wish = c.cues.einvoice,
               let k = drafts.firstIndex(where: { $0.intent == .einvoice }), drafts[k].einvoice != wish {
                if c.correction { drafts[k].einvoice = wish } else { drafts[k].doubts.append(Doubts.einvoiceChoice) }
            }
            for intent in c.cues.other where !seenOther.contains(intent) {
                // "mes factures de cantine": the activity word does not make a booking.
                var d = Draft(intent: intent, clause: c)
                switch intent {
                case .einvoice: d.einvoice = c.cues.einvoice
                case .activation:
                    var keys = KeyReader.all(in: c.original)
                    if keys.isEmpty { keys = KeyReader.all(in: fullText) }
                    d.key = keys.first
                    if d.key == nil { d.doubts.append(Doubts.missingKey) }
                    if keys.count > 1 { d.doubts.append(Doubts.twoKeys) }
                case .contact:
                    // Only the request's own sentence, or the line it announces ("Mon nouveau numéro :" then the
                    // number alone): never a number from a signature or another sentence.
                    d.contact = ContactDetails.read(c.original, serviceDomains: input.serviceDomains)
                    if d.contact == nil, c.original.trimmedWhitespace.hasSuffix(":"),
                       index + 1 < clauses.count,
                       ContactDetails.isOnlyDetails(clauses[index + 1].original, serviceDomains: input.serviceDomains) {
                        d.contact = ContactDetails.read(clauses[index + 1].original, serviceDomains: input.serviceDomains)
                    }
                    if d.contact == nil { d.doubts.append(Doubts.missingContact) }
                    if Set(MessageCleaner.phones(in: c.original).map(ContactDetails.normalisePhone)).count > 1 {
                        d.doubts.append(Doubts.whichPhone)
                    }
                default: break
                }
                seenOther.insert(intent)
                made.append(d)
            }
            // A key beside an absence in the same sentence is read too, never dropped.
            if !seenOther.contains(.activation), let key = KeyReader.find(in: c.original) {
                var d = Draft(intent: .activation, clause: c)
                d.key = key
                if KeyReader.all(in: fullText).count > 1 { d.doubts.append(Doubts.twoKeys) }
                seenOther.insert(.activation)
                made.append(d)
            }
            // Days alone add to the one request of the sentence just before (below, days alone that join nothing are
            // asked): "Pas de cantine mardi. Et jeudi." goes on with its days; "Pas de cantine pour Ysaline :" then
            // "- lundi", "- mardi" gives the days a request without any announced.
            // ("20 novembre 2026" on a line of its own is the mail's dateline, not a day asked.)
            let dateline = c.days.allSatisfy { $0 <= context.reference }
                && c.tokens.contains { $0.kind == .numericDate || FrenchWords.months[$0.text] != nil }
            var joinsPrevious = false
            if index > 0, Reading.onlyDays(c), let k = drafts.indices.last,
               [.absence, .reservation, .cancellation].contains(drafts[k].intent) {
                let previous = clauses[index - 1]
                let onlyRequestOfPrevious = !previous.partOfSplit && drafts[k].clause?.original == previous.original
                    && drafts.filter({ $0.clause?.original == previous.original }).count == 1
                let goesOn = Reading.joinsBefore.matches(c.folded) && !previous.days.isEmpty
                let announced = !previous.hasDates && drafts[k].dates.allSatisfy { $0.days.isEmpty && $0.doubts.isEmpty && !$0.sameAsPrevious }
                    && (previous.original.trimmedWhitespace.hasSuffix(":") || !dateline)
                joinsPrevious = (onlyRequestOfPrevious && (goesOn || announced)) || listGoesOn.map { $0.clause == index - 1 && $0.draft == k } == true
                if joinsPrevious, !goesOn { listGoesOn = (index, k) }
            }
            if made.isEmpty, c.hasDates, !c.namesSomeone, !c.namesActivity, c.cues.actions.isEmpty, c.cues.other.isEmpty,
               c.takenBack.isEmpty, Reading.sameAgain.matches(c.folded) || joinsPrevious,
               // "Mercredi aussi ?": asked back, not added.
               !c.original.trimmedWhitespace.hasSuffix("?"),
               let k = drafts.indices.last(where: { [.absence, .reservation, .cancellation].contains(drafts[$0].intent) }) {
                // "Louise sera absente le 4 octobre. Et aussi le 5.": the request before, on more days.
                drafts[k].dates.append(DateMention(days: Reading.inMonths(of: drafts[k].dates.flatMap(\.days), c), doubts: c.dates.flatMap(\.doubts), range: 0..<0))
                continue
            }
            if made.isEmpty, c.hasDates, c.cues.actions.isEmpty, Reading.comesAnyway.matches(c.folded),
               let k = drafts.indices.last(where: { [.absence, .cancellation].contains(drafts[$0].intent) }),
               !Set(drafts[k].dates.flatMap(\.days)).isDisjoint(with: Reading.inMonths(of: drafts[k].dates.flatMap(\.days), c)) {
                // "absente du 25 au 29 octobre. Elle viendra quand même le 27.": that day is taken out.
                let present = Set(Reading.inMonths(of: drafts[k].dates.flatMap(\.days), c))
                for m in drafts[k].dates.indices { drafts[k].dates[m].days.removeAll(where: present.contains) }
                continue
            }
            // A name that is no child of the family counts too ("Emma aussi"): asked, never dropped.
            if made.isEmpty, !c.hasDates, !c.children.names.isEmpty || !c.children.doubts.isEmpty || !c.children.unknownNames.isEmpty,
               Pattern(#"\b(non plus|aussi|egalement|idem|de meme|pareil)\b"#).matches(c.folded),
               let prev = drafts.last(where: { [.absence, .reservation, .cancellation].contains($0.intent) }) {
                // "Éliott non plus", "idem pour Éliott": the previous request for these children too.
                var d = prev
                d.clause = c
                d.children = c.children
                // "Côme aussi mais la journée", "Maël aussi, l'après-midi": words beyond the children and the joining
                // words change something for them — asked, never copied as it was.
                let nameWords = Set(((family?.children ?? []).map(\.firstName) + c.children.unknownNames).flatMap {
                    TextFolding.fold($0).split(whereSeparator: { $0 == "-" || $0 == " " }).map(String.init)
                })
                let joining: Set<String> = ["aussi", "egalement", "non", "plus", "idem", "de", "meme", "pareil", "pour", "et",
                                            "svp", "stp", "merci", "beaucoup", "s'il", "vous", "plait", "ainsi", "que", "also", "too"]
                if c.tokens.contains(where: { $0.kind == .word && !joining.contains($0.text) && !nameWords.contains($0.text)
                                             && !$0.text.split(separator: "-").allSatisfy { nameWords.contains(String($0)) } }) {
                    d.doubts.append(Doubts.perChild)
                }
                made.append(d)
            }
            // "Cantine jeudi pour Bérénice svp.", "Garderie du soir vendredi pour Ferdinand, merci.": a polite request
            // with no verb, only an activity, days and a child, asks for that activity.
            if made.isEmpty, c.namesActivity, c.hasDates, c.cues.actions.isEmpty, c.cues.other.isEmpty, !c.cues.hedged,
               !c.cues.condition, !c.cues.denied, Reading.verblessBooking(c) {
                var d = Draft(intent: .reservation, clause: c, children: c.children, dates: c.dates, activity: c.activity)
                d.previousChildren = previousChildren
                made.append(d)
            }
            let daysSaid = c.dates.contains { !$0.partOfToday && (!$0.days.isEmpty || !$0.doubts.isEmpty || $0.sameAsPrevious) }
            // A question about days ("et pour la semaine d'après, on fait comme d'habitude ?") is never left unanswered.
            // …but a question beside the service ("la kermesse, c'est bien le 22 juin ?") names no child, no activity
            // and no habit: it is not a request.
            let asks = c.original.trimmedWhitespace.hasSuffix("?")
                && (c.namesSomeone || c.namesActivity || c.cues.routine || Reading.continuation.matches(c.folded))
            if made.isEmpty, daysSaid, c.namesSomeone || c.namesActivity || asks, !c.cues.routine || c.cues.hedged || asks,
               !c.cues.stateBooked || c.cues.question || asks, !c.cues.narrativePast, !c.cues.presence || asks {
                // Something is said about a child and a day, but what? Ask.
                var d = Draft(intent: .unknown, clause: c, children: c.children, dates: c.dates, activity: c.activity)
                d.previousChildren = previousChildren
                made.append(d)
            }
            // "Ils partent en classe verte du 20 au 24. Merci d'annuler la cantine ces jours-là.": the sentence before
            // only said when; the request takes its days (and its children when it names none).
            if let k = drafts.indices.last, drafts[k].intent == .unknown, let unknownClause = drafts[k].clause,
               made.contains(where: { $0.dates.contains(where: \.sameAsPrevious) }) {
                for n in made.indices where made[n].dates.contains(where: \.sameAsPrevious) {
                    made[n].dates = made[n].dates.filter { !$0.sameAsPrevious } + unknownClause.dates
                    if made[n].children.isEmpty { made[n].children = unknownClause.children }
                }
                drafts.remove(at: k)
            }
            // "… Enfin non, je me trompe de jour. C'est le lundi 13 mai.": one day for the one day of the request corrected.
            if made.isEmpty, !c.correction, pendingCorrection.count == 1, c.days.count == 1,
               drafts.indices.contains(pendingCorrection[0]), drafts[pendingCorrection[0]].dates.flatMap(\.days).count == 1 {
                let k = pendingCorrection[0]
                drafts[k].dates = [DateMention(days: c.days, range: 0..<0)]
                drafts[k].doubts.removeAll { $0 == Doubts.correction }
                pendingCorrection = []
                consumed = true
            } else if !c.correction, !c.dates.isEmpty {
                pendingCorrection = []
            }
            // "Léa sera absente demain. Elle reprendra l'école lundi.": the absence before runs to the last weekday
            // before the return.
            if made.isEmpty, let back = c.dates.first(where: \.returnDay)?.days.first,
               c.dates.allSatisfy({ $0.returnDay || $0.days.isEmpty }),
               let k = drafts.indices.last(where: { drafts[$0].intent == .absence }),
               let first = drafts[k].dates.flatMap(\.days).min(), first < back {
                var last = back.adding(days: -1)
                while last.weekday >= 6, last > first { last = last.adding(days: -1) }
                let days = (0...first.days(until: last)).map { first.adding(days: $0) }
                consumed = true
                for m in drafts[k].dates.indices { drafts[k].dates[m].doubts.removeAll(where: \.isNoEnd) }
                drafts[k].dates.append(DateMention(days: days, range: 0..<0))
                // "Il reviendra mercredi après-midi": away that morning too — absences are whole days, asked
                // ("lundi matin" is the whole Monday back).
                if Reading.partOfDay(c), !Pattern(#"\b(matin|matinee|soir|soiree)\b"#).matches(c.folded) { drafts[k].doubts.append(Doubts.partOfDay) }
            }
            // "Ah non, je me suis trompée, c'est le 16 pas le 15": the earlier requests take the new day instead; a
            // correction that cannot be placed makes every earlier request a question.
            // "Anaïs n'ira pas au centre le 15. … ce n'est pas le 15 mais le 22 qu'elle n'ira pas": the sentence
            // restates the request before with another day — the request before takes the new day, nothing more.
            if !made.isEmpty, !c.takenBack.isEmpty, !c.days.isEmpty {
                let old = Set(c.takenBack)
                let targets = drafts.indices.filter { k in
                    [.absence, .reservation, .cancellation].contains(drafts[k].intent)
                        && drafts[k].dates.contains { !Set($0.days).isDisjoint(with: old) }
                }
                if !targets.isEmpty {
                    for k in targets {
                        for m in drafts[k].dates.indices { drafts[k].dates[m].days.removeAll(where: old.contains) }
                        drafts[k].dates.append(DateMention(days: c.days, range: 0..<0))
                    }
                    made.removeAll { [.absence, .reservation, .cancellation, .unknown].contains($0.intent) }
                } else if c.correction, !c.correctedInPlace {
                    // "Je me suis trompée dans mon dernier mail : c'est mardi et non lundi": the day taken back was
                    // told in another mail, whose request stands until staff or the parent undo it — asked.
                    for n in made.indices where [.absence, .reservation, .cancellation].contains(made[n].intent) {
                        made[n].doubts.append(Doubts.correction)
                    }
                } else if !c.correctedInPlace {
                    // "jeudi au lieu de vendredi" with no earlier request of this mail to correct: a booking moved from
                    // the day taken back (cancelled when the swap is explicit, asked when only "pas vendredi");
                    // an absence or a cancellation moved from a day told in another mail is asked.
                    let swap = Pattern(#"\bau lieu d|\bplutot que?\b|\ba la place d"#).matches(c.folded)
                    // "absente non pas jeudi mais vendredi": the sentence itself says which day; nothing is moved.
                    let saysWhich = Reading.ratherThan.matches(c.folded)
                    for n in made.indices where [.absence, .cancellation].contains(made[n].intent) && !saysWhich {
                        made[n].doubts.append(Doubts.correction)
                    }
                    if let r = made.first(where: { $0.intent == .reservation }) {
                        var undo = r
                        undo.intent = .cancellation
                        undo.movedFrom = true
                        undo.dates = [DateMention(days: c.takenBack.sorted(), range: 0..<0)]
                        if !swap { undo.doubts.append(.cancelTakenBack(c.takenBack.sorted())) }
                        made.append(undo)
                    }
                }
            }
            // "À moins que sa fièvre tombe, en fait.": a condition with no day of its own is not a correction.
            let onlyCondition = c.cues.condition && c.takenBack.isEmpty && !c.hasDates
            if made.isEmpty, c.correction || !c.takenBack.isEmpty, !onlyCondition {
                let earlier = drafts.indices.filter { [.absence, .reservation, .cancellation].contains(drafts[$0].intent) }
                var old = Set(c.takenBack), new = c.days
                var targets = earlier.filter { k in drafts[k].dates.contains { !Set($0.days).isDisjoint(with: old) } }
                if targets.isEmpty, !old.isEmpty, !new.isEmpty, old.count == 1, new.count == 1,
                   let taken = old.first, let given = new.first {
                    // "le 15 février … c'est le 16 pas le 15": bare day numbers belong to the month corrected.
                    let byNumber = earlier.filter { k in drafts[k].dates.flatMap(\.days).contains { $0.day == taken.day } }
                    if byNumber.count == 1, let day = drafts[byNumber[0]].dates.flatMap(\.days).first(where: { $0.day == taken.day }),
                       let moved = CivilDate(year: day.year, month: day.month, day: given.day) {
                        old = [day]; new = [moved]; targets = byNumber
                    }
                }
                if targets.isEmpty, old.count == 1, new.count == 1, let taken = old.first {
                    // "le jeudi 1er février, pas le vendredi": a weekday taken back is that weekday of the request.
                    let byWeekday = earlier.filter { k in drafts[k].dates.flatMap(\.days).contains { $0.weekday == taken.weekday } }
                    if byWeekday.count == 1,
                       let day = drafts[byWeekday[0]].dates.flatMap(\.days).first(where: { $0.weekday == taken.weekday }),
                       drafts[byWeekday[0]].dates.flatMap(\.days).filter({ $0.weekday == taken.weekday }).count == 1 {
                        old = [day]; targets = byWeekday
                    }
                }
                if old.isEmpty, new.count == 1, earlier.count == 1, c.namesSomeone == false,
                   drafts[earlier[0]].dates.flatMap(\.days).count == 1 {
                    // "Anouk sera absente le 22. Correction : le 23.": one day for one day.
                    old = Set(drafts[earlier[0]].dates.flatMap(\.days)); targets = earlier
                }
                if !old.isEmpty, !new.isEmpty, !targets.isEmpty, !c.retraction {
                    for k in targets {
                        for m in drafts[k].dates.indices { drafts[k].dates[m].days.removeAll(where: old.contains) }
                        drafts[k].dates.append(DateMention(days: new, range: 0..<0))
                    }
                } else {
                    for k in earlier { drafts[k].doubts.append(Doubts.correction) }
                    if old.isEmpty, new.isEmpty, !c.retraction { pendingCorrection = earlier }
                    if earlier.isEmpty, c.hasDates || c.namesSomeone {
                        made.append(Draft(intent: .unknown, clause: c, children: c.children, dates: c.dates, activity: c.activity))
                    }
                }
            }
            // "Ferdinand sera absent jeudi. Oups, c'est Bérénice qui sera absente, pas Ferdinand.": a correction naming
            // a child of an earlier request and another one puts the earlier request in question.
            // "… lundi et mardi. Correction : Eulalie seulement lundi.", "… Enfin, seulement Célestin, Eulalie ira à
            // l'école.": a later sentence with no request of its own narrows or corrects the children of one before.
            let onlyUnknown = made.allSatisfy { $0.intent == .unknown }
            let narrows = onlyUnknown && (c.cues.presence || Pattern(#"\b(seulement|uniquement|juste|que)\b"#).matches(c.folded))
            if c.correction && (c.children.names.count >= 2 || onlyUnknown) || narrows {
                // Only children written by name ("Sa petite sœur Jeanne" also names her brother by the tie).
                let written = Set(c.children.positions.compactMap { p -> String? in
                    let key = TextFolding.nameKey(c.tokens[p].text)
                    let match = (family?.children ?? []).map(\.firstName).filter { TextFolding.nameKey($0).hasPrefix(key) }
                    return match.count == 1 ? match[0] : nil
                })
                for k in drafts.indices where [.absence, .reservation, .cancellation].contains(drafts[k].intent)
                    && !Set(drafts[k].children.names).isDisjoint(with: written) {
                    drafts[k].doubts.append(Doubts.correction)
                }
            }
            // "Elle a rendez-vous lundi. Elle sera donc absente ce jour-là.": the appointment is the absence's reason.
            if let k = drafts.indices.last, drafts[k].weak, drafts[k].cues.hedged == false,
               made.contains(where: { $0.intent == .absence && !$0.weak && !$0.hedged }) {
                drafts[k].hedged = false; drafts[k].weak = false
            }
            if made.isEmpty, !c.hasDates, !c.namesSomeone, c.activity.isEmpty,
               let k = drafts.indices.last(where: { drafts[$0].intent == .reservation }),
               drafts[k].activity.slot == nil {
                // "Journée avec repas s'il vous plaît." after the booking it completes.
                var scratch = ActivityMention()
                if let slot = ActivityPhrases.slot(c.folded, &scratch) {
                    drafts[k].activity.slot = slot
                    drafts[k].activity.pairedSlot = scratch.pairedSlot
                }
            }
            // "Pas de cantine mardi. Ou jeudi.", "… mardi. Jeudi.": days alone that no pass above took belong to a
            // request we cannot tell: asked, and no request of the mail is applied without them.
            // "… la semaine prochaine. Semaine du 23 novembre.": days already asked for, said again, add nothing.
            let saidAgain = !c.days.isEmpty && Set(c.days).isSubset(of: Set(drafts.flatMap { $0.dates.flatMap(\.days) }))
            if made.isEmpty, !consumed, !dateline, !saidAgain, Reading.onlyDays(c), c.takenBack.isEmpty, !c.correction {
                let requests = drafts.indices.filter { [.absence, .reservation, .cancellation, .unknown].contains(drafts[$0].intent) }
                for k in requests { drafts[k].doubts.append(.looseDays(Reading.quote(c.original))) }
                if requests.isEmpty {
                    made.append(Draft(intent: .unknown, clause: c, children: c.children, dates: c.dates, activity: c.activity))
                }
            }
            if c.cues.stateBooked, !c.activity.isEmpty { describedActivity = c.activity }
            drafts.append(contentsOf: made)
            if !c.children.names.isEmpty || !c.children.unknownNames.isEmpty { previousChildren = c.children }
        }
        // "… a attrapé la grippe ce week-end. … Elle ne viendra pas à l'école jusqu'à vendredi.": the child is ill now
        // (said in another sentence of the mail), so "jusqu'à vendredi" starts today, as within one sentence.
        let illNow = clauses.contains { c in
            Reading.illWords.matches(c.folded) && !IntentReader.recovered.matches(c.folded)
                && (!c.cues.narrativePast || Pattern(#"\b(depuis|ce week-end|cette nuit|ce matin|hier)\b"#).matches(c.folded))
        }
        if illNow {
            for k in drafts.indices where drafts[k].intent == .absence {
                for m in drafts[k].dates.indices where drafts[k].dates[m].openStart && drafts[k].dates[m].days.first == context.reference {
                    drafts[k].dates[m].doubts.removeAll { $0.isNoStart }
                }
            }
        }
        // "elle est malade, elle sera absente jeudi" written on a Thursday: a child ill now is most likely away
        // today, while a bare weekday reads as next week's. Asked.
        let illToday = illNow || clauses.contains { c in
            Reading.illPresent.matches(c.folded) && !IntentReader.recovered.matches(c.folded)
        }
        if illToday {
            let ref = context.reference, nextWeek = context.reference.adding(days: 7)
            if ref.weekday <= 5 {
                for k in drafts.indices where drafts[k].intent == .absence {
                    for m in drafts[k].dates.indices where drafts[k].dates[m].bareWeekdays.contains(ref.weekday)
                        && drafts[k].dates[m].weekdaySet.isEmpty && drafts[k].dates[m].days.contains(nextWeek)
                        && !drafts[k].dates[m].doubts.contains(.nextAmbiguous(ref, nextWeek)) {
                        drafts[k].dates[m].doubts.append(.nextAmbiguous(ref, nextWeek))
                    }
                    // "il a la varicelle, il sera absent de lundi à mercredi" written on a Tuesday: this week's Monday
                    // to Wednesday (today among them) or next week's? Asked.
                    guard let tokens = drafts[k].clause?.tokens else { continue }
                    for m in drafts[k].dates.indices {
                        let mention = drafts[k].dates[m]
                        guard mention.weekdaySet.isEmpty, let first = mention.days.first, let last = mention.days.last,
                              first > ref, mention.range.upperBound <= tokens.count else { continue }
                        let words = tokens[mention.range]
                        let bareWeekdays = words.contains { FrenchWords.weekdays[$0.text] != nil }
                            && !words.contains { $0.kind != .word || FrenchWords.months[$0.text] != nil
                                || ["prochain", "prochaine", "prochains", "semaine", "suivant", "suivante"].contains($0.text) }
                        let thisWeek = first.adding(days: -7)
                        if bareWeekdays, thisWeek <= ref, ref <= last.adding(days: -7),
                           !mention.doubts.contains(where: { if case .nextAmbiguous = $0 { return true }; return false }) {
                            drafts[k].dates[m].doubts.append(.nextAmbiguous(thisWeek, first))
                        }
                    }
                }
            }
        }
        return drafts
    }

    /// An exception that names a child after a day was said ("les 24 et 26 pour les deux, ni le 26 pour Bérénice",
    /// "…, et pas jeudi pour Ferdinand", "sauf Solène le 25"): it concerns that child only.
    static func exceptsOneChild(_ c: Clause) -> Bool {
        let t = c.tokens
        guard let firstDay = c.dateCoverage.map(\.lowerBound).min(), let lastChild = c.children.positions.max() else { return false }
        // "Les deux seront absents jeudi et vendredi, Bérénice aussi …/mais Bérénice viendra vendredi": children said
        // before a day, one of them named again after it, with something of its own.
        // "Pas de cantine jeudi pour les deux, ni vendredi pour Ferdinand": a day said between them.
        // Only when the later child's part has a day of its own ("…, Capucine a une sortie" explains; "…, Timéo aussi" adds).
        let refs = c.children.positions + c.children.groupPositions
        let days = c.dates.filter { !$0.days.isEmpty || !$0.doubts.isEmpty }.map(\.range.lowerBound)
        if let a = refs.min() {
            for seg in Leftovers.segments(t) {
                // "…, Timéo aussi", "et Côme aussi": the later child only joins the request.
                let joins: Set<String> = ["aussi", "egalement", "non", "plus", "pareil", "idem", "too", "also"]
                let named = c.children.positions.filter { p in
                    guard seg.contains(p), p > a else { return false }
                    let after = t[(p + 1)...].filter { $0.kind != .punct }.map(\.text)
                    return !(!after.isEmpty && after.count <= 2 && after.allSatisfy(joins.contains)
                             && (!after.contains("non") || after.contains("plus")))
                }
                guard !named.isEmpty, days.contains(where: { seg.contains($0) }),
                      days.contains(where: { $0 > a && $0 < named.max()! }) else { continue }
                return true
            }
        }
        var negatedBefore = false
        for i in t.indices where t[i].kind == .word {
            let w = t[i].text
            if i < firstDay || i >= lastChild {
                if ["ne", "n", "pas", "plus"].contains(w) { negatedBefore = true }
                continue
            }
            let prev = i > 0 ? t[i - 1].text : ""
            let exception = ["sauf", "excepte", "hormis", "hors", "sinon"].contains(w)
                || (w == "part" && prev == "a")
                || (w == "ni" && !negatedBefore)
                || (w == "pas" && [",", "et", "mais"].contains(prev))
            if exception { return true }
            if ["ne", "n", "pas", "plus"].contains(w) { negatedBefore = true }
        }
        return false
    }

    /// "… la cantine lundi mais restera à la garderie du soir": activities on both sides of a contrast.
    static func contrastsActivities(_ c: Clause) -> Bool {
        guard let r = Pattern(#"\b(mais|par contre|en revanche|cependant|sauf)\b"#).firstRange(c.folded) else { return false }
        let left = ActivityPhrases.read(String(c.folded[..<r.lowerBound]))
        let right = ActivityPhrases.read(String(c.folded[r.upperBound...]))
        guard let a = left.kind ?? (left.alshUndecided ? .alshMercredi : nil),
              let b = right.kind ?? (right.alshUndecided ? .alshMercredi : nil) else { return false }
        return a != b
    }

    /// The words of an event's day ("la sortie du 28 mai") the date grammar set aside as context, when the part of the
    /// sentence holding it says something of its own (a negation, an absence, a booking) about other days than the
    /// request's.
    func droppedEventDay(_ c: Clause) -> String? {
        let t = c.tokens
        func word(_ i: Int) -> String { i >= 0 && i < t.count && t[i].kind == .word ? t[i].text : "" }
        let kept = Set(c.dates.map(\.range.lowerBound))
        let segments = Leftovers.segments(t)
        let own = Pattern(#"^(pas|plus|absen\w*|annul\w*|inscri\w*|reserv\w*|ira|iront|viendra|viendront)$"#)
        for r in c.dateCoverage where !kept.contains(r.lowerBound) && ["du", "de", "d"].contains(word(r.lowerBound - 1))
            && (2...4).contains(where: { DatePhrases.eventNouns.contains(word(r.lowerBound - $0)) }) {
            guard let seg = segments.first(where: { $0.contains(r.lowerBound) }),
                  t[seg].contains(where: { $0.kind == .word && own.matches($0.text) }) else { continue }
            let days = DatePhrases.mentions(Array(t[r]), context: context).flatMap(\.days)
            if !days.isEmpty, Set(days).isSubset(of: Set(c.days)) { continue }
            return t[(r.lowerBound - 1)..<r.upperBound].map(\.text).joined(separator: " ")
        }
        return nil
    }

    /// "absente mardi matin", "vendredi après-midi", "à partir de 14h", "seulement l'après-midi": part of a day, in
    /// the parts of the sentence that carry the request ("de la fièvre depuis ce matin" only tells).
    static func partOfDay(_ c: Clause) -> Bool {
        let t = c.tokens
        // "a été absente ce matin", "sera absent cet après-midi": the only day is a part of today.
        if !c.dates.isEmpty, c.dates.allSatisfy({ $0.partOfToday || $0.days.isEmpty }),
           c.dates.contains(where: { m in m.partOfToday && t[m.range].contains { ["matin", "apres-midi", "midi"].contains($0.text) } }) {
            return true
        }
        let segments = Leftovers.requestSegments(c)
        let parts: Set<String> = ["matin", "matinee", "apres-midi", "soir", "soiree", "midi", "demi-journee"]
        func word(_ i: Int) -> String { i >= 0 && i < t.count && t[i].kind == .word ? t[i].text : "" }
        // The part of the sentence that says the absence ("elle sera absente le matin") counts too; a part that only
        // tells ("nous partons tôt le matin") does not.
        // …and the part that says the day back ("retour mercredi après-midi"; "retour lundi matin" or "nous rentrons
        // le lundi soir" are whole days).
        let all = Leftovers.segments(t)
        let absentParts = all.filter { seg in t[seg].contains { $0.kind == .word && $0.text.hasPrefix("absen") } }
        let backParts = all.filter { seg in t[seg].contains { $0.kind == .word && DatePhrases.returnWords.contains($0.text) } }
        // One pass to mark the tokens read: linear in the sentence's length.
        var looked = [Bool](repeating: false, count: t.count), dated = looked, back = looked
        for seg in segments + absentParts { for i in seg { looked[i] = true } }
        for seg in backParts { for i in seg where !looked[i] { looked[i] = true; back[i] = true } }
        for r in c.dateCoverage { for i in r where i < t.count { dated[i] = true } }
        for i in t.indices where looked[i] {
            if dated[i] { continue }   // "ce matin", "cette nuit"
            let w = word(i)
            // Back in the morning is a whole day present, back in the evening a whole day away.
            if back[i], ["matin", "matinee", "soir", "soiree"].contains(w) { continue }
            if parts.contains(w) || (w == "apres" && word(i + 1) == "midi") || (w == "demi" && word(i + 1) == "journee") {
                // "depuis ce matin", "hier soir", "3h du matin", "la garderie du soir": when, or the activity's name.
                if ["ce", "cet", "cette", "hier", "depuis", "du", "des", "tous", "chaque"].contains(word(i - 1)) { continue }
                if ["avec", "sans"].contains(word(i + 1)) || ["avec", "sans"].contains(word(i + 2)) { continue }
                return true
            }
            // "14h", "11h30", "15 heures".
            if t[i].kind == .word, let f = w.first, f.isNumber, Reading.clockTime.matches(w) { return true }
            if t[i].kind == .number, t[i].value <= 23, i + 1 < t.count, ["h", "heures", "heure", ":"].contains(t[i + 1].text) {
                return true
            }
        }
        return false
    }

    static let wholeDay = Pattern(#"\b(toute la journee|la journee entiere|journee complete|toute la journee|all day|the whole day)\b"#)
    /// "Oubliez l'absence de jeudi", "ignorez ma réservation": the request named is taken back ("ne tenez pas compte
    /// de mon dernier message" only sets an earlier mail aside).
    static let requestTakenBack = Pattern(
        #"(?<!n')\b(oubliez|oublie|ignorez|laissez tomber|ne tenez pas compte d[eu']|n'en tenez pas compte|annulez)\s*(l'|la |le |les |mon |ma |mes |cette |ce |son |sa |ses )?(absence|inscription|reservation|annulation|desinscription)s?\b"#)
    /// Only an activity, days, children, small words and a "please" or "thanks": no verb that could say otherwise.
    static func verblessBooking(_ c: Clause) -> Bool {
        let t = c.tokens
        let polite: Set<String> = ["svp", "stp", "merci", "plait", "plaît"]
        guard t.contains(where: { polite.contains($0.text) }) else { return false }
        let allowed: Set<String> = polite.union([
            "s", "il", "vous", "bonjour", "pour", "et", "le", "la", "les", "l", "a", "au", "aux", "du", "de", "des", "d",
            "cantine", "garderie", "matin", "soir", "centre", "loisirs", "loisir", "accueil", "periscolaire", "restauration",
            "scolaire", "repas", "avec", "sans", "apres-midi", "journee", "vacances", "alsh", "midi", "beaucoup", "bien"])
        let childWords = Set(c.children.positions)
        for i in t.indices where t[i].kind == .word || t[i].kind == .number {
            if c.dateCoverage.contains(where: { $0.contains(i) }) || childWords.contains(i) { continue }
            // The rest of a multi-word first name.
            if i > 0, childWords.contains(i - 1), c.children.names.contains(where: { TextFolding.fold($0).contains(" ") }) { continue }
            if !allowed.contains(t[i].text) { return false }
        }
        return true
    }

    /// "Ferdinand est malade, Bérénice va bien": the part saying a child is well takes that child out of the sentence's
    /// request (it names no day and no absence of its own).
    static func dropWellChildren(_ c: inout Clause, family: FamilyContext?) {
        guard c.children.names.count >= 2, let family else { return }
        let t = c.tokens
        var dropped: [String] = []
        var namedElsewhere = Set<String>()
        func child(at p: Int) -> String? {
            let key = TextFolding.nameKey(t[p].text)
            let match = family.children.map(\.firstName).filter { TextFolding.nameKey($0).hasPrefix(key) }
            return match.count == 1 ? match[0] : nil
        }
        for seg in Leftovers.segments(t) {
            let text = t[seg].map(\.text).joined(separator: " ")
            guard wellCue.matches(text), !Pattern(#"\b(absen\w*|malades?|fievre|reste\w* a la maison)\b"#).matches(text),
                  !c.dateCoverage.contains(where: { seg.contains($0.lowerBound) }) else {
                // "Ferdinand et Bérénice seront absents demain, Bérénice va bien mais…": named with the request too.
                for p in c.children.positions where seg.contains(p) { if let n = child(at: p) { namedElsewhere.insert(n) } }
                continue
            }
            for p in c.children.positions where seg.contains(p) { if let n = child(at: p) { dropped.append(n) } }
        }
        dropped.removeAll(where: namedElsewhere.contains)
        guard !dropped.isEmpty, c.children.groupPositions.isEmpty else { return }
        let keptPositions = c.children.positions.filter { p in
            let key = TextFolding.nameKey(t[p].text)
            return !dropped.contains { TextFolding.nameKey($0).hasPrefix(key) }
        }
        let kept = c.children.names.filter { !dropped.contains($0) }
        guard !kept.isEmpty else { return }
        c.children.names = kept
        c.children.positions = keptPositions
        c.children.doubts.removeAll { $0 == Doubts.perChild }
    }
    static let wellCue = Pattern(#"\b(va|vont) (bien|tres bien|parfaitement bien)\b|\ben (pleine )?forme\b|\b(n est|ne sont) pas malades?\b|\b(est|sont) en bonne sante\b"#)

    static let notThisButThat = Pattern(
        #"\b(pas|plus|jamais)\b[^,.;]*\bmais\s+(le |la |les |l'|plutot |bien )?(\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|aujourd'?hui|apres-demain)"#)

    /// A later part of the sentence says a child comes on a day of its own ("…, mais elle viendra mardi").
    static func presentOnADay(_ c: Clause) -> Bool {
        let t = c.tokens
        let starts = c.dates.filter { !$0.days.isEmpty }.map(\.range.lowerBound)
        var cuts = [0]
        for i in t.indices where [",", ";"].contains(t[i].text) || ["mais", "et", "puis"].contains(t[i].text) { cuts.append(i) }
        cuts.append(t.count)
        for (a, b) in zip(cuts, cuts.dropFirst()).dropFirst() where a < b && starts.contains(where: { $0 >= a && $0 < b }) {
            if presentVerb.matches(t[a..<b].map(\.text).joined(separator: " ")) { return true }
        }
        return false
    }
    static let presentVerb = Pattern(
        #"(?<!\bne )(?<!\bn )\b(viendra|viendront|vient(?! de\b| d\b)|viennent(?! de\b| d\b)|sera la|seront la|est la|sont la|sera presente?|seront presente?s|ira a l ecole|iront a l ecole|ira en classe|iront en classe)\b(?!\s+(pas|plus)\b)"#)

    /// "non pas jeudi mais vendredi": the day said instead of another, in one breath — only the day kept is meant.
    /// ("vendredi et non jeudi" may move an absence told in another mail: asked.)
    static let ratherThan = Pattern(
        #"\bnon pas (le |la |les |l')?[^,.;]{0,40}?\bmais (le |la |les |l')?(\d|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|apres-demain)"#)

    static let clockTime = Pattern(#"^\d{1,2}h(\d{2})?$"#)

    /// Doubts that, said after a request, are about it (not the future news of "je vous tiens au courant").
    static let laterDoubt = Pattern(
        #"\b(je pense|je crois|nous pensons|nous croyons|a priori|peut-etre|peut etre|probablement|sans doute|pas (encore |tout a fait |vraiment )?(sur|sure|surs|certain|certaine|certains)|a confirmer|il se peut|je ne sais pas|nous ne savons pas|j'hesite|on verra|i think|not sure|maybe|probably)\b"#)

    /// An illness said in the present ("a une angine", "a de la fièvre", "est malade"), whatever else the sentence
    /// tells in the past.
    static let illPresent = Pattern(
        #"\b(a|ont) (une?|la|de la|des|encore|toujours) ((grosse|forte|petite) )?(angine|grippe|fievre|gastro\w*|varicelle|otite|rhume|bronchite|conjonctivite|covid|temperature)\b|\b(est|sont) (encore |toujours )?(malades?|souffrante?s?|fievreuse?)\b"#)

    static let illWords = Pattern(
        #"\b(malades?|souffrante?s?|fievre|fievreuse?|grippe|gastro\w*|varicelle|otite|angine|rhume|bronchite|conjonctivite|covid|sick|ill|fever|flu)\b"#)

    static let continuation = Pattern(#"\b(pareil|idem|meme chose|de meme|on fait|on garde|on continue|aussi)\b"#)

    /// The parent's words quoted back in a question: one line, at most 160 characters.
    static func quote(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmedWhitespace
        return line.count > 160 ? String(line.prefix(157)) + "…" : line
    }

    static func reason(_ c: Clause) -> String? {
        if let m = Pattern(#"\(([^)]{3,120})\)"#).firstMatch(c.original), let r = m[1] { return r }
        if let m = Pattern(#"\b(malade|fi[èe]vre|grippe|gastro|varicelle|otite|angine|rendez-vous[^,.;]*|rdv[^,.;]*|vaccin[^,.;]*)"#).firstMatch(c.original), let r = m[1] {
            return r
        }
        return nil
    }

    // MARK: - Finishing

    func finish(_ d: Draft, previous: [Request]) -> Request {
        var r = Request(intent: d.intent)
        var doubts = d.doubts
        r.evidence = evidence(d)
        let needsChildren: Set<Intent> = [.absence, .reservation, .cancellation, .unknown]
        let needsDates = needsChildren
        if needsChildren.contains(d.intent) {
            r.children = children(d, doubts: &doubts)
        }
        if needsDates.contains(d.intent) {
            r.dates = dates(d, previous: previous, doubts: &doubts)
        }
        if d.intent == .reservation || d.intent == .cancellation || d.intent == .unknown {
            let (kind, slot) = activity(d, days: r.dates, previous: previous, doubts: &doubts)
            r.activity = kind
            r.slot = slot
        }
        if d.intent == .absence {
            r.certificate = hasCertificate
            r.reason = d.reason
        }
        r.key = d.key
        r.einvoice = d.einvoice
        r.contact = d.contact
        if d.intent == .contact && d.contact == nil { doubts.append(Doubts.missingContact) }
        if d.intent == .absence && hasCertificate && r.dates.isEmpty
            && !d.dates.contains(where: { !$0.days.isEmpty || !$0.doubts.isEmpty || $0.sameAsPrevious }) {
            // "Ci-joint le certificat" with no day at all: the certificate of an absence already declared. The
            // absence flow attaches it to the child's open absence (the only one when no child is named) or asks;
            // asking "which days?" here would hold it for a OUI that attaches nothing more.
            let all = family?.children.map(\.firstName) ?? []
            doubts.removeAll { $0 == Doubts.whichDays || $0 == Doubts.whichChild(all) }
        }
        if d.hedged { doubts.append(Doubts.hedged) }
        if let first = r.dates.first, let last = r.dates.last, first.days(until: last) > 62,
           !doubts.contains(where: { if case .periodTooLong = $0 { return true } else { return false } }) {
            // However it was composed, a request over two months is confirmed by the parent.
            doubts.append(Doubts.tooLong(first, last))
        }
        if [.absence, .cancellation].contains(d.intent), !d.movedFrom, let c = d.clause, c.cues.presence {
            // "Seule Capucine sera absente demain, Ambroise viendra": who is away and who comes is asked, not guessed;
            // with one child ("absente lundi, elle viendra mardi"), which days she is away.
            doubts.append(awayAndPresent(d))
        }
        if d.intent == .reservation, d.clause?.saidBeside == true { doubts.append(.saidNotAsked) }
        if [.absence, .cancellation].contains(d.intent), !d.movedFrom, let c = d.clause, !c.cues.presence, Reading.presentOnADay(c) {
            // "absente lundi mais elle viendra mardi": the day she comes is not a day away.
            doubts.append(awayAndPresent(d))
        }
        if [.absence, .cancellation].contains(d.intent), let place = d.clause?.cues.unknownPlace { doubts.append(Doubts.leftover([place])) }
        if [.reservation, .cancellation].contains(d.intent), let c = d.clause,
           c.activity.kind != nil, !c.activity.extraKinds.isEmpty || c.activity.alshUndecided,
           Set(c.dates.filter { !$0.days.isEmpty }.map { Set($0.days) }).count >= 2, !doubts.contains(Doubts.tangled) {
            // "pas de cantine lundi, pas de garderie vendredi": which days go with which activity is asked.
            doubts.append(Doubts.tangled)
        }
        if [.absence, .reservation, .cancellation].contains(d.intent), let c = d.clause, d.children.names.count >= 2,
           !Reading.namesGrouped(c), !doubts.contains(Doubts.perChild) {
            // "Léon ne mange pas à la cantine jeudi, Léo oui", "…, c'est Jade qui viendra": children named apart get
            // the same request only when the words between them say so ("et Léon aussi").
            doubts.append(Doubts.perChild)
        }
        if [.absence, .reservation, .cancellation].contains(d.intent), let c = d.clause {
            // The words of a condition are asked as a condition, not as words left unread.
            let conditionWords: Set<String> = ["si", "s’il", "sauf", "moins", "selon", "depend", "dependra", "cas"]
            let left = Leftovers.find(c).filter { !(c.cues.condition && conditionWords.contains($0)) }
            if !left.isEmpty { doubts.append(Doubts.leftover(left)) }
            // "… à moins que sa fièvre tombe", "selon la météo": a request hanging on something we cannot check.
            if c.cues.condition || d.conditional { doubts.append(Doubts.condition) }
            // "pour les deux, ni le 26 pour Bérénice": an exception tied to one child is not applied to all.
            if r.children.count >= 2, Reading.exceptsOneChild(c) { doubts.append(Doubts.perChild) }
            // "ne mangera pas à la cantine lundi mais restera à la garderie du soir": the second activity belongs to
            // another statement, not to this request.
            if [.reservation, .cancellation].contains(d.intent), !c.activity.extraKinds.isEmpty,
               Reading.contrastsActivities(c) || c.correction {
                doubts.append(Doubts.tangled)
            }
            // "Oubliez l'absence de jeudi": a request taken back in its own sentence is not that request.
            if Reading.requestTakenBack.matches(c.folded) { doubts.append(Doubts.correction) }
            // "…, et pour la sortie du 28 mai elle n'ira pas non plus": an event's day set aside as context, in a part
            // that asks something of its own, is not dropped silently.
            if let day = droppedEventDay(c) { doubts.append(Doubts.leftover([day])) }
            // "ne sera pas là mardi mais mercredi": is the later day away too, or the day back? Asked.
            if Reading.notThisButThat.matches(c.folded), !Reading.ratherThan.matches(c.folded) || c.takenBack.isEmpty {
                doubts.append(.contrastedDays)
            }
            // "elle mangera à la maison jeudi mais restera à la garderie": eating elsewhere cancels the canteen only.
            if d.intent == .cancellation, c.cues.eatsElsewhere,
               (c.activity.kind != nil && c.activity.kind != .restauration) || !c.activity.extraKinds.isEmpty {
                doubts.append(Doubts.tangled)
            }
        }
        // …unless a sentence with no part of a day says the whole day ("Jade sera donc absente mardi, toute la journée").
        if d.intent == .absence, let c = d.clause, Reading.partOfDay(c), !Set(r.dates).isSubset(of: wholeDays) || r.dates.isEmpty {
            doubts.append(Doubts.partOfDay)
        }
        if d.intent == .unknown {
            doubts = doubts.filter { $0 != Doubts.whichActivity && $0 != Doubts.whatDoYouWant }
            doubts.insert(.unclear(children: r.children, days: r.dates, quote: d.clause.map { Reading.quote($0.original) } ?? ""), at: 0)
        }
        // Words quoted back are spelled as the parent wrote them ("fête", not the folded "fete").
        if let original = d.clause?.original {
            doubts = doubts.map { x in
                switch x {
                case .leftover(let words): return .leftover(words.map { TextFolding.asWritten($0, in: original) })
                case .thirdPerson(let word): return .thirdPerson(TextFolding.asWritten(word, in: original))
                case .lookAlike(let written, let name): return .lookAlike(written: TextFolding.asWritten(written, in: original), name: name)
                default: return x
                }
            }
        }
        var unique: [Doubt] = []
        for x in doubts where !unique.contains(x) { unique.append(x) }
        r.doubts = unique
        r.confidence = unique.isEmpty ? .certain : .unsure
        return r
    }

    /// A child said away and present in one sentence: which child is which when two or more are named (or none, in a
    /// family of several), which days otherwise.
    func awayAndPresent(_ d: Draft) -> Doubt {
        let named = Set(d.children.names + (d.clause?.children.names ?? [])).count
        return named >= 2 || (named == 0 && (family?.children.count ?? 0) >= 2) ? Doubts.perChild : .awayAndPresent
    }

    /// The words of the sentence each field was read from; fields filled from elsewhere say where.
    func evidence(_ d: Draft) -> Evidence {
        var e = Evidence()
        guard let c = d.clause else { e.sentence = d.fromForm ? "formulaire" : ""; return e }
        e.sentence = c.original
        e.children = c.children.positions.sorted().map { c.tokens[$0].text }
        if e.children.isEmpty, !c.children.names.isEmpty || !c.children.unknownNames.isEmpty {
            e.children = c.children.names + c.children.unknownNames
        }
        if e.children.isEmpty {
            if let p = d.previousChildren, !p.names.isEmpty { e.children = ["phrase précédente"] }
            else if let s = subjectClause, !s.children.names.isEmpty { e.children = ["objet"] }
            else if family?.children.count == 1 { e.children = ["seul enfant du dossier"] }
        }
        e.dates = c.dates.filter { !$0.days.isEmpty || $0.sameAsPrevious }.map { m in
            m.range.isEmpty ? "correction" : c.tokens[m.range].map(\.text).joined(separator: " ")
        }
        if e.dates.isEmpty, [.absence, .reservation, .cancellation].contains(d.intent) {
            e.dates = [subjectClause?.hasDates == true ? "objet" : "demande précédente"]
        }
        if c.activity.isEmpty, [.reservation, .cancellation].contains(d.intent) {
            e.activity = subjectClause.map { !$0.activity.isEmpty } == true ? "objet" : "demande précédente"
        }
        return e
    }

    private func children(_ d: Draft, doubts: inout [Doubt]) -> [String] {
        let all = family?.children.map(\.firstName) ?? []
        let m = d.children
        doubts += m.doubts
        if !m.names.isEmpty { return m.names }
        if !m.unknownNames.isEmpty {
            if family != nil { doubts.append(Doubts.unknownChild(m.unknownNames.joined(separator: ", "), known: all)) }
            return m.unknownNames
        }
        if !m.doubts.isEmpty { return [] }
        if !m.singularGeneric, let p = d.previousChildren, !p.names.isEmpty { return p.names }
        if !m.singularGeneric, let p = d.previousChildren, !p.unknownNames.isEmpty {
            if family != nil { doubts.append(Doubts.unknownChild(p.unknownNames.joined(separator: ", "), known: all)) }
            return p.unknownNames
        }
        if let s = subjectClause, !s.children.names.isEmpty, s.children.doubts.isEmpty { return s.children.names }
        if all.count == 1 { return all }
        doubts.append(Doubts.whichChild(all))
        return []
    }

    private func dates(_ d: Draft, previous: [Request], doubts: inout [Doubt]) -> [CivilDate] {
        var days = Set<CivilDate>()
        var said = false
        let lastAction = previous.last { [.absence, .reservation, .cancellation, .unknown].contains($0.intent) }
        let ownDays = d.dates.contains { !$0.sameAsPrevious && !$0.days.isEmpty }
        for m in d.dates {
            if m.sameAsPrevious, ownDays { continue }   // "le jeudi 30, donc pas de cantine ce jour-là"
            if m.sameAsPrevious {
                said = true
                if let p = lastAction { days.formUnion(p.dates) }
                else if let noted = noteDay(d) { days.insert(noted) }
                // "Elle est inscrite au centre le mercredi 15 mai … Merci d'annuler pour ce jour-là": the one day told.
                else if toldDays.count == 1, let told = toldDays.first { days.insert(told) }
                else { doubts.append(Doubts.whichDays) }
                continue
            }
            if !m.days.isEmpty || !m.doubts.isEmpty { said = true }
            days.formUnion(m.days)
            doubts += m.doubts
        }
        if !said && !d.fromForm {
            if let p = lastAction, !p.dates.isEmpty {
                return p.dates
            }
            if let s = subjectClause, s.hasDates {
                for m in s.dates where !m.sameAsPrevious { days.formUnion(m.days); doubts += m.doubts }
                said = true
                // "cantine lundi" above "il n'a pas mangé hier lundi 22": the body's own day is not the subject's.
                if !bodyDays.isEmpty, bodyDays.isDisjoint(with: days) { doubts.append(Doubts.whichDays) }
            }
        }
        if days.isEmpty && !doubts.contains(where: { $0.topic == .days }) {
            doubts.append(Doubts.whichDays)
        } else if days.isEmpty && !said {
            doubts.append(Doubts.whichDays)
        }
        return days.sorted()
    }

    private func activity(_ d: Draft, days: [CivilDate], previous: [Request], doubts: inout [Doubt])
        -> (ActivityKind?, AlshSlot?) {
        var a = d.activity
        if a.isEmpty && a.slot == nil && !d.fromForm, let s = subjectClause, !s.activity.isEmpty {
            a = s.activity
        }
        if a.isEmpty && a.slot == nil && !d.fromForm && d.intent != .unknown,
           let p = previous.last(where: { $0.activity != nil }) {
            a.kind = p.activity
        }
        doubts += a.doubts
        var kind = a.kind
        if kind == nil && a.alshUndecided {
            kind = ActivityPhrases.decideALSH(days: days, openDays: family?.openDays ?? [:],
                                              holidayDays: Set(context.holidayDays))
            if kind == nil { doubts.append(Doubts.wednesdayOrHolidays) }
        }
        if kind == nil && a.doubts.isEmpty && d.intent != .unknown { doubts.append(Doubts.whichActivity) }
        // "au centre de loisirs le mercredi 27 octobre" in the holidays: the weekday is the day, the centre is the
        // holiday centre's.
        let holidayDays = Set(context.holidayDays)
        if kind == .alshMercredi, !days.isEmpty, days.allSatisfy(holidayDays.contains) { kind = .alshVacances }
        var slot: AlshSlot?
        if let k = kind, k.isALSH {
            slot = a.slot
            if d.intent == .cancellation {
                // Cancelling a day cancels all of it; only a half day named ("l'après-midi") narrows it.
                if slot == .journeeAvecRepas { slot = nil }
            } else {
                if slot == nil, !d.fromForm, let s = subjectClause { var x = ActivityMention(); slot = ActivityPhrases.slot(s.folded, &x) }
                if slot == nil && d.intent == .reservation { doubts.append(a.slotDoubt ?? Doubts.whichSlot) }
            }
        }
        return (kind, slot)
    }

    /// "Elle emportera son pique-nique ce jour-là" above a forwarded school note: the one day of the note whose sentence
    /// shares a word with the parent's sentence or the subject ("sortie"). Nil when none or several.
    func noteDay(_ d: Draft) -> CivilDate? {
        guard let note = input.note, !note.isEmpty, note.count <= 8_000 else { return nil }
        func words(_ s: String) -> Set<String> {
            Set(TextFolding.fold(s).split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init).filter { $0.count >= 5 })
        }
        let ignored: Set<String> = ["merci", "bonjour", "cordialement", "parents", "enfants", "classe", "septembre",
                                    "octobre", "novembre", "decembre", "janvier", "fevrier", "avril", "juillet",
                                    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        let own = words((d.clause?.original ?? "") + " " + input.subject).subtracting(ignored)
        var found = Set<CivilDate>()
        for sentence in MessageCleaner.sentences(MessageCleaner.contentLines(note)) where !own.isDisjoint(with: words(sentence)) {
            let folded = MessageCleaner.maskPhones(TextFolding.foldCollapsed(sentence))
            for m in DatePhrases.mentions(Tokenizer.tokens(folded), context: context) where m.doubts.isEmpty {
                found.formUnion(m.days)
            }
        }
        return found.count == 1 ? found.first : nil
    }

    // MARK: - Merging

    /// Consecutive sentences about the same thing ("Léa sera absente demain. Elle restera à la maison.") make one
    /// request; repeated non-action requests are kept once.
    func merge(_ requests: [Request]) -> [Request] {
        var out: [Request] = []
        for r in requests {
            if let last = out.last, last.intent == r.intent, last.children == r.children, last.activity == r.activity,
               last.slot == r.slot, [.absence, .reservation, .cancellation].contains(r.intent) {
                var m = last
                m.dates = Array(Set(last.dates).union(r.dates)).sorted()
                for x in r.doubts where !m.doubts.contains(x) { m.doubts.append(x) }
                if r.dates.isEmpty == false || last.dates.isEmpty == false {
                    m.doubts.removeAll { $0 == Doubts.whichDays && !m.dates.isEmpty }
                }
                m.reason = m.reason ?? r.reason
                m.certificate = m.certificate || r.certificate
                m.confidence = m.doubts.isEmpty ? .certain : .unsure
                out[out.count - 1] = m
                continue
            }
            if ![.absence, .reservation, .cancellation, .unknown].contains(r.intent),
               out.contains(where: { $0.intent == r.intent }) { continue }
            out.append(r)
        }
        // Children sharing intent, activity, slot and days make one request ("Oliver won't be in school on Monday.
        // Amelia will miss nursery that day too.").
        var grouped: [Request] = []
        for r in out {
            if [.absence, .reservation, .cancellation].contains(r.intent), !r.dates.isEmpty,
               let k = grouped.firstIndex(where: { g in
                   g.intent == r.intent && g.activity == r.activity && g.slot == r.slot && g.dates == r.dates
                       && g.confidence == r.confidence && Set(g.children).isDisjoint(with: r.children)
               }) {
                let order = family?.children.map(\.firstName) ?? []
                let all = Set(grouped[k].children + r.children)
                grouped[k].children = order.filter(all.contains) + (grouped[k].children + r.children).filter { !order.contains($0) }
                for x in r.doubts where !grouped[k].doubts.contains(x) { grouped[k].doubts.append(x) }
                grouped[k].certificate = grouped[k].certificate || r.certificate
                continue
            }
            grouped.append(r)
        }
        return grouped
    }
}
