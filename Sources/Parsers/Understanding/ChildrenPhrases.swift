/// Which of the family's children a sentence is about.
struct ChildMention: Equatable {
    /// First names as on file, in the family's order.
    var names: [String] = []
    var doubts: [Doubt] = []
    /// First names written that belong to no child of the family ("Gaspard" in another family's mail).
    var unknownNames: [String] = []
    /// "mon enfant", "ma fille": one child, not named.
    var singularGeneric = false
    /// Token indices where a child of the family is named (to tell "Élise lundi et Éliott mardi").
    var positions: [Int] = []
    /// Token indices of words naming all the children at once ("les deux", "mes enfants").
    var groupPositions: [Int] = []
    var isEmpty: Bool { names.isEmpty && unknownNames.isEmpty && !singularGeneric && doubts.isEmpty }
}

enum ChildrenPhrases {
    static func read(_ t: [Token], original: String, family: FamilyContext?) -> ChildMention {
        var found = ChildMention()
        let children = family?.children ?? []
        let keys = children.map { TextFolding.nameKey($0.firstName) }
        var named = Set<Int>()
        var covered = Set<Int>()
        // One key per token, computed once: the windows below reuse them.
        let tokenKeys = t.map { $0.kind == .word ? TextFolding.nameKey($0.text) : "" }
        var i = 0
        while i < t.count {
            guard t[i].kind == .word else { i += 1; continue }
            var matched = false
            for len in stride(from: 3, through: 1, by: -1) where i + len <= t.count {
                let slice = t[i..<(i + len)]
                guard slice.allSatisfy({ $0.kind == .word }) else { continue }
                // "Léo n'ira pas": an elided "n'", "l'", "d'" is no part of a name (not "Léon").
                if len > 1, slice.contains(where: { $0.text.count == 1 }) { continue }
                let key = tokenKeys[i..<(i + len)].joined()
                if let idx = keys.firstIndex(of: key) {
                    named.insert(idx); found.positions.append(i); covered.formUnion(i..<(i + len))
                    i += len; matched = true; break
                }
            }
            if !matched { i += 1 }
        }
        // Close misspellings ("Eliot" for Éliott): never taken silently.
        var lookAlikes = Set<String>()
        for (n, tok) in t.enumerated() where tok.kind == .word && tok.text.count >= 4 && !stopWords.contains(tok.text) {
            let key = tokenKeys[n]
            if keys.contains(key) { continue }
            let close = keys.indices.filter { keys[$0].count >= 4 && editDistance(key, keys[$0]) == 1 }
            if close.count == 1, !named.contains(close[0]) {
                named.insert(close[0])
                lookAlikes.insert(tok.text)
                found.doubts.append(Doubts.lookAlike(written: capitalised(tok.text), name: children[close[0]].firstName))
            }
        }
        found.names = named.sorted().map { children[$0].firstName }
        // "Ni Léa ni Hugo ne mangeront": the children of a "ni … ni" subject, before the verb's "ne", are one group.
        let afterNi = found.positions.filter { $0 > 0 && t[$0 - 1].kind == .word && t[$0 - 1].text == "ni" }
        let neitherNor = afterNi.count >= 2
            && t[(afterNi.last! + 1)...].contains { $0.kind == .word && ($0.text == "ne" || $0.text == "n") }
        // "…, pas Ambroise", "sauf Suzanne", "sans Marius": a child left out is asked about, never guessed.
        for p in found.positions where p > 0 && t[p - 1].kind == .word && !(neitherNor && t[p - 1].text == "ni")
            && ["pas", "sauf", "excepte", "hormis", "sans", "ni"].contains(t[p - 1].text) {
            found.doubts.append(Doubts.perChild)
            break
        }
        groups(t, children: children, into: &found)
        siblings(t, children: children, into: &found)
        relatives(t, into: &found)
        if let who = subjectIsNotAChild(t, namedPositions: found.positions, childKeys: Set(keys)) {
            found.doubts.append(Doubts.notAChild(who))
        }
        let all = children.map(\.firstName)
        let namedWords = Set(covered.map { TextFolding.nameKey(t[$0].text) })
        let strong = strongUnknownNames(in: original, tokens: t, known: all, covered: covered)
            .filter { !lookAlikes.contains(TextFolding.fold($0)) && !namedWords.contains(TextFolding.nameKey($0)) }
        if found.names.isEmpty {
            var unknown = strong
            for n in unknownNames(in: original, known: all) where !unknown.contains(n) { unknown.append(n) }
            found.unknownNames = unknown
        } else if !strong.isEmpty, !children.isEmpty {
            // "Élise et Gaspard seront absents": never act for Élise alone.
            found.doubts.append(Doubts.unknownChild(strong.joined(separator: ", "), known: all))
        }
        return found
    }

