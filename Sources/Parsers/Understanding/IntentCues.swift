/// The words that say what a parent wants, found in one folded clause.
struct IntentCues: Equatable {
    /// Action intents (absence, reservation, cancellation) with a clear verb.
    var actions: [Intent] = []
    /// An absence hinted only by a symptom or an appointment ("elle a de la fièvre").
    var weakAbsence = false
    /// "n'ira pas à la piscine": where the child will not go, when it is neither school nor a service activity.
    var unknownPlace: String?
    /// Illness or health named ("otite", "malade", "fièvre"): a child kept away for health is absent, whatever
    /// activity the parent names.
    var illness = false
    /// "Louise est tombée samedi", "l'école nous a appelés": what happened, which asks nothing by itself.
    var narrativePast = false
    /// "Est-ce qu'Elsa pourrait aller au centre … ?": a booking asked as a question, confirmed before it is made.
    var askedAsQuestion = false
    /// "Ambroise viendra", "Suzanne ira à l'école": a child said present, beside an absence of another.
    var presence = false
    /// "est inscrite au centre", "ce qui est réservé": a booking described, not asked for.
    var stateBooked = false
    /// The booking rests only on a verb of going or staying ("ira à la garderie"), with no booking verb.
    var softBooking = false
    /// The absence rests only on "ne … pas" with no activity named ("elle n'ira pas vendredi").
    var absenceByNegation = false
    /// The cancellation rests only on "ne … pas" next to an activity ("n'ira pas au centre"), no cancelling verb.
    var cancellationByNegation = false
    var einvoice: Bool?            // nil: not mentioned; true/false: the wish
    var invoices = false
    var summary = false
    var contact = false
    var activation = false
    var help = false
    /// "je pense", "peut-être", "je vous confirme plus tard".
    var hedged = false
    /// "à moins que", "selon", "tout dépend", "au cas où", "si jamais": the request hangs on something else.
    var condition = false
    /// "elle mangera à la maison": no canteen that day (whatever other activity the sentence names).
    var eatsElsewhere = false
    /// The intent's own word is denied ("pas d'absence", "pas besoin d'annuler"): that intent is not asked.
    var denied = false
    /// "comme d'habitude", "viendra normalement": describes, asks nothing.
    var routine = false
    /// "pouvez-vous me dire si…", "est-ce que…": asks about something, changes nothing.
    var question = false
    /// "ne" before a verb of coming, going or eating that no particle read here closes: "ne mangera que lundi"
    /// (only that day), "ne vient jamais le vendredi" (a habit), a "pas" forgotten; "ne viendra pas que lundi" (not
    /// only); "je ne pense pas que Léa mangera" (the negation on the opinion). Not guessed: asked.
    var unreadNegation = false

    var other: [Intent] {
        var out: [Intent] = []
        if activation { out.append(.activation) }
        if einvoice != nil { out.append(.einvoice) }
        if invoices { out.append(.invoices) }
        if summary { out.append(.summary) }
        if contact { out.append(.contact) }
        if help { out.append(.help) }
        return out
    }
}

