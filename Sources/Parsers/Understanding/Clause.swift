/// One sentence (or half of one) with everything the readers found in it.
struct Clause {
    var original: String
    var folded: String
    var tokens: [Token]
    var cues: IntentCues
    var dates: [DateMention]
    var children: ChildMention
    var activity: ActivityMention

    init(_ original: String, context: DateContext, family: FamilyContext?) {
        self.original = original
        folded = MessageCleaner.maskPhones(TextFolding.foldCollapsed(original))
        tokens = Tokenizer.tokens(folded)
        activity = ActivityPhrases.read(folded)
        cues = IntentReader.read(folded, activityNamed: activity.kind != nil || activity.alshUndecided || !activity.doubts.isEmpty)
        dates = DatePhrases.mentions(tokens, context: context)
        children = ChildrenPhrases.read(tokens, original: original, family: family)
    }

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

    static let connectors = Pattern(#",\s+|\s+et\s+|\s+mais\s+|\s+puis\s+|\s+ainsi que\s+|\s*;\s*|\s+par contre\s+|\s+en revanche\s+"#)

    /// Splits a sentence that carries two different actions at the connector between them. Nil when no split
    /// leaves one clear action on each side.
    static func split(_ original: String, context: DateContext, family: FamilyContext?) -> [Clause]? {
        let ns = original as NSString
        for m in connectors.regex.matches(in: original, range: NSRange(location: 0, length: ns.length)) {
            let left = ns.substring(to: m.range.location)
            let right = ns.substring(from: m.range.location + m.range.length)
            let l = Clause(left, context: context, family: family)
            let r = Clause(right, context: context, family: family)
            let la = l.actions, ra = r.actions
            guard la.count == 1, ra.count == 1, la != ra else { continue }
            if Set(la + ra) == [.absence, .cancellation], !(l.hasDates && r.hasDates) { continue }
            return [l, r]
        }
        return nil
    }
}

import Foundation