    /// Children of other families named by their tie to one of ours: "le copain d'Arthur", "sa copine Inès", "la fille
    /// de ma voisine". A request about them is never applied to our child; "chez son copain" or "avec sa cousine" only
    /// says where the child is.
    private static let relativeNouns: Set<String> = [
        "copain", "copains", "copine", "copines", "ami", "amis", "amie", "amies", "camarade", "camarades", "cousin",
        "cousins", "cousine", "cousines", "voisin", "voisins", "voisine", "voisines", "correspondant", "correspondante",
        "filleul", "filleule", "neveu", "neveux", "niece", "nieces", "friend", "friends", "cousin's", "neighbour", "neighbor",
    ]
    /// Adults who may be the subject of a sentence about a day ("la maîtresse sera absente", "mon mari sera absent").
    static let adultNouns: Set<String> = [
        "maitresse", "maitre", "institutrice", "instituteur", "professeur", "prof", "enseignant", "enseignante",
        "animateur", "animatrice", "directeur", "directrice", "atsem", "nounou", "assistante", "mari", "femme",
        "epouse", "epoux", "conjoint", "conjointe", "compagnon", "compagne", "papa", "maman", "pere", "mere",
        "grand-mere", "grand-pere", "mamie", "papi", "papy", "mami", "tata", "tonton", "oncle", "tante", "voisin",
        "voisine", "frere", "soeur", "teacher", "husband", "wife", "nanny",
    ]
    private static let childWords: Set<String> = [
        "il", "elle", "ils", "elles", "fils", "fille", "filles", "enfant", "enfants", "garcon", "garcons", "jumeaux",
        "jumelles", "deux", "petit", "petite", "bebe", "loulou",
    ]
    static let verbsOfTheDay: Set<String> = [
        "sera", "seront", "serai", "serons", "serez", "est", "sont", "suis", "sommes", "ira", "iront", "irai", "irons",
        "viendra", "viendront", "viendrai", "viendrons", "mangera", "mangeront", "restera", "resteront", "resterai",
        "va", "vont", "vais", "allons", "vient", "viennent", "mange", "mangent",
    ]

    /// The sentence's subject, before its first verb of presence or absence, is not a child: "je serai absente",
    /// "nous serons absents", "la maîtresse sera absente", "le fils de ma voisine", "le frère d'Anouk".
    static func subjectIsNotAChild(_ t: [Token], namedPositions: [Int], childKeys: Set<String>) -> String? {
        var other: String?
        for verb in t.indices where t[verb].kind == .word && verbsOfTheDay.contains(t[verb].text) {
            var start = verb - 1
            while start >= 0, !(t[start].kind == .punct || ["et", "mais", "car", "donc", "qui", "que", "qu", "puis"].contains(t[start].text)) {
                start -= 1
            }
            let subject = Array(t[(start + 1)..<verb]).filter { $0.kind == .word }.map(\.text)
            // "le fils de ma voisine", "le frère d'Anouk", "la maîtresse de Gaspard": someone tied to a child.
            for (k, w) in subject.enumerated() where (adultNouns.contains(w) || ["fils", "fille", "enfant", "enfants"].contains(w))
                && k + 1 < subject.count && ["de", "d", "du"].contains(subject[k + 1]) {
                return w
            }
            if subject.contains(where: { childKeys.contains(TextFolding.nameKey($0)) || childWords.contains($0) }) { return nil }
            if other == nil, let adult = subject.first(where: adultNouns.contains) { other = adult }
            if other == nil, subject.contains(where: { ["je", "j", "nous", "moi", "on"].contains($0) }) {
                other = subject.contains("nous") ? "nous" : "je"
            }
        }
        return other
    }

