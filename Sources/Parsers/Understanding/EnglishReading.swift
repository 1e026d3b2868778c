/// The language a parent wrote in. Replies are written in it.
public enum MessageLanguage: String, Sendable, Equatable {
    case french = "fr"
    case english = "en"

    /// English when English function words clearly outnumber French ones in what the parent wrote now.
    public static func detect(subject: String, text: String) -> MessageLanguage {
        var english = 0, french = 0
        for word in TextFolding.fold(subject + " " + text).split(whereSeparator: { !$0.isLetter && $0 != "'" }) {
            let w = String(word)
            if EnglishReading.englishMarkers.contains(w) { english += 1 }
            if EnglishReading.frenchMarkers.contains(w) { french += 1 }
        }
        return english >= 2 && english > 2 * french ? .english : .french
    }
}

/// English phrases rewritten into the French phrases the grammar reads ("will stay home tomorrow" → "restera à la
/// maison demain"), so that one grammar, with its certainty rules, reads both languages. In a French mail only the
/// words that cannot be French are rewritten ("today", "sick", "Monday"): franglais reads too.
enum EnglishReading {
    static let englishMarkers: Set<String> = [
        "the", "will", "won't", "is", "are", "be", "my", "our", "he", "she", "they", "please", "could", "would", "you",
        "and", "to", "for", "at", "on", "this", "next", "with", "can", "can't", "has", "have", "not", "thanks", "thank",
        "hello", "hi", "dear", "regards", "school", "tomorrow", "today", "her", "his", "them", "we", "i'm", "it",
        "stay", "home", "both", "children", "send", "book", "if", "might", "invoices", "invoice", "club", "lunch",
        "until", "off", "sick", "from", "back", "he'll", "she'll", "i'd", "we're", "instead", "of", "miss", "owe",
    ]
    static let frenchMarkers: Set<String> = [
        "le", "la", "les", "de", "du", "des", "et", "est", "sera", "ne", "pas", "mon", "ma", "mes", "je", "vous", "pour",
        "a", "au", "aux", "il", "elle", "ils", "nous", "merci", "bonjour", "cordialement", "une", "un", "qui", "que",
        "sur", "avec", "dans", "son", "sa", "ses", "ce", "cette", "l'", "d'", "n'", "j'",
    ]

    /// Rules applied in order; the first ones are the longer phrases. `always` rules apply in French mails too.
    private struct Rule {
        let pattern: Pattern
        let french: String
        let always: Bool
    }

    private static func r(_ p: String, _ f: String, always: Bool = false) -> Rule {
        Rule(pattern: Pattern(p), french: f, always: always)
    }

