/// The town's activity kinds, as in activities.csv.
public enum ActivityKind: String, CaseIterable, Sendable, Codable {
    case alshVacances = "alsh-vacances"
    case alshMercredi = "alsh-mercredi"
    case restauration = "restauration"
    case periscolaireMatin = "periscolaire-matin"
    case periscolaireSoir = "periscolaire-soir"

    public var isALSH: Bool { self == .alshVacances || self == .alshMercredi }

    /// How a parent reads it in a reply.
    public var frenchLabel: String {
        switch self {
        case .alshVacances: return "accueil de loisirs (vacances)"
        case .alshMercredi: return "accueil de loisirs du mercredi"
        case .restauration: return "restauration scolaire"
        case .periscolaireMatin: return "accueil périscolaire du matin"
        case .periscolaireSoir: return "accueil périscolaire du soir"
        }
    }
}

/// ALSH slots from the town's guide.
public enum AlshSlot: String, CaseIterable, Sendable, Codable {
    case matinSansRepas = "matin-sans-repas"
    case matinAvecRepas = "matin-avec-repas"
    case apresMidiSansRepas = "apres-midi-sans-repas"
    case apresMidiAvecRepas = "apres-midi-avec-repas"
    case journeeAvecRepas = "journee-avec-repas"

    public var frenchLabel: String {
        switch self {
        case .matinSansRepas: return "matin sans repas (7h15–11h30, arrivée jusqu’à 9h)"
        case .matinAvecRepas: return "matin avec repas (7h15–13h30, arrivée jusqu’à 9h)"
        case .apresMidiSansRepas: return "après-midi sans repas (13h30–18h30, départ à partir de 16h30)"
        case .apresMidiAvecRepas: return "après-midi avec repas (11h30–18h30, départ à partir de 16h30)"
        case .journeeAvecRepas: return "journée avec repas (7h15–18h30, départ à partir de 16h30)"
        }
    }

    /// Two slots may share a day only when they do not overlap: a morning and an afternoon without meal.
    public func isCompatible(with other: AlshSlot) -> Bool {
        let pair: Set<AlshSlot> = [self, other]
        return pair == [.matinSansRepas, .apresMidiSansRepas]
    }
}

public enum Intent: String, CaseIterable, Sendable, Codable {
    case activation, absence, reservation, cancellation, einvoice, invoices, summary, contact, confirm, help, unknown
}

public enum Confidence: String, Sendable, Codable {
    case certain, unsure
}