    private static let placeWords: Set<String> = ["chez", "avec", "a", "au", "aux", "de", "du", "des", "par", "sans", "at", "with"]

    private static func relatives(_ t: [Token], into found: inout ChildMention) {
        for i in t.indices where t[i].kind == .word && relativeNouns.contains(t[i].text) {
            let before = (1...3).compactMap { i - $0 >= 0 && t[i - $0].kind == .word ? t[i - $0].text : nil }
            if let w = before.first(where: { !["son", "sa", "ses", "le", "la", "les", "l", "un", "une", "leur", "leurs", "mon", "ma", "mes", "petit", "petite", "meilleur", "meilleure", "his", "her", "their", "a"].contains($0) }),
               placeWords.contains(w) { continue }
            found.doubts.append(Doubts.thirdPerson(capitalised(t[i].text)))
            return
        }
    }

    /// "son frère", "sa sœur" next to a named child: the other child when the family has exactly one more, asked.
    private static func siblings(_ t: [Token], children: [FamilyContext.Child], into found: inout ChildMention) {
        let relation: Set<String> = ["frere", "soeur", "grand", "grande", "petit", "petite"]
        // "Alice et ses frères", "ses sœurs non plus": which children is asked (no gender on file).
        for i in t.indices where t[i].text == "ses" && t[i].kind == .word
            && ["freres", "soeurs", "frere", "soeur"].contains(i + 1 < t.count ? t[i + 1].text : "") {
            found.doubts.append(Doubts.whichChild(children.map(\.firstName)))
        }
        for i in t.indices where ["son", "sa"].contains(t[i].text) && t[i].kind == .word {
            var j = i + 1
            if j < t.count, ["petit", "petite", "grand", "grande"].contains(t[j].text) { j += 1 }
            guard j < t.count, ["frere", "soeur"].contains(t[j].text), relation.contains(t[j].text) else { continue }
            // "son frère Hugo": a named brother is read by the name readers.
            let others = children.map(\.firstName).filter { !found.names.contains($0) }
            if !found.names.isEmpty, others.count == 1 {
                found.names = children.map(\.firstName).filter { found.names.contains($0) || $0 == others[0] }
                found.doubts.append(Doubts.sibling(t[j].text == "frere" ? "son frère" : "sa sœur", name: others[0]))
            } else {
                found.doubts.append(Doubts.whichChild(children.map(\.firstName)))
            }
        }
    }