    private static let rules: [Rule] = [
        // "from the 20th to the 22nd of September", "the 20th of September": day numbers before the month.
        r(#"\bfrom (the )?(\d{1,2})(st|nd|rd|th)? (to|until|till|through) (the )?(\d{1,2})(st|nd|rd|th)? of (january|february|march|april|may|june|july|august|september|october|november|december)\b"#, "du $2 au $6 $8", always: true),
        r(#"\bthe (\d{1,2})(st|nd|rd|th)? of (january|february|march|april|may|june|july|august|september|october|november|december)\b"#, "le $1 $3", always: true),
        // Eating at home is no canteen: "will have lunch at home", "will eat with us".
        r(#"\b(will |'ll |is going to )?(have|eat|be having|be eating) (her |his |their )?lunch (at home|with (me|us))\b|\b(will |'ll |is going to )?(eat|be eating) (at home|with (me|us))\b"#, "mangera à la maison"),
        r(#"\bremove ([\p{L}-]+) from\b"#, "désinscrire $1 de"),
        r(#"\bsign ([\p{L}-]+) up\b"#, "inscrire $1"),
        // British school phrasing: "isn't having school dinners", "won't be in" (at school).
        r(#"\b(is not|isn't|are not|aren't)\s+(having|eating)\s+(lunch|a meal|school lunch(es)?|school dinners?|school meals?)\b"#, "ne mangera pas à la cantine"),
        r(#"\b(won't|will not|wont)\s+be\s+in\b(?!\s+(school|class|the\b|at\b|on\b|until\b|till\b|before\b))"#, "ne sera pas à l'école"),
        // A negation carried by the subject, with a verb that has none: "none of my children will be at the
        // canteen", "neither Lea nor Hugo will have lunch" — the French negative subject and its "ne".
        r(#"\b(none|neither) of (my|our|the) (children|kids)( will| are going to)?\b|\bno (child|children|kid|kids) will\b"#, "aucun de mes enfants ne"),
        r(#"\b(none|neither) of (them|the two|both)( will| are going to)?\b"#, "aucun des deux ne"),
        r(#"\bneither ([\p{L}-]+) nor ([\p{L}-]+)( will| are going to)?\b"#, "ni $1 ni $2 ne"),
        r(#"\bne be (at|in) (the )?"#, "ne sera au "),
        r(#"\bne need (the )?"#, "n'aura besoin de la "),
        // "will never", "will only": a habit or a restriction the grammar asks about, as "ne … jamais", "ne … que".
        r(#"\b(will|'ll|is going to|are going to) (never|only)\b"#, "ne"),
        // Staying away, illness.
        r(#"\b(won't|will not|wont|isn't|is not|wasn't|was not|(is|are|was|were)( not|n't) going to)\s+(be\s+)?(absent|off school|away from school)\b"#, "ne sera pas absent"),
        r(#"\b(was|were)\s+off sick\b"#, "était malade", always: true),
        r(#"\b(is |are )?off sick\b"#, "est malade"),
        // A contraction ("he'll be back") leaves its pronoun before the French verb: a space keeps them apart.
        r(#"\b(will be|'ll be|is|are|'s|'re) back (at|to|in) (school|class)\b|\b(will be|'ll be) back\b|\b(will return|is returning|returns|comes back|will come back|is coming back|will go back)( to (school|class))?\b"#, " reviendra"),
        r(#"\binstead of\b"#, "au lieu de"),
        r(#"\b(won't|will not|wont|doesn't|does not) need (the )?\b"#, "n'aura pas besoin de la "),
        r(#"\b(won't|will not|wont|isn't|is not) (be )?(at|in|attending|going to) (the )?(?=(breakfast|after[- ]school|morning|evening|holiday|wednesday|canteen|school lunch))"#, "n'ira pas à la "),
        r(#"\bin (\d) weeks('? time)?\b"#, "dans $1 semaines"),
        r(#"\bin two weeks('? time)?\b|\btwo weeks from (now|today)\b"#, "dans deux semaines"),
        r(#"\bin three weeks('? time)?\b|\bthree weeks from (now|today)\b"#, "dans trois semaines"),
        r(#"\b(our|my) new (phone|mobile|telephone|cell) number( is)?\b|\bnew (phone|mobile) number\b"#, "mon nouveau numéro de téléphone :", always: true),
        r(#"\b(our|my) new e-?mail( address)?( is)?\b"#, "ma nouvelle adresse mail :", always: true),
        r(#"\b(our|my) new (home )?address( is)?\b"#, "notre nouvelle adresse :", always: true),
        r(#"\bwe('ve| have)? moved( house)?( to)?\b"#, "nous avons déménagé :", always: true),
        r(#"\b((sign(ed)? up|switch|opt in|enrol|enroll|register|move) (for|to|into) )?(electronic|digital|paperless) (invoices?|bills?|billing)\b"#, "factures en ligne"),
        r(#"\b(won't|will not|wont) be (in|back)( at school)? until\b"#, "ne reviendra pas avant"),
        r(#"\bhow much (do )?(i|we) owe( you)?\b"#, "combien je vous dois"),
        r(#"\b(will not|won't|wont|is not|isn't)\s+(be\s+)?(coming|going)\s+(to|at)\b"#, "ne viendra pas à"),
        r(#"\btake ([\p{L}-]+) off\b"#, "annuler $1"),
        r(#"\b(will be|'ll be) (at|in) (the )?(?!school\b|class\b|home\b)"#, " sera au "),
        r(#"\b(will not|won't|wont|is not going to|isn't going to|can't|cannot|will be unable to)\s+(be\s+)?(come|go|attend|be)\s+(to|at|in)\s+(school|class)\b"#, "ne sera pas à l'école"),
        r(#"\b(will not|won't|wont)\s+be\s+(at|in)\s+(school|class)\b"#, "ne sera pas à l'école"),
        r(#"\b(will not|won't|wont|is not going to|isn't going to|doesn't|does not)\s+(have lunch|eat|have a meal|be having lunch|be eating)\s+(at|in)\s+(the\s+)?(school\s+)?(canteen|cafeteria|dining hall)\b"#, "ne mangera pas à la cantine"),
        r(#"\b(will not|won't|wont|is not going to|isn't going to)\s+(have|eat|be having|be eating)\s+(lunch|a meal|school lunch)\b"#, "ne mangera pas"),
        r(#"\b(will not|won't|wont|is not going to|isn't going to)\s+(come|go|attend)\b"#, "ne viendra pas"),
        r(#"\b(will|is going to|shall)\s+(stay|be staying|remain)\s+(at\s+)?home\b|\bis staying (at )?home\b|\bstays (at )?home\b"#, "restera à la maison"),
        r(#"\b(there is |there's )?no need to\b"#, "pas besoin de"),
        r(#"\bbut\b"#, "mais", always: true),
        r(#"\b(will|is going to)\s+stay\s+(for|at|in)\s+(the\s+)?\b"#, "restera à la "),
        r(#"\b(was|were)\s+(absent|off school|away from school|off)\b"#, "était absente", always: true),
        r(#"\b(was|were)\s+(sick|ill|unwell|poorly)\b"#, "était malade", always: true),
        r(#"\bdepending on\b"#, "selon"), r(#"\bprovided (that )?\b"#, "à condition que "), r(#"\bin case\b"#, "au cas où"),
        r(#"\b(send|sending|get|receive) (me |us )?(the |my |our )?(invoices?|bills?) (by|on) paper( again)?\b|\b(back to|return to|go back to) paper (invoices?|bills?)\b"#, "je souhaite revenir aux factures papier"),
        r(#"\bpaper (invoices?|bills?)\b|\b(invoices?|bills?) (by|on) paper\b"#, "factures papier"),
        r(#"\b(the )?summer (holidays?|vacation|break)\b"#, "les grandes vacances"),
        r(#"\b(the )?christmas (holidays?|vacation|break)\b"#, "les vacances de Noël"),
        r(#"\b(the )?(half[- ]term|holidays|school holidays)\b"#, "les vacances"),
        r(#"\bevery (monday|tuesday|wednesday|thursday|friday)\b"#, "every $1s"),
        r(#"\b(sorry,?\s+)?i (meant|mean)\b"#, "je voulais dire"),
        r(#"\b(following|after|further to|regarding|about|as agreed (at|in|during)) (the|our|my|your) (meeting|appointment|call|phone call|conversation|e-?mail|letter|visit)( on| of| dated)?\b"#, "suite à la réunion du"),
        r(#"\bno (more )?absences?\b"#, "pas d'absence"),
        r(#"\bafter all\b"#, "finalement"),
        r(#"\b(will be|is|is going to be)\s+(absent|off school|off|away from school|away|missing school)\b|\bwill (miss|be missing) (school|nursery|class|preschool)\b"#, "sera absent"),
        r(#"\bthat day\b"#, "ce jour-là"), r(#"\b(as well|too)\b"#, "aussi"),
        r(#"\b(the )?first\b"#, "premier"), r(#"\bsecond\b"#, "deuxième"), r(#"\bthird\b"#, "troisième"),
        r(#"\b(the )?last\b"#, "dernier"), r(#"\bof\b"#, "de"),
        r(#"\b(is|are|has been|feels|is feeling)\s+(sick|ill|unwell|poorly)\b|\bhas (a )?(high )?(temperature|fever|flu|cold|tummy bug|stomach bug)\b"#, "est malade"),
        r(#"\b(sick|unwell|ill)\b"#, "malade", always: true),
        r(#"\bfever\b"#, "fièvre", always: true),
        r(#"\b(has|have) (a |an )?(doctor's |doctor |medical |dentist's |hospital )?appointment\b"#, "a rendez-vous"),
        r(#"\bmedical certificate|doctor's note|sick note\b"#, "certificat médical"),
        // Activities.
        r(#"\b(have|eat) lunch (at|in) (the )?(school )?(canteen|cafeteria|dining hall)\b|\bhave (school )?lunch\b|\beat at (the )?(school )?canteen\b"#, "mangera à la cantine"),
        r(#"\bfull day with lunch|whole day with lunch|all day with lunch|full day\b"#, "journée avec repas"),
        r(#"\bwith lunch|with a meal|with meal\b"#, "avec repas"),
        r(#"\bwithout lunch|without a meal|without meal|no lunch\b"#, "sans repas"),
        r(#"\b(school )?(canteen|cafeteria|school lunch(es)?|school meals?|lunch)\b"#, "cantine"),
        r(#"\b(after[- ]school (club|care|childcare)|afternoon care|evening care|evening childcare)\b"#, "garderie du soir"),
        r(#"\b(breakfast club|before[- ]school (club|care|childcare)|morning care|morning childcare)\b"#, "garderie du matin"),
        r(#"\b(wednesday (club|centre|center|activity centre|activity center))\b"#, "centre de loisirs du mercredi"),
        r(#"\b(holiday (club|centre|center|camp|activity centre|activity center)|half-term (club|camp))\b"#, "centre de loisirs des vacances"),
        r(#"\b(activity centre|activity center|leisure centre|leisure center|day camp)\b"#, "centre de loisirs"),
        // Asking.
        // "sign up for paperless billing": the e-invoicing choice, not a booking.
        r(#"\b((sign(ed)? up|switch|opt in|enrol|enroll|register) (for|to|into) )?(online (invoices?|billing|bills)|e-?invoices?|e-?invoicing|e-?billing|go(ing)? paperless|paperless (billing|invoices?|bills)|paperless|(invoices?|bills) by (e-?mail|email))\b"#, "factures en ligne"),
        r(#"\b(book|register|enrol|enroll|sign up|reserve)\b"#, "inscrire"),
        r(#"\b(cancel|cancelled|canceled|unbook|take (him|her|them) off)\b"#, "annuler"),
        r(#"\b(invoices?|bills?)\b"#, "facture"),
        r(#"\bpay\b"#, "payer"),
        r(#"\b(statement of (my |our )?account|account summary|summary of (my |our )?account|summary)\b"#, "récapitulatif"),
        r(#"\bactivation (code|key)\b"#, "clé d'activation"),
        r(#"\bactivate\b"#, "activer"),
        // When.
        r(#"\b(every day|all|the whole|all of|the whole of) next week\b"#, "toute la semaine prochaine"),
        r(#"\bnext week\b"#, "la semaine prochaine"),
        // "next Thursday" is this coming one or the one after, as in French: asked like "jeudi prochain".
        r(#"\bnext (monday|tuesday|wednesday|thursday|friday)\b"#, "$1 prochain", always: true),
        r(#"\b(the whole of |all )?this week\b"#, "cette semaine"),
        // "this Thursday" written on a Thursday is asked like "ce jeudi".
        r(#"\bthis (monday|tuesday|wednesday|thursday|friday)\b"#, "ce $1", always: true),
        r(#"\bthe day after tomorrow\b"#, "après-demain", always: true),
        r(#"\btoday\b"#, "aujourd'hui", always: true),
        r(#"\btomorrow\b"#, "demain", always: true),
        r(#"\b(yesterday evening|last night)\b"#, "hier soir", always: true),
        r(#"\byesterday\b"#, "hier", always: true),
        r(#"\bthis morning\b"#, "ce matin", always: true),
        r(#"\bthis afternoon\b"#, "cet après-midi", always: true),
        r(#"\b(tonight|this evening)\b"#, "ce soir", always: true),
        r(#"\bmonday\b"#, "lundi", always: true), r(#"\btuesday\b"#, "mardi", always: true),
        r(#"\bwednesday\b"#, "mercredi", always: true), r(#"\bthursday\b"#, "jeudi", always: true),
        r(#"\bfriday\b"#, "vendredi", always: true), r(#"\bsaturday\b"#, "samedi", always: true),
        r(#"\bsunday\b"#, "dimanche", always: true),
        r(#"\bmondays\b"#, "lundis", always: true), r(#"\btuesdays\b"#, "mardis", always: true), r(#"\bwednesdays\b"#, "mercredis", always: true),
        r(#"\bthursdays\b"#, "jeudis", always: true), r(#"\bfridays\b"#, "vendredis", always: true),
        r(#"\bjanuary\b"#, "janvier", always: true), r(#"\bfebruary\b"#, "février", always: true), r(#"\bmarch\b"#, "mars"), r(#"\bapril\b"#, "avril", always: true),
        r(#"\bmay\b"#, "mai"), r(#"\bjune\b"#, "juin", always: true), r(#"\bjuly\b"#, "juillet", always: true), r(#"\baugust\b"#, "août", always: true),
        r(#"\bseptember\b"#, "septembre", always: true), r(#"\boctober\b"#, "octobre", always: true),
        r(#"\bnovember\b"#, "novembre", always: true), r(#"\bdecember\b"#, "décembre", always: true),
        r(#"\b(\d{1,2})(st|nd|rd|th)\b"#, "$1"),
        r(#"\bfrom\b"#, "du"), r(#"\b(until|till|up to and including|through)\b"#, "jusqu'au"),
        r(#"\bevery\b"#, "tous les"), r(#"\bexcept\b"#, "sauf"), r(#"\bon (lundis|mardis|mercredis|jeudis|vendredis)\b"#, "les $1", always: true),
        r(#"\bin may\b"#, "en mai", always: true), r(#"\bin march\b"#, "en mars", always: true),
        r(#"\bin (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|may|march)\b"#, "en $1", always: true), r(#"\bon\b"#, "le"), r(#"\bto\b"#, "au"),
        r(#"\bin\b"#, "en"),
        r(#"\b(the )?mornings?\b"#, "le matin"), r(#"\b(the )?afternoons?\b"#, "l'après-midi"),
        r(#"\bsince\b"#, "depuis", always: true),
        // Who.
        r(#"\b(both of them|both children|both kids|my children|my kids|the children|the kids|both)\b"#, "les deux"),
        r(#"\bmy son\b"#, "mon fils"), r(#"\bmy daughter\b"#, "ma fille"), r(#"\bmy child\b"#, "mon enfant"),
        r(#"\bhe\b"#, "il"), r(#"\bshe\b"#, "elle"), r(#"\bthey\b"#, "ils"),
        r(#"\bas usual\b"#, "comme d'habitude"),
        r(#"\b(maybe|perhaps|probably|possibly|i think|not sure|might|may be|could be|should be)\b"#, "peut-être"),
        r(#"\bunless\b"#, "sauf si"), r(#"\bif\b"#, "si"),
        r(#"\b(the|a|an)\b"#, "le"),
        r(#"\band\b"#, "et"), r(#"\bor\b"#, "ou"), r(#"\bnot\b"#, "pas"),
    ]

    /// The text with English phrases in French. `english`: the whole mail is English (every rule); otherwise only the
    /// words that cannot be French are rewritten.
    static func toFrench(_ text: String, english: Bool) -> String {
        var out = text
        for rule in rules where english || rule.always {
            out = rule.pattern.replacing(in: out, with: rule.french)
        }
        return out
    }
}