enum IntentReader {
    private static let cancelVerb = Pattern(
        #"\b(annul\w*|desinscri\w*|des-inscri\w*|desister|retir(er|ez|e|ee)|supprim(er|ez|e|ee)|decommand\w*|enlev(er|ez))\b|\b(plus|pas|aucun|nul) besoin\b|\b(pas|plus) de (cantine|repas|garderie|centre|accueil|restauration|alsh|periscolaire|self)\b"#)
    /// A booking named as a thing ("annuler la réservation", "l'inscription au centre"), not asked for.
    private static let reserveNoun = Pattern(#"\b(reservations?|inscriptions?)\b"#)
    /// Verbs whose negation says a child will not come, go or eat.
    private static let presenceVerbs = "mangera|mangeront|mange|dejeunera|dejeuneront|ira|iront|va|vont|viendra|viendront|vient|sera|seront|est|restera|resteront|participera|participeront|prendra|prendront|fera|feront|aura|auront|pourra|pourront|peut|peuvent|retournera|retourneront|reviendra|reviendront|rentrera|rentreront|reprendra|reprendront"
    private static let negatedPresence = Pattern(
        #"\b(ne|n')\s*(\w+\s+){0,2}?(\#(presenceVerbs))\s+((finalement|donc|alors|malheureusement|exceptionnellement|surement|certainement|toujours|encore|meme|evidemment|forcement)\s+)?(pas|plus|ni|point)\b"#)
    /// Children named as the subject of a negation: "aucun de mes enfants", "aucune des deux", "aucun enfant", "ni
    /// Léa ni Hugo".
    private static let negativeSubject = #"(\baucune?\s+(des?|d'entre|d')\b|\baucune?\s+(enfant|fille|fils|garcon)s?\b|\bni\b[^.!?;]{1,60}?\bni\b)[^.!?;]{0,60}?\b(ne |n')\s*(y\s+|en\s+)?"#
    /// "ne mangera à la cantine ni jeudi ni vendredi", "ne sera là ni lundi ni mardi": "ni … ni" after the verb's
    /// complement.
    private static let neitherNorAfter = Pattern(
        #"\b(ne|n')\s*(\w+\s+){0,2}?(\#(presenceVerbs))\b[^.;!?]{0,40}?\bni\b[^.;!?]{1,40}?\bni\b"#)
    /// The subject carries the negation, the verb no "pas": "aucun de mes enfants n'ira", "ni Léa ni Hugo ne
    /// mangeront".
    private static let subjectNegation = Pattern(negativeSubject + #"(\#(presenceVerbs))\b(?!-)"#)
    /// "ni Léa ni Hugo ne seront absents": the contrary of an absence.
    private static let subjectNotAbsent = Pattern(
        negativeSubject + #"(sera|seront|est|sont|etait|etaient|serait|seraient)\s+(\w+\s+)?(absente?s?|malades?)\b"#)
    /// "ne viendra pas que lundi", "ne mangera pas seulement…": not only — no negation of the days said.
    private static let notOnly = Pattern(
        #"\b(ne|n')\s*(\w+\s+){0,2}?(\#(presenceVerbs))\s+pas\s+(que\b|qu'|seulement\b|uniquement\b|juste\b)"#)
    /// "je ne pense pas que Léa mangera", "je ne veux plus qu'elle aille": the negation is on the verb of opinion or
    /// wish, the child's verb after "que" says the contrary of what is meant.
    private static let negatedOpinion = Pattern(
        #"\b(ne |n')\s*(pense|pensons|crois|croyons|veux|voulons|voudrais|voudrions|souhaite|souhaitons|souhaiterais|desire|desirons|faut|imagine|suis|sommes)\s+(pas|plus)\s+(sur|sure|surs|sures|certaine?s?\s+)?(que|qu')"#)
    /// "ne sera absente que lundi": the days of the absence restricted, which is the absence on those days.
    private static let restrictedAbsence = Pattern(
        #"\b(ne |n')\s*(sera|seront|est|sont|serait|seraient)\s+(\w+\s+)?absente?s?\s+qu(e\b|')"#)
    /// "ne" before one of those verbs, however the sentence goes on; not after "personne", "rien" or "nul", whose
    /// negation is about someone else ("personne ne pourra la chercher").
    private static let negativeVerb = Pattern(
        #"(?<!\bpersonne )(?<!\brien )(?<!\bnul )(?<!\bnulle )\b(ne |n')\s*(y\s+|en\s+)?(\w+\s+)?(\#(presenceVerbs))\b(?!-)"#)
    /// Spoken and SMS French drops "ne": "il mange pas à la cantine", "elle vient pa jeudi".
    private static let spokenNegation = Pattern(
        #"\b(il|elle|ils|elles|on|[a-z]{3,})\s+(mange|mangera|mangent|mangeront|vient|viendra|viennent|viendront|va|ira|vont|iront|sera|seront|restera|resteront)\s+(pas|pa)\b"#)
    private static let impersonal = Pattern(#"\b(ce n'est|c'est|ce ne sera|ce sera|n'y a|n'y aura|n'y avait|n'y aurait)( donc| alors| finalement)? (pas|plus)\b"#)
    /// The intent's own word denied: "pas d'absence à signaler", "aucune absence", "pas besoin d'annuler", "inutile de
    /// l'inscrire", "n'annulez pas", "elle devait être absente" (a plan told, not asked). These words are taken out
    /// before the intent is looked for: what is left decides (often nothing, and the sentence is asked).
    static let deniedIntent = Pattern(
        #"\b(pas|plus|aucune?|sans|zero)\s+(d'|de |d’)?((autres?|nouvelles?|d'autres)\s+)?absences?\b|\b(pas besoin|plus besoin|inutile|pas la peine|pas necessaire|nul besoin)\s+(de |d'|d’)(l'|la |le |les |lui |leur )?(annul|desinscri|decommand|retir|supprim|inscri|reserv)\w*|\b(ne |n')(l'|la |le |les )?(annul|desinscri|decommand)\w*\s+(pas|plus|rien)\b|\b(ne |n')\s*(\w+\s+){1,2}?(pas|plus|jamais)\s+(\w+\s+)?(d'|de )?(l'|la |le |les )?(annul|desinscri|decommand)(er|ez)\b|\bne (pas|plus) (l'|la |le |les )?(annul|desinscri|decommand)\w*|\b(devai[st]|devaient|devions|deviez)\s+(etre\s+)?(absente?s?|malades?|manquer|rester a la maison)\b"#)
    private static let politeQuestion = Pattern(
        #"\best-ce qu(e |')\S+ (pourrait|pourraient|peut|peuvent) (aller|venir|manger|dejeuner|participer)\b"#)
    private static let pastBooking = Pattern(
        #"\blaisse(e|s|es)? (inscrit|inscrite|inscrits|inscrites)\b|\b(a|ai|as|avons|avez|ont|avait|avais|avions)\s+((deja|bien|pourtant|aussi)\s+)?(inscrit|inscrite|inscrits|inscrites|reserve|reservee|reserves|reservees|annule|annulee|annules|annulees|desinscrit|desinscrite)\b"#)
    private static let presenceCue = Pattern(
        #"(?<!\bne )(?<!\bn')(?<!\bqui )(?<!\ba )(?<!\bai )(?<!\bavait )(?<!\bavons )(?<!\bont )(?<!\bavaient )\b(ira|iront|viendra|viendront|va|vont|vient|viennent|sera|seront|mange|mangent)\b\s*((bien|quand meme|normalement|comme d'habitude|donc)\s+)?(a l'ecole|en classe|a la cantine|a la garderie|au centre|normalement|comme d'habitude|[.,;!]|$)"#)
    private static let notAbsentCue = Pattern(
        #"\b(ne|n')\s*(\w+\s+){0,2}?(sera|seront|est|sont|serait|seraient|etait|etaient|a|ont|avait|avaient)\s+((finalement|donc|alors|surement|certainement|toujours|meme|vraiment)\s+)?(pas|plus|point|jamais|ni)\s+((du tout|encore|vraiment|finalement|ete)\s+)*(absent|absente|absents|absentes|malade|malades|souffrante?s?)\b|\b(ce n'est|ce ne sera|il ne s'agit) pas (d'une|une) absence\b|\b(n'est|ne sont|ne sera|ne seront) pas (concernee?s?|inscrite?s?)\b"#)
    private static let absenceStrong = Pattern(
        #"\b(absen(t|te|ts|tes|ce|ces)|malade|malades|rest(e|era|eront|ent|er)\s+((aussi|encore|egalement|donc|alors|bien)\s+)?a la maison|rest(e|era|eront|ent|er) (avec|chez) (moi|nous|sa mere|son pere|sa maman|son papa|ses parents|sa grand-mere|son grand-pere|ses grands-parents|sa mamie|son papi)|(garde|gardons|garderai|garderons|garder)\s+(\w+\s+)?a la maison)\b"#)
    private static let absenceWeak = Pattern(
        #"\b(fievre|grippe|gastro|varicelle|otite|angine|rhume|vomi\w*|rendez-vous|rdv|hospitalis\w*|operation|opere\w*|bronchite|conjonctivite|blesse\w*|fractur\w*|certificat medical)\b"#)
    /// "n'est plus malade", "guérie", "va mieux": the illness is over (shared by the date and intent readers).
    static let recovered = Pattern(#"\bplus (malades?|de fievre|fievreuse?|souffrante?)\b|\bgueri|\b(va|vont) mieux\b"#)
    /// "n'ira pas à la piscine", "ne sera pas à l'heure": where the child will not be, read as a place.
    private static let placeAway = Pattern(
        #"\b(ne|n')\s*(\w+\s+){0,2}?(?:ira|iront|va|vont|viendra|viendront|participera|participeront|sera|seront|est|restera|resteront)\s+(?:pas|plus)\s+(a la|a l'|a l(?= )|au|aux|a|en|chez)(?:\b|(?<='))\s*([a-z-]+)"#)
    private static let takenAway = Pattern(
        #"\b(ne|n')\s*(\w+\s+){0,2}?(prendra|prendront|fera|feront)\s+(pas|plus)\s+(?:le|la|les|l'|son|sa|ses|un|une|de|d')\s*([a-z-]+)"#)
    private static let schoolPlaces: Set<String> = ["ecole", "classe", "cours", "maternelle", "primaire", "elementaire",
                                                    "college", "creche", "l'ecole", "la"]
    private static let backCue = Pattern(#"\b(reprend\w*|revien\w*|retourne\w*|retour|rentrer\w*)\b"#)
    private static let illnessCue = Pattern(
        #"\b(malades?|souffrante?s?|fievre|fievreuse?|grippe|gastro\w*|varicelle|otite|angine|rhume|bronchite|conjonctivite|covid|vomi\w*|hospitalis\w*|opere\w*|operation|blesse\w*|fractur\w*|platre|convalescen\w*|certificat medical|medecin|pediatre|urgences|sick|ill|fever|flu|doctor)\b"#)
    private static let reserveVerb = Pattern(
        #"\b((?<!des)(?<!des-)(re)?inscri(re|vez|t|te|ts|tes|ption|ptions|s|vions|rai)|reserv(er|ez|ation|ations|e|ee|es|ees|erai)|rajout\w*|ajout(er|ez|e))\b"#)
    private static let reserveSoft = Pattern(
        #"\b(mangera|mangeront|dejeunera|dejeuneront)\b|\b(ira|iront|viendra|viendront|sera|seront|restera|resteront|va|vont|participera|participeront)\s+(a|au|a la|aux|en|a l')\s*(cantine|garderie|centre|accueil|etude|alsh|restauration|periscolaire)|(?<!pas )(?<!plus )(?<!aucun )(?<!nul )(?<!sans )\bbesoin (de|d'une?) (la |une )?(garderie|cantine|place|accueil|centre)\b|\bprend(re|ra|ront) (la cantine|le repas|son repas|ses repas|le dejeuner|la garderie)\b|\b(pourrait|pourraient|peut|peuvent) (aller|venir|participer|manger|dejeuner) (a|au|a la|aux|en|a l')\s*(cantine|garderie|centre|accueil|alsh|restauration|periscolaire)"#)
    /// "elle mangera à la maison": eating, but not at school.
    private static let eatsElsewhere = Pattern(#"\b(mangera|mangeront|dejeunera|dejeuneront|mange|rentre(ra|ront)? (manger|dejeuner)|prend(ra|ront|re)? (son|ses|le|leur|leurs) repas)\s+(a la maison|chez|avec (moi|nous|ses|sa|son)|dehors|a l'exterieur|au restaurant(?! scolaire))"#)
    /// "ne l'inscrivez pas", "ne pas la réserver", "je ne souhaite plus l'inscrire": a booking refused.
    private static let negatedReserve = Pattern(
        #"\b(ne|n')\s*(l'|la |le |les |lui |leur )?(inscri\w*|reserv\w*)\s+(pas|plus)\b|\bne (pas|plus) (l'|la |le |les )?(inscrire|reserver)\b|\b(ne|n')\s*(\w+\s+){1,2}?(pas|plus)\s+(l'|la |le |les )?(inscrire|reserver)\b"#)
    /// Asking about a state, not asking for a change: "pouvez-vous me dire si elle est inscrite", "est-ce que…".
    private static let questionAbout = Pattern(
        #"\b(dire|savoir|verifier|confirmer|indiquer|preciser|rappeler) si\b|\b(est-elle|est-il|sont-ils|sont-elles)\s+(bien\s+)?(inscrit|inscrite|inscrits|inscrites|prevu|prevue|reserve|reservee)|\best-ce qu(e |')(?!(vous|tu) (pouvez|pourriez|pourrais|peux|voulez|pourrez))(?!\S+ (pourrait|pourraient|peut|peuvent) (aller|venir|manger|dejeuner|participer))(?!.*\b(inscrire|reserver|annuler|desinscrire)\b)"#)
    /// Parts of a sentence where a negation stops: "ne mangera pas demain mais mangera jeudi".
    private static let segmentBreak = Pattern(#",\s+mais\s+|\s+mais\s+|\s+par contre\s+|\s+en revanche\s+|\s*;\s*|,\s+(et\s+)?(par contre\s+)?"#)
    private static let dayWord = Pattern(#"\b(\d{1,2}|lundi|mardi|mercredi|jeudi|vendredi|demain|aujourdhui|cantine)\b"#)
    private static let einvoiceCue = Pattern(
        #"\b(factur\w*|avis des sommes)\s+(en ligne|par (e-?mail|mail|courriel|internet)|dematerialis\w*|electroniques?|numeriques?|sur (l'espace|internet|le portail))|\be-?factur\w*|\bfactur\w* (papier|par courrier|par la poste)|\b(plus|pas) de (facture\w* )?papier\b|\bfacturation en ligne\b"#)
    private static let invoicesCue = Pattern(
        #"\bfactures?\b|\bimpayes?\b|\b(payer|regler|reglement|paiement|payfip)\b"#)
    private static let payOnline = Pattern(
        #"\b(payer|regler|paiement|reglement)\b.{0,40}\b(en ligne|par internet|par carte|par cb|sur internet)\b|\ben ligne\b.{0,20}\b(payer|regler)\b"#)
    /// Receiving invoices online (the e-invoicing choice), even when paying is named too.
    private static let einvoiceChoice = Pattern(
        #"\b(recevoir|passer|adherer|inscri\w*|opter|abonner|souscrire|activer)\b.{0,40}\bfactur\w* (en ligne|dematerialis\w*|electroniques?)|\bfactur\w* (papier|par courrier)|\bdematerialis"#)
    private static let amountOwed = Pattern(
        #"\bcombien (je |nous |on )?(vous )?(dois|doit|devons|reste|faut-il payer)\b|\breste a payer\b|\bmontant (a payer|du|restant)\b|\bsolde (de mon|de notre|du) compte\b"#)
    private static let summaryCue = Pattern(
        #"\b(quelles? sont|quels sont|ou en sont) (les |ses |leurs |mes |nos )?(reservations|inscriptions)\b|\b(recapitulatif|recap|synthese)\b|\b(releve|bilan|point) (de|sur|du|des) (mon |notre |mes |nos |tout )?(compte|reservations|inscriptions|factures|situation|ce qui)\b|\betat (de|du) (mon |notre )?compte\b|\bsituation (de|du) (mon |notre )?compte\b|\b(liste|point) (de |des )?(mes |nos )?reservations\b|\bce qui est (reserve|prevu)\b"#)
    private static let contactCue = Pattern(
        #"\b(nouveau|nouvelle|nouvel|changement|change|changer|modifi\w*|mettre a jour|mise a jour|maj|remplac\w*)\b.{0,40}\b(numero|telephone|tel|portable|adresse|e-?mail|mail|courriel|coordonnees)\b|\bdemenag\w*\b|\b(numero|telephone|adresse|e-?mail|mail|courriel|coordonnees)\b.{0,30}\b(a change|ont change|change|est desormais|sont desormais|devient)\b"#)
    private static let activationCue = Pattern(#"\b(activ(er|ation|ez)|cle d'activation|code d'activation)\b"#)
    private static let stateCue = Pattern(
        #"\b(est|sont|etait|etaient|suis|sommes)\s+(deja\s+|bien\s+|toujours\s+|pas\s+|plus\s+|jamais\s+)*(inscrit|inscrite|inscrits|inscrites|reserve|reservee|reserves|reservees|prevu|prevue|prevus|prevues)\b"#)
    /// "où il est déjà inscrit", "qui est prévu": a state in a relative clause, beside the request.
    private static let relativeState = Pattern(
        #"\b(ou|(?<!ce )qui|dont|car|puisque|comme|quand|deja)\s+(il |elle |ils |elles |on |y )?(est|sont|etait|etaient)\s+(deja\s+|bien\s+|toujours\s+)*(inscrit|inscrite|inscrits|inscrites|reserve|reservee|reserves|reservees|prevu|prevue|prevus|prevues)\b"#)
    private static let howTo = Pattern(
        #"\bcomment (fait-on|fait on|faire|faut-il|faut il|dois-je|doit-on|puis-je|peut-on|proceder|je peux|on peut|je dois|on doit|inscrire|reserver|annuler|desinscrire|signaler|payer|activer|modifier)\b|\bhow (do|can|should) (i|we)\b"#)
    private static let helpCue = Pattern(
        #"^(aide|help|\?)\s*[.!?]*$|\bcomment (fait-on|fait on|faut-il|faut il|dois-je|doit-on|puis-je|peut-on|je peux|on peut|je dois|on doit)\b|\bhow (do|can|should) (i|we)\b|\b(comment (faire|proceder|ca marche|cela fonctionne|ca fonctionne|utiliser|inscrire|reserver|annuler|desinscrire|signaler|payer|activer|modifier)|mode d'emploi|page d'aide|besoin d'aide|quels? (sont les )?(mots|champs|commandes))\b"#)
    private static let hedgeCue = Pattern(
        #"\b(je pensais|je croyais|nous pensions|nous croyions|mais non\s*[.!]?$|je pense|je crois|voire|peut-etre|peut etre|sans doute|probablement|je ne sais pas|pas encore (sur|sure|certain|certaine)|a confirmer|je vous (confirmerai|redirai|tiens au courant)|je vous (le |la )?(confirme|redis)(?= (demain|ce soir|plus tard|bientot|des que|d'ici|au plus|dans |en fin|lundi|mardi|mercredi|jeudi|vendredi|rapidement|asap)|\s*[.!]?$)|il se peut|eventuellement|si jamais|pas certain|pas certaine|il est possible que|normalement|sous reserve|a priori|en principe|au cas ou|en cas de|si besoin|il faudra peut|on verra|pas sur|pas sure|j'hesite|je prefere attendre|devrai(t|ent)?|pourrai(t|ent)|risquen?t? d|il est possible|pas impossible|pas exclu|je vous (le |la )?(confirmerai|redirai|dirai))\b|(^|[,;:] |\bet )(si|s'il|s'ils)\b(?! possible)(?! vous plait)"#)
    /// A condition the service cannot check ("à moins que sa fièvre tombe", "selon la météo", "ça dépendra de…").
    static let conditionCue = Pattern(
        #"\b(a moins (que|qu'|d'|de)|sauf (si|s'il|s'ils|s'elle|en cas)|selon (le|la|les|l'|son|sa|ses|mon|ma|mes|notre|nos|leur|leurs|votre|vos|qu|que|comment|si|ce que)|tout depend|(ca|cela|tout) depend(ra|rait)?|depend(ra|rait)? (de|du|des|d')|en fonction (de|du|des|d')|si jamais|au cas ou|dans le cas ou|si necessaire|pourvu qu|a condition (que|qu'|de|d')|sous condition|le cas echeant|si besoin|en cas de|si (elle|il|ils|elles|on|c'est|ca) (va|vont|est|sont|a|ont|peut|peuvent|n'|ne|se|reste|guerit|allait|etait)|s'il (n'|ne|y|fait|pleut|neige|va|est)|s'ils (n'|ne|vont|sont)|si (la|le|les|sa|son|ses|mon|ma|mes) \S+ (le |la |les |l')?(confirme|permet|accepte|est|va|n'|ne)|if|unless|depending|provided)\b"#)
    private static let routineCue = Pattern(#"\b(comme d'habitude|comme prevu|normalement|habituellement|comme toujours)\b"#)

    static func read(_ text: String, activityNamed: Bool) -> IntentCues {
        var c = IntentCues()
        // "pas d'absence à signaler", "pas besoin d'annuler": the denied words ask for nothing.
        let denied = deniedIntent.matches(text)
        let folded = denied ? deniedIntent.replacing(in: text, with: " … ") : text
        c.denied = denied
        let refused = negatedReserve.matches(folded)
        let cancel = cancelVerb.matches(folded) || refused
        // "ce n'est pas le 15 mais le 22" corrects a day: the impersonal "ce n'est pas" is no child's absence.
        let presenceText = impersonal.replacing(in: folded, with: " ")
        // "Anouk ne sera pas absente", "n'est pas malade": the contrary of an absence.
        let notAbsent = notAbsentCue.matches(folded) || subjectNotAbsent.matches(folded)
        let onlyNot = notOnly.matches(presenceText) || negatedOpinion.matches(folded)
        let negated = (negatedPresence.matches(presenceText) || spokenNegation.matches(presenceText)
                       || subjectNegation.matches(presenceText) || neitherNorAfter.matches(presenceText)) && !notAbsent && !onlyNot
        c.unreadNegation = onlyNot
            || (!negated && !notAbsent && negativeVerb.matches(restrictedAbsence.replacing(in: presenceText, with: " ")))
        let absence = absenceStrong.matches(folded) && !notAbsent
        var reserve = reserveVerb.matches(folded) && !refused
        if reserve, cancel, !reserveVerb.matches(reserveNoun.replacing(in: folded, with: " ")) { reserve = false }
        var soft = reserveSoft.matches(folded) && !negated && !eatsElsewhere.matches(folded)
        if !soft, negated {
            // "ne mangera pas demain mais mangera jeudi": a later part of the sentence, not negated, with its own day.
            let parts = segmentBreak.replacing(in: folded, with: "\u{1}").split(separator: "\u{1}").map(String.init)
            soft = parts.count > 1 && parts.dropFirst().contains {
                reserveSoft.matches($0) && !negatedPresence.matches($0) && !negativeVerb.matches($0)
                    && !eatsElsewhere.matches($0) && dayWord.matches($0)
            }
        }
        let invoiceTalk = invoicesCue.matches(folded)
        if cancel || (negated && activityNamed) { c.actions.append(.cancellation) }
        // "elle mangera à la maison vendredi": no canteen that day.
        else if !negated, !reserve, eatsElsewhere.matches(folded) { c.actions.append(.cancellation); c.eatsElsewhere = true }
        c.cancellationByNegation = !cancel && negated && activityNamed
        c.illness = illnessCue.matches(folded)
        if absence || (negated && !activityNamed && !invoiceTalk) { c.actions.append(.absence) }
        c.absenceByNegation = !absence && negated && !activityNamed && !invoiceTalk
        // "n'ira pas à la piscine", "ne participera pas à la sortie": a place or event that is neither school nor a
        // service activity — not read as a day away from school; the word is asked about.
        if c.absenceByNegation, let g = placeAway.firstMatch(folded), let place = g[4], !schoolPlaces.contains(place) {
            c.unknownPlace = place
        }
        // "ne prendra pas le bus", "ne fera pas la sortie": something that is neither school nor a service activity
        // left out — not a day away from school; the word is asked about.
        if c.absenceByNegation, c.unknownPlace == nil, let g = takenAway.firstMatch(folded), let thing = g[5],
           !schoolPlaces.contains(thing) {
            c.unknownPlace = thing
        }
        // "Elle ne mangera pas là-bas", "Louise n'y sera pas": the place is in another sentence — asked, not guessed.
        if negated, let g = Pattern(#"\b(la-bas|n'y)\b"#).firstMatch(folded), let w = g[1] { c.unknownPlace = w }
        // "il a la grippe, il reprendra l'école jeudi": ill now and back on a day — away until then.
        if c.illness, !c.actions.contains(.absence), !activityNamed, backCue.matches(folded), !recovered.matches(folded) {
            c.actions.append(.absence)
        }
        c.presence = presenceCue.matches(folded)
        if pastBooking.matches(folded) {
            // "ce que ma femme a inscrit", "j'ai déjà annulé": told, not asked.
            let rest = pastBooking.replacing(in: folded, with: " ")
            if !reserveVerb.matches(rest) { reserve = false; c.actions.removeAll { $0 == .reservation } }
            if !cancelVerb.matches(rest), !negated { c.actions.removeAll { $0 == .cancellation } }
        }
        if stateCue.matches(relativeState.replacing(in: folded, with: " ")) {
            // "Zoé est inscrite au centre la première semaine": what is booked, said as context.
            c.stateBooked = true
            reserve = reserveVerb.matches(stateCue.replacing(in: folded, with: " "))
        }
        if reserve || (soft && !c.stateBooked) { c.actions.append(.reservation) }
        c.softBooking = !reserve && soft && !c.stateBooked
        if c.actions.isEmpty, absenceWeak.matches(folded) { c.weakAbsence = true }
        if questionAbout.matches(folded) { c.actions = []; c.weakAbsence = false; c.question = true }
        if politeQuestion.matches(folded), !c.actions.isEmpty { c.askedAsQuestion = true }
        // "payer ma facture en ligne" is paying (a PayFiP link), not receiving invoices online.
        let paysOnline = payOnline.matches(folded) && !einvoiceChoice.matches(folded)
        if !paysOnline, einvoiceCue.matches(folded) || Pattern(#"^factures? en ligne\s*:"#).matches(folded) {
            c.einvoice = einvoiceWish(folded)
            // "passer aux factures en ligne et payer ma dernière facture": two requests, both read.
            if Pattern(#"\b(payer|regler)\b.{0,30}\bfactur"#).matches(folded) { c.invoices = true }
        } else if (invoiceTalk && Pattern(#"\bfactur|impaye|payfip"#).matches(folded)) || paysOnline || amountOwed.matches(folded) {
            c.invoices = true
        }
        if summaryCue.matches(folded) { c.summary = true }
        if contactCue.matches(folded) { c.contact = true }
        if activationCue.matches(folded) { c.activation = true }
        if helpCue.matches(folded) {
            c.help = true
            // "Comment fait-on pour réserver la cantine ?": asks how, books nothing.
            if howTo.matches(folded) { c.actions = []; c.weakAbsence = false }
        }
        if hedgeCue.matches(folded) { c.hedged = true }
        if conditionCue.matches(folded) { c.condition = true }
        if routineCue.matches(folded) { c.routine = true }
        // Paying or receiving invoices is not a canteen booking even though "cantine" is named.
        if c.invoices || c.einvoice != nil || c.summary { c.actions.removeAll { $0 == .reservation && !reserve } }
        // "un récapitulatif de mes réservations", "quelles sont ses inscriptions ?": bookings named, none asked.
        if c.summary, !reserveVerb.matches(reserveNoun.replacing(in: folded, with: " ")) { c.actions.removeAll { $0 == .reservation } }
        return c
    }

    /// Yes to online invoices unless the parent asks for paper or says no.
    static func einvoiceWish(_ folded: String) -> Bool? {
        // "je ne veux plus de factures papier", "passer à la facture en ligne": yes to online invoices.
        if Pattern(#"\b(plus|pas) de (factures? )?papier\b|\b(passer|passe|passons) (a|aux|a la) factur\w* (en ligne|dematerialis\w*|electroniques?)"#).matches(folded) {
            return true
        }
        if let m = Pattern(#"factures? en ligne\s*:\s*(oui|non|yes|no)\b"#).firstMatch(folded), let v = m[1] {
            return v == "oui" || v == "yes"
        }
        // "les factures papier", "par courrier": paper named without "plus de" is the wish for paper.
        if Pattern(#"\bfactur\w* (papier|par courrier|par la poste)\b"#).matches(folded), !Pattern(#"\ben ligne\b|\bdematerialis|\belectroniques?\b"#).matches(folded) {
            return false
        }
        if Pattern(#"\b(ne|n')\s*(\w+\s+){0,3}?(plus|pas)\b.{0,40}\ben ligne\b|\b(revenir|retour|repasser|prefere|preferons|souhaite|voudrais|veux)\b.{0,30}\b(papier|courrier|la poste)\b|\b(arreter|stopper|resilier|annuler|desactiver)\b.{0,40}\b(en ligne|dematerialis|electronique)"#).matches(folded) {
            return false
        }
        return true
    }
}