    private static func groups(_ t: [Token], children: [FamilyContext.Child], into found: inout ChildMention) {
        let all = children.map(\.firstName)
        func w(_ i: Int) -> String { i >= 0 && i < t.count && t[i].kind == .word ? t[i].text : (i >= 0 && i < t.count && t[i].kind == .number ? t[i].text : "") }
        let count: [String: Int] = ["deux": 2, "2": 2, "trois": 3, "3": 3, "quatre": 4, "4": 4]
        let plural: Set<String> = ["enfants", "filles", "fils", "garcons", "petits", "loulous", "bambins"]
        // "une des jumelles", "un de mes fils": one child of the group, not which — asked.
        let oneOf = t.indices.filter { ["un", "une"].contains(w($0)) && ["des", "de", "d"].contains(w($0 + 1)) }
        func onlyOne(_ i: Int) -> Bool { oneOf.contains { $0 < i && $0 >= i - 3 } }
        for i in t.indices {
            let a = w(i), b = w(i + 1), c = w(i + 2)
            var said: Int?
            var isGroup = false
            // "des deux", "aux deux" name the children only with a count ("l'organisation des enfants" does not).
            if ["mes", "nos", "les"].contains(a) || (["des", "aux"].contains(a) && count[b] != nil && Int(b) == nil) {
                // "les deux" may stand alone; "les 4, 5 et 7 octobre" are days: a digit needs its noun.
                if let n = count[b], plural.contains(c) || (["les", "des", "aux"].contains(a) && Int(b) == nil) { said = n; isGroup = true }
                else if plural.contains(b), a != "les" || b == "enfants" { isGroup = true }
                // "les garçons", "les filles" in a family of two: a plural needs both.
                else if ["garcons", "filles", "fils", "petits"].contains(b), all.count == 2 { isGroup = true }
                if ["les", "des", "aux"].contains(a), count[b] != nil, !plural.contains(c) {
                    // "les deux" alone names the children only when nothing else follows ("les deux jours" does not)
                    if ["jours", "semaines", "dates", "mercredis", "matins", "soirs"].contains(c) { isGroup = false; said = nil }
                }
            }
            if ["tous", "toutes"].contains(a), b == "les", let n = count[c] { said = n; isGroup = true }
            if ["jumeaux", "jumelles", "jumeau"].contains(a), ["les", "mes", "nos", "des", "aux"].contains(w(i - 1)) {
                let twins = children.filter { child in
                    child.birthDate != nil && children.filter { $0.birthDate == child.birthDate }.count >= 2
                }.map(\.firstName)
                if twins.count >= 2, onlyOne(i) { found.doubts.append(Doubts.whichChild(twins)) }
                else if twins.count >= 2 { found.names = merge(found.names, twins, order: all); found.groupPositions.append(i) }
                else { found.doubts.append(Doubts.noTwins) }
                continue
            }
            if isGroup, onlyOne(i), !all.isEmpty {
                found.doubts.append(Doubts.whichChild(all))
            } else if isGroup {
                if let n = said, n != all.count { found.doubts.append(Doubts.countMismatch(n, all)) }
                else if all.isEmpty { found.singularGeneric = true }
                else { found.names = merge(found.names, all, order: all); found.groupPositions.append(i) }
            }
            if ["mon", "ma", "notre"].contains(a), ["enfant", "fils", "fille", "garcon", "petit", "petite", "loulou"].contains(b) {
                found.singularGeneric = true
            }
        }
    }

    private static func merge(_ a: [String], _ b: [String], order: [String]) -> [String] {
        let set = Set(a).union(b)
        return order.filter { set.contains($0) }
    }

    private static let unknownBefore = Pattern(
        #"(?:^|[\s,.;:(])([A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+(?:-[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+)?)\s+(?:sera|ne\s|n['’]|mangera|viendra|ira|est\s|restera|a\s|doit|va\s|part|participera|aussi\b|également\b|egalement\b|non plus\b)"#,
        caseSensitive: true)
    /// "Jules Bernard, le copain d'Arthur, …": a first and last name opening the sentence, set off by a comma.
    private static let apposition = Pattern(
        #"^\s*([A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+(?:-[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+)?)\s+[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][A-Za-zàâäçéèêëîïôöùûüÿ\-]+\s*,"#,
        caseSensitive: true)
    private static let unknownAfter = Pattern(
        #"(?:inscrire|inscrit|inscrite|réserver pour|reserver pour|annuler pour|absence de|pour|de)\s+([A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+(?:-[A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ][a-zàâäçéèêëîïôöùûüÿ]+)?)"#,
        caseSensitive: true)

    /// Capitalised words placed where a child's first name goes ("Gaspard sera absent", "inscrire Sacha").
    static func unknownNames(in original: String, known: [String]) -> [String] {
        let knownKeys = Set(known.map(TextFolding.nameKey))
        var out: [String] = []
        for m in unknownBefore.allMatches(original) + unknownAfter.allMatches(original) {
            guard let name = m[1] else { continue }
            let key = TextFolding.nameKey(name)
            if knownKeys.contains(key) || stopWords.contains(TextFolding.fold(name)) || notNames.contains(TextFolding.fold(name)) { continue }
            if !out.contains(name) { out.append(name) }
        }
        return out
    }

