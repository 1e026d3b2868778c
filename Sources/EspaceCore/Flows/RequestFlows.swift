import Foundation
import GRDB
import Parsers

/// Applies one understood request of a known, verified, active family. One file per flow.
public enum RequestFlows {
    /// Intents that change the store, hence held for OUI when the reading is unsure.
    static let holdable: Set<Intent> = [.absence, .reservation, .cancellation, .einvoice, .contact]

    /// The reader's questions first, then the flow's own on topics the reader did not already ask about: a parent
    /// must not be asked the same thing twice in one mail.
    static func merged(_ doubts: [Doubt], _ asks: [String]) -> [String] {
        let asked = doubts.map(\.topic).filter { $0 != .other && $0 != .intent }
        let worded = doubts.map(\.french)
        return worded + asks.filter { q in
            let topic = Doubt.topic(ofQuestion: q)
            return topic == .other ? !worded.contains(q) : !asked.contains(topic)
        }
    }

    public static func apply(_ request: Request, _ ctx: FlowContext, _ db: Database) throws -> FlowOutcome {
        try apply(request, ctx, db, held: nil)
    }

    /// `held` is set when a held request is applied after the parent's OUI (re-checking every rule now).
    static func apply(_ request: Request, _ ctx: FlowContext, _ db: Database, held: PendingRequests.Held?) throws -> FlowOutcome {
        switch request.intent {
        case .absence, .reservation, .cancellation:
            var (children, questions) = resolveChildren(request, ctx)
            let certificateLater = request.intent == .absence && request.dates.isEmpty
                && (request.certificate || held?.certificate != nil || hasCertificateAttachment(ctx))
            if certificateLater && request.children.isEmpty && children.isEmpty {
                // "Ci-joint le certificat" without a name: the one child with an absence waiting for it.
                let open = try ctx.children.filter { c in
                    try AbsenceRecord.filter(Column("child_id") == c.id && Column("certificate_path") == nil).fetchCount(db) > 0
                }
                if open.count == 1 { children = open; questions = [] }
            }
            var asks = questions
            if request.dates.isEmpty && !certificateLater {
                asks.append(request.intent == .absence ? "Pour quel(s) jour(s) l’absence est-elle prévue ?"
                                                       : "Pour quelle(s) date(s) ?")
            }
            if request.intent != .absence && request.activity == nil {
                asks.append("Pour quelle activité : restauration scolaire, accueil périscolaire du matin ou du soir, accueil de loisirs du mercredi ou des vacances ?")
            }
            if !asks.isEmpty {
                return missing(request, ctx, questions: request.confidence == .unsure ? merged(request.doubts, asks) : asks)
            }
            if request.confidence == .unsure && held == nil {
                return try PendingRequests.hold(request, ctx, db)
            }
            switch request.intent {
            case .absence: return try AbsenceFlow.apply(request, children: children, ctx, db, held: held)
            default: return try ReservationFlow.apply(request, children: children, ctx, db)
            }
        case .einvoice:
            guard request.einvoice != nil else {
                return missing(request, ctx, questions: ["Souhaitez-vous recevoir vos factures en ligne : oui ou non ?"])
            }
            if request.confidence == .unsure && held == nil { return try PendingRequests.hold(request, ctx, db) }
            return try EinvoiceFlow.apply(request, ctx, db)
        case .contact:
            if held != nil { return try ContactFlow.applyConfirmed(request, ctx, db) }
            return try ContactFlow.apply(request, ctx, db)
        case .invoices:
            return try InvoicesFlow.apply(ctx, db)
        case .summary:
            return try SummaryFlow.apply(ctx, db)
        case .confirm:
            return try PendingRequests.confirm(request, ctx, db)
        default:
            return FlowOutcome(code: "\(request.intent.rawValue)-not-yet", changed: false,
                               section: .init("not_available", ["intent": request.intent.rawValue]))
        }
    }

    /// The children a request names, matched on the family's first names; questions when it cannot be decided.
    static func resolveChildren(_ request: Request, _ ctx: FlowContext) -> ([ChildRecord], [String]) {
        let names = FrenchFormat.list(ctx.children.map(\.firstName)).replacingEvery(" et ", with: " ou ")
        if request.children.isEmpty {
            if ctx.children.count == 1 { return (ctx.children, []) }
            return ([], ctx.children.isEmpty ? ["Aucun enfant n’est inscrit dans votre dossier : merci de contacter le service."]
                                             : ["Pour quel enfant ? (\(names))"])
        }
        var found: [ChildRecord] = []
        var questions: [String] = []
        for name in request.children {
            if let c = ctx.children.first(where: { $0.firstName == name })
                ?? ctx.children.first(where: { fold($0.firstName) == fold(name) }) {
                if !found.contains(c) { found.append(c) }
            } else {
                questions.append("Nous ne trouvons pas d’enfant prénommé « \(name) » dans votre dossier : de quel enfant s’agit-il ? (\(names))")
            }
        }
        return (found, questions)
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).trimmedWhitespace
    }

    static func hasCertificateAttachment(_ ctx: FlowContext) -> Bool {
        ctx.attachments.contains { FileKind(sniffing: $0.data).isCertificate }
    }

    /// Nothing applied: the parent is asked the missing thing(s).
    static func missing(_ request: Request, _ ctx: FlowContext, questions: [String]) -> FlowOutcome {
        var seen = Set<String>()
        let unique = questions.filter { seen.insert($0).inserted }
        return FlowOutcome(code: "\(request.intent.rawValue)-missing-info", changed: false,
                           section: .init("missing_info", [
                               "understood": RequestSummary.french(request, ctx.children),
                               "questions": unique, "has_questions": !unique.isEmpty,
                           ]))
    }
}

/// A French sentence saying what a request asks, for confirmations and the staff's pending list.
enum RequestSummary {
    static func french(_ r: Request, _ children: [ChildRecord]) -> String {
        let who = r.children.isEmpty ? (children.count == 1 ? children[0].firstName : "") : FrenchFormat.list(r.children)
        let forWho = who.isEmpty ? "" : " pour \(who)"
        let days = r.dates.isEmpty ? "" : (r.dates.count == 1 ? " le " : " les ") + FrenchFormat.dates(r.dates)
        let activityLabel = r.activity.map { a -> String in
            switch a {
            case .restauration: return " à la restauration scolaire"
            default: return " à l’\(a.frenchLabel)"
            }
        } ?? ""
        let slot = r.slot.map { ", créneau \($0.shortLabel)" } ?? ""
        switch r.intent {
        case .absence:
            let base = "Absence" + (who.isEmpty ? "" : " signalée pour \(who)") + days
            return base + (r.certificate ? ", avec certificat médical" : "")
        case .reservation: return "Inscription\(forWho)\(activityLabel)\(days)\(slot)"
        case .cancellation: return "Annulation\(forWho)\(activityLabel)\(days)\(slot)"
        case .einvoice:
            return r.einvoice == false ? "Ne plus recevoir les factures en ligne" : "Recevoir les factures en ligne"
        case .contact:
            return "Changement de coordonnées : " + ContactFlow.describe(r.contact ?? ContactChange()).joined(separator: ", ")
        case .unknown: return "Autre demande\(forWho)\(days)"
        default: return r.intent.rawValue
        }
    }
}