    /// Words before an unknown name that make it an adult or a friend, not a child of the family.
    static let notChildBefore: Set<String> = [
        "mme", "madame", "m", "mr", "monsieur", "mlle", "mademoiselle", "maitresse", "maitre", "instituteur",
        "institutrice", "docteur", "dr", "pediatre", "copain", "copine", "ami", "amie", "cousin", "cousine", "frere",
        "soeur", "mamie", "mami", "papi", "papy", "tata", "tonton", "nounou", "oncle", "tante", "professeur", "prof",
        "animateur", "animatrice", "directeur", "directrice", "atsem", "chez", "grand-mere", "grand-pere", "parrain",
        "marraine", "avec", "moi", "mari", "femme", "epouse", "epoux", "pere", "mere", "papa", "maman", "signe",
    ]
    private static let lowerSubject = Pattern(
        #"(?:^|[,;:]\s*|\bet\s+|\bqu'|\bque\s+)([a-z][a-z\-]{2,20})\s+(?:sera|seront|ne\s|n'|mangera|viendra|ira|est\s+(?:malade|absent|absente|souffrant|souffrante)|restera|participera)\b"#)
    private static let lowerObject = Pattern(
        #"\b(?:inscrire|inscrit|inscrite|reserver pour|annuler pour|absence de|absence d'|desinscrire)\s*([a-z][a-z\-]{2,20})\b"#)
    private static let commonWords: Set<String> = [
        "il", "elle", "ils", "elles", "on", "ca", "cela", "ceci", "qui", "rien", "personne", "chacun", "celle-ci",
        "celui-ci", "finalement", "malheureusement", "exceptionnellement", "normalement", "alors", "ensuite", "sinon",
        "papa", "maman", "moi", "toi", "eux", "pas", "ne", "plus", "aussi", "egalement", "bebe", "fils", "fille",
        "enfant", "enfants", "petit", "petite", "frere", "soeur", "jumeau", "jumelle", "jumeaux", "jumelles",
        "garcon", "loulou", "puce", "grand", "grande", "cours", "classe", "sortie", "ecole", "creche", "nounou",
        "mamie", "papi", "repas", "garderie", "etude", "aucun", "aucune", "chaque", "celle", "celui", "ceux",
    ]

    /// Names in a child's place that the family does not have, even next to a known child: "Gaspard sera absent",
    /// "gaspard sera absent", "Élise et Gaspard", "inscrire hugo". Adults and friends ("Mme Julie", "son copain Hugo")
    /// are left out.
    static func strongUnknownNames(in original: String, tokens t: [Token], known: [String],
                                   covered: Set<Int> = []) -> [String] {
        let knownKeys = Set(known.map(TextFolding.nameKey))
        let folded = TextFolding.foldCollapsed(original)
        var candidates: [String] = []
        for m in unknownBefore.allMatches(original) + apposition.allMatches(original) {
            if let n = m[1] { candidates.append(TextFolding.fold(n)) }
        }
        for m in lowerSubject.allMatches(folded) + lowerObject.allMatches(folded) { if let n = m[1] { candidates.append(n) } }
        // Coordination with a known name: "Élise et hugo", "Gaspard et Élise".
        let words = t.map { $0.kind == .word ? $0.text : "" }
        for i in words.indices where words[i] == "et" || words[i] == "ou" {
            for j in [i - 1, i + 1] where j >= 0 && j < words.count && !covered.contains(j) {
                let other = j == i - 1 ? i + 1 : i - 1
                guard other >= 0, other < words.count, covered.contains(other) || knownKeys.contains(TextFolding.nameKey(words[other])) else { continue }
                let w = words[j]
                if w.isEmpty { continue }
                if j == i - 1 {
                    // Before "et": only a capitalised word ("Gaspard et Élise"), not "absente et Élise".
                    guard wordIsCapitalised(w, in: original) else { continue }
                }
                candidates.append(w)
            }
        }
        var out: [String] = []
        for c in candidates {
            let key = TextFolding.nameKey(c)
            guard key.count >= 3, !knownKeys.contains(key), !stopWords.contains(c), !notNames.contains(c),
                  !commonWords.contains(c), !notChildBefore.contains(c), FrenchWords.weekdays[c] == nil,
                  FrenchWords.months[c] == nil, c.first?.isLetter == true else { continue }
            // A known name followed by more letters ("Élise-Marie")? Keep; an adult's or friend's name: skip.
            if let idx = words.firstIndex(of: c), idx > 0, notChildBefore.contains(words[idx - 1]) { continue }
            if let idx = words.firstIndex(of: c), idx > 1, ["petit", "petite", "meilleur", "meilleure"].contains(words[idx - 2]) || notChildBefore.contains(words[idx - 2]) && ["petit", "petite", "grand", "grande", "ami", "amie"].contains(words[idx - 1]) { continue }
            let display = originalSpelling(of: c, in: original)
            if !out.contains(display) { out.append(display) }
        }
        return out
    }

    private static func wordIsCapitalised(_ folded: String, in original: String) -> Bool {
        originalSpelling(of: folded, in: original).first?.isUppercase == true
    }

    /// The word as the parent wrote it (accents kept), capitalised.
    static func originalSpelling(of folded: String, in original: String) -> String {
        let words = original.split(whereSeparator: { !($0.isLetter || $0 == "-") })
        if let w = words.first(where: { TextFolding.fold(String($0)) == folded }) { return capitalised(String(w)) }
        return capitalised(folded)
    }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// Optimal string alignment distance (an adjacent swap counts as one edit).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }

    /// Frequent words of these mails that are never first names, folded.
    static let stopWords: Set<String> = [
        "je", "il", "elle", "ils", "elles", "nous", "vous", "on", "mon", "ma", "mes", "notre", "nos", "le", "la", "les",
        "un", "une", "des", "ce", "cette", "ca", "cela", "bonjour", "bonsoir", "merci", "madame", "monsieur", "pour",
        "et", "mais", "donc", "car", "si", "est-ce", "pouvez-vous", "pourriez-vous", "cordialement", "absence",
        "absent", "absente", "cantine", "centre", "garderie", "accueil", "inscription", "reservation", "annulation",
        "malade", "certificat", "demain", "aujourdhui", "semaine", "vacances", "mercredi", "lundi", "mardi", "jeudi",
        "vendredi", "samedi", "dimanche", "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout",
        "septembre", "octobre", "novembre", "decembre", "objet", "enfant", "enfants", "motif", "date", "dates", "du",
        "au", "cle", "activite", "creneau", "alsh", "repas", "matin", "soir", "journee", "apres-midi", "facture",
        "factures", "ecole", "classe", "maison", "votre", "leur", "leurs", "tout", "tous", "toute", "toutes",
        "aussi", "comme", "quand", "avec", "sans", "plus", "moins", "bien", "tres", "peut", "sera", "seront", "sont",
        "etre", "avoir", "fait", "faire", "dire", "dites", "voici", "voila", "notre", "entre", "depuis", "jusqu",
        "apres", "avant", "pendant", "chez", "dans", "sur", "sous", "vers", "meme", "memes", "encore", "deja",
        "prochain", "prochaine", "dernier", "derniere", "premier", "premiere", "fievre", "grippe", "rendez-vous",
        "besoin", "place", "places", "jours", "jour", "mois", "annee", "heure", "heures", "midi", "inscrire",
        "annuler", "reserver", "mange", "mangera", "viendra", "ecrit", "message", "reponse", "demande", "compte",
        "mail", "mails", "email", "e-mail", "courriel",
        "elle-meme", "lui", "leur", "son", "sa", "ses", "ton", "ta", "tes", "vos", "qui", "que", "quoi", "dont", "ou",
    ]
    private static let notNames: Set<String> = [
        "espace", "famille", "mairie", "ville", "service", "pole", "cabinet",
        "clinique", "docteur", "dr", "mme", "mlle", "m", "ps", "re", "tr", "fwd", "oui", "non", "ok", "ici", "hier",
        "pourriez-vous", "serait-il", "est-il", "merci", "desole", "desolee", "pardon", "attention", "note", "info",
        "alors", "ensuite", "puis", "enfin", "bref", "sinon", "cependant", "toutefois", "egalement",
        "noel", "paques", "toussaint", "pentecote", "ascension", "hiver", "printemps", "ete", "automne", "le", "la", "finalement", "exceptionnellement", "malheureusement",
    ]
}
