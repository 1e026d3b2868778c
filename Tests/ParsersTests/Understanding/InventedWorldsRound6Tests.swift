import XCTest
@testable import Parsers

/// Sixth round: parents' mails in another invented town (World6: school year 2030–2031) on days in October, February
/// and June — SMS, long polite mails, two children in one mail, holiday-centre weeks, questions, past reports, doubts,
/// English — with the rows once read certain and wrong: a list naming the same weekday again ("demain et vendredi"
/// on a Thursday), today's weekday for a child ill now or said with "ce", a doubt said in the next sentence, a meal
/// already eaten, a bus not taken, a weekday in brackets that is not the day before it.
final class InventedWorldsRound6Tests: XCTestCase {
    private typealias W = World6
    private let A = W.ambre, G = W.fabre, R = W.riviere, T = W.jumeaux
    private let oct = W.thursdayOctober, feb = W.thursdayFebruary, jun = W.tuesdayJune

    /// A. What a town employee would apply at once.
    func testPlainRequests() {
        let t = ReadingTable()
        t.add("Maël sera absent demain, il a de la fièvre.", R, oct, .certain(.absence, ["Maël"], W.days("2030-10-11")))
        t.add("Bonjour, Noé ne mangera pas à la cantine lundi prochain. Merci", R, oct,
              .certain(.cancellation, ["Noé"], W.days("2030-10-14"), cantine))
        t.add("Marie-Lou et Noé seront absents du lundi au mercredi inclus la semaine prochaine.", R, oct,
              .certain(.absence, ["Marie-Lou", "Noé"], W.days("2030-10-14", "2030-10-15", "2030-10-16")))
        t.add("Pouvez-vous inscrire Prune et Côme au centre de loisirs la première semaine des vacances de la Toussaint, en journée avec repas ?",
              T, oct, .certain(.reservation, ["Côme", "Prune"], W.weekdays("2030-10-21", "2030-10-25"), vacances, journee))
        t.add("Gabin mangera à la cantine tous les mardis jusqu'aux vacances.", G, oct,
              .certain(.reservation, ["Gabin"], W.days("2030-10-15"), cantine))
        t.add("noé malade auj. pas d'ecole", R, feb, .certain(.absence, ["Noé"], W.days("2031-02-06")))
        t.add("Prune absente dem", T, jun, .certain(.absence, ["Prune"], W.days("2031-06-25")))
        t.add("Maël ne mangera pas à la cantine mardi et Noé sera absent jeudi.", R, feb,
              .certain(.cancellation, ["Maël"], W.days("2031-02-11"), cantine), .certain(.absence, ["Noé"], W.days("2031-02-13")))
        t.add("Les jumeaux ne mangeront pas à la cantine vendredi, sortie scolaire avec pique-nique.", T, oct,
              .certain(.cancellation, ["Côme", "Prune"], W.days("2030-10-11"), cantine))
        t.add("Gabin ne viendra pas à la garderie du soir cette semaine.", G, jun,
              .certain(.cancellation, ["Gabin"], W.days("2031-06-24", "2031-06-25", "2031-06-26", "2031-06-27"), soir))
        t.add("Marie-Lou sera absente la semaine prochaine, Maël aussi.", R, feb,
              .certain(.absence, ["Marie-Lou", "Maël"], W.weekdays("2031-02-10", "2031-02-14")))
        t.add("Côme ne mangera pas à la cantine jeudi. Prune si.", T, feb,
              .certain(.cancellation, ["Côme"], W.days("2031-02-13"), cantine))
        t.add("Pouvez-vous inscrire les 3 enfants à la cantine jeudi 3 juillet, repas de fin d'année ?", R, jun,
              .certain(.reservation, ["Marie-Lou", "Maël", "Noé"], W.days("2031-07-03"), cantine))
        t.add("Bonjour,\nLina a été absente lundi et mardi (varicelle), elle sera encore absente mercredi et jeudi.\nCordialement", G, jun,
              .certain(.absence, ["Lina"], W.days("2031-06-23", "2031-06-24", "2031-06-25", "2031-06-26")))
        t.add("Prune et Côme seront absents à partir du 3 jusqu'au 7 mars inclus, nous partons à la montagne.", T, feb,
              .certain(.absence, ["Côme", "Prune"], W.weekdays("2031-03-03", "2031-03-07")))
        t.add("Lina n'ira pas à la cantine demain ni après-demain.", G, jun,
              .certain(.cancellation, ["Lina"], W.days("2031-06-25", "2031-06-26"), cantine))
        t.add("Bonjour, Ambre sera absente mardi prochain pour un rendez-vous chez l'orthodontiste.", A, feb,
              .certain(.absence, ["Ambre"], W.days("2031-02-11")))
        t.add("Prune sera absente lundi et Côme mardi.", T, feb,
              .certain(.absence, ["Prune"], W.days("2031-02-10")), .certain(.absence, ["Côme"], W.days("2031-02-11")))
        t.add("Gabin sera absent le 12 et le 13, Lina uniquement le 13.", G, feb,
              .certain(.absence, ["Gabin"], W.days("2031-02-12", "2031-02-13")), .certain(.absence, ["Lina"], W.days("2031-02-13")))
        t.add("Annulation cantine Ambre le 27 juin", A, jun, .certain(.cancellation, ["Ambre"], W.days("2031-06-27"), cantine))
        t.add("Ambre ne mangera pas à la cantine le 30 juin ni le 1er juillet.", A, jun,
              .certain(.cancellation, ["Ambre"], W.days("2031-06-30", "2031-07-01"), cantine))
        t.add("Suite à notre échange de mardi, je vous confirme que Côme sera absent vendredi.", T, feb,
              .certain(.absence, ["Côme"], W.days("2031-02-07")))
        t.add("Noé a été absent vendredi dernier, j'ai oublié de vous prévenir.", R, jun, .certain(.absence, ["Noé"], W.days("2031-06-20")))
        t.add("Ambre était absente hier, elle avait une gastro.", A, jun, .certain(.absence, ["Ambre"], W.days("2031-06-23")))
        t.add("Gabin mangera à la cantine lundi prochain au lieu de mardi.", G, feb,
              .certain(.reservation, ["Gabin"], W.days("2031-02-10"), cantine), .certain(.cancellation, ["Gabin"], W.days("2031-02-11"), cantine))
        t.add("Annulez la cantine de Lina du 10 au 14 février sauf le mercredi.", G, feb,
              .certain(.cancellation, ["Lina"], W.days("2031-02-10", "2031-02-11", "2031-02-13", "2031-02-14"), cantine))
        t.add("Prune ne sera pas au centre de loisirs le 22 octobre, elle est invitée chez sa grand-mère.", T, oct,
              .certain(.cancellation, ["Prune"], W.days("2030-10-22"), vacances))
        t.add("Les enfants seront absents vendredi.", R, oct, .certain(.absence, ["Marie-Lou", "Maël", "Noé"], W.days("2030-10-11")))
        t.add("Bonjour,\nAmbre mangera à la cantine le lundi 30 juin et le mardi 1er juillet.\nBonne journée", A, jun,
              .certain(.reservation, ["Ambre"], W.days("2031-06-30", "2031-07-01"), cantine))
        t.add("Pouvez-vous annuler la cantine de Gabin pour la semaine du 10 février ? Nous serons en vacances en avance.", G, feb,
              .certain(.cancellation, ["Gabin"], W.weekdays("2031-02-10", "2031-02-14"), cantine))
        t.add("Noé sera absent tous les lundis jusqu'aux vacances pour sa rééducation.", R, feb, .certain(.absence, ["Noé"], W.days("2031-02-10")))
        t.add("Lina ne mangera pas à la cantine jeudi, Gabin non plus.", G, oct,
              .certain(.cancellation, ["Gabin", "Lina"], W.days("2030-10-17"), cantine))
        t.add("Hi, could you book Gabin into the after-school club (garderie du soir) on Monday and Tuesday next week? Best, Tom", G, jun,
              .certain(.reservation, ["Gabin"], W.days("2031-06-30", "2031-07-01"), soir))
        t.add("Prune was absent yesterday, she had a cold.", T, jun, .certain(.absence, ["Prune"], W.days("2031-06-23")))
        // A name that folds to an English word ("Côme", "come") is not read from the verb.
        t.add("Prune will not come to the canteen on Friday, she has a dentist appointment.", T, oct,
              .certain(.cancellation, ["Prune"], W.days("2030-10-11"), cantine))
        t.add("Prune won't come to school tomorrow, she is sick.", T, feb, .certain(.absence, ["Prune"], W.days("2031-02-07")))
        t.add("Comme convenu, Prune sera absente vendredi.", T, feb, .certain(.absence, ["Prune"], W.days("2031-02-07")))
        t.add("Gabin sera absent demain et Lina après-demain.", G, jun,
              .certain(.absence, ["Gabin"], W.days("2031-06-25")), .certain(.absence, ["Lina"], W.days("2031-06-26")))
        t.add("Gabin n'ira pas au centre mercredi prochain.", G, feb, .certain(.cancellation, ["Gabin"], W.days("2031-02-12"), mercredi))
        t.add("Maël sera absent le 14 et le 15 octobre, ainsi que Noé le 15.", R, oct,
              .certain(.absence, ["Maël"], W.days("2030-10-14", "2030-10-15")), .certain(.absence, ["Noé"], W.days("2030-10-15")))
        t.add("Maël est absent aujourd'hui et demain, il a la grippe. Noé va bien et ira à l'école.", R, jun,
              .certain(.absence, ["Maël"], W.days("2031-06-24", "2031-06-25")))
        t.add("Côme sera absent du 3 au 7, Prune aussi.", T, feb, .certain(.absence, ["Côme", "Prune"], W.weekdays("2031-03-03", "2031-03-07")))
        t.add("Merci d'inscrire Ambre à la cantine tous les jeudis du mois de mars.", A, feb,
              .certain(.reservation, ["Ambre"], W.days("2031-03-06", "2031-03-13", "2031-03-20", "2031-03-27"), cantine))
        t.add("Marie-Lou sera absente mardi 24 et mercredi 25 juin.", R, jun,
              .certain(.absence, ["Marie-Lou"], W.days("2031-06-24", "2031-06-25")))
        t.add("Bonjour, Lina ne mangera pas à la cantine la semaine prochaine sauf jeudi. Par contre elle ira à la garderie du soir lundi.", G, feb,
              .certain(.cancellation, ["Lina"], W.days("2031-02-10", "2031-02-11", "2031-02-12", "2031-02-14"), cantine),
              .certain(.reservation, ["Lina"], W.days("2031-02-10"), soir))
        // A doubt about another child leaves the one said firmly.
        t.add("Côme sera absent vendredi. Je ne suis pas sûre pour Prune.", T, oct, .certain(.absence, ["Côme"], W.days("2030-10-11")))
        // News promised later is no doubt on the request.
        t.add("Noé sera absent demain. Je vous tiendrai au courant pour la suite.", R, oct, .certain(.absence, ["Noé"], W.days("2030-10-11")))
        t.add("Noé sera absent demain. Je vous tiens au courant pour la suite.", R, oct, .certain(.absence, ["Noé"], W.days("2030-10-11")))
        // A weekday in brackets that is the day before it: one day.
        t.add("Ambre sera absente demain (vendredi).", A, oct, .certain(.absence, ["Ambre"], W.days("2030-10-11")))
        runTable(t)
    }

    /// B. Once read certain and wrong: the same weekday named again, today's weekday, a doubt said after, a meal
    /// already eaten, something that is no service, a weekday in brackets that is another day. Each is asked now.
    func testOnceWrongNowAsked() {
        let t = ReadingTable()
        // "demain et vendredi" on a Thursday: tomorrow said twice, or next week's Friday?
        t.add("Gabin sera absent demain et vendredi.", G, oct, .unsure(.absence, ["Gabin"]))
        t.add("Hello, Ambre will be off sick tomorrow and Friday. Thanks, Emma", A, feb, .unsure(.absence, ["Ambre"]))
        t.add("Annulez la cantine de Maël aujourd'hui et jeudi svp.", R, feb, .unsure(.cancellation, ["Maël"]))
        t.add("Ambre sera absente demain, vendredi.", A, oct, .unsure(.absence, ["Ambre"]))
        // Today's weekday for a child ill now: today, or next week?
        t.add("Bonjour Madame,\n\nJe me permets de vous écrire car Marie-Lou a une angine et le médecin lui a prescrit trois jours de repos. Elle sera donc absente jeudi, vendredi et lundi.\n\nVous trouverez le certificat en pièce jointe.\n\nBien cordialement,\nSophie Rivière\n06 11 22 33 44\n\nLe mer. 5 févr. 2031 à 18:02, Espace Famille a écrit :\n> Bonjour, votre demande a bien été prise en compte.",
              R, feb, .unsure(.absence, ["Marie-Lou"]))
        t.add("Marie-Lou a une angine. Elle sera absente jeudi, vendredi et lundi.", R, feb, .unsure(.absence, ["Marie-Lou"]))
        t.add("Lina est malade, elle sera absente jeudi et vendredi.", G, feb, .unsure(.absence, ["Lina"]))
        t.add("Noé est souffrant, il ne viendra pas jeudi.", R, oct, .unsure(.absence, ["Noé"]))
        // "ce jeudi" written on a Thursday.
        t.add("Ambre sera absente ce jeudi.", A, oct, .unsure(.absence, ["Ambre"]))
        // A doubt said in the next sentence, or after a correction.
        t.add("Côme sera absent demain. Enfin je crois, j'attends l'avis du médecin.", T, jun, .unsure(.absence, ["Côme"], W.days("2031-06-25")))
        t.add("Gabin sera absent demain. A priori.", G, oct, .unsure(.absence, ["Gabin"], W.days("2030-10-11")))
        t.add("Lina sera absente lundi. Pas encore sûr, je vous redis.", G, feb, .unsure(.absence, ["Lina"], W.days("2031-02-10")))
        t.nothingApplied("Ambre sera absente lundi, mardi... enfin toute la semaine prochaine je pense.", A, feb)
        // A meal eaten, a registration that was not there: told, not asked.
        t.nothingApplied("Lina a mangé à la cantine lundi alors qu'elle n'était pas inscrite, désolée.", G, jun)
        // A bus not taken is no day away from school.
        t.nothingApplied("Pour info Gabin ne prendra pas le bus demain.", G, oct)
        // A weekday in brackets that is not the day before it.
        t.nothingApplied("Ambre sera absente demain (lundi).", A, oct)
        runTable(t)
    }

    /// C. Questions, hesitations, conditions and mixed requests: asked, never applied.
    func testAskedNotApplied() {
        let t = ReadingTable()
        t.nothingApplied("Est-ce que la cantine est ouverte le 11 novembre ?", A, oct)
        t.nothingApplied("Is the canteen open on 14 July?", A, jun)
        t.nothingApplied("Si elle va mieux, Ambre ira à l'école lundi, sinon je vous préviens.", A, feb)
        t.nothingApplied("Je pense que Gabin sera absent vendredi, je vous confirme demain.", G, oct)
        t.nothingApplied("Lina sera peut-être absente vendredi.", G, feb)
        t.nothingApplied("Ambre sera absente jeudi si elle a encore de la fièvre.", A, feb)
        t.nothingApplied("Peut-être que Maël ira au centre le mercredi 16, je vous redis.", R, oct)
        t.nothingApplied("Est-ce que Gabin peut manger à la cantine le 3 juillet ?", G, jun)
        t.nothingApplied("Je voulais savoir si Noé était bien inscrit au centre de loisirs pendant les vacances.", R, oct)
        t.nothingApplied("Pourriez-vous me dire si la garderie du matin ouvre à 7h30 la semaine prochaine ?", G, feb)
        t.nothingApplied("Pouvez-vous me confirmer que Prune est bien inscrite à la cantine lundi ?", T, oct)
        t.nothingApplied("Bonjour, je ne sais pas encore si Noé ira au centre pendant les vacances, je vous tiens au courant.", R, oct)
        t.nothingApplied("Côme devait aller au centre mercredi mais il ira chez sa nounou.", T, feb)
        t.nothingApplied("Gabin sera absent demain, sous réserve de l'avis du pédiatre.", G, oct)
        t.nothingApplied("Gabin sera absent demain, normalement.", G, oct)
        t.nothingApplied("Gabin sera probablement absent demain.", G, oct)
        t.nothingApplied("Gabin risque d'être absent demain.", G, oct)
        t.nothingApplied("Il est possible que Lina soit absente lundi.", G, feb)
        t.nothingApplied("Lina sera absente lundi, enfin c'est pas encore sûr.", G, feb)
        // Two slots in one sentence, a period with no end, a habit with no period, a wrong weekday.
        t.nothingApplied("Inscription centre de loisirs pour Ambre : lundi 21 et mardi 22 octobre le matin avec repas, mercredi 23 l'après-midi sans repas.", A, oct)
        t.nothingApplied("À partir du 14, Lina ira à la garderie du soir les lundis et jeudis.", G, oct)
        t.nothingApplied("Merci de désinscrire Ambre de la garderie du soir tous les vendredis à partir de la rentrée des vacances d'hiver.", A, feb)
        t.nothingApplied("Inscrire Marie-Lou au centre de loisirs les mercredis 15 et 22 octobre.", R, oct)
        t.nothingApplied("Marie-Lou sera absente demain, vendredi 12 octobre.", R, oct)
        t.nothingApplied("Marie-Lou sera absente le vendredi 13.", R, jun)
        t.nothingApplied("Noé sera absent lundi 16 octobre.", R, oct)
        // A correction, a child said apart, one child's exception, part of a day.
        t.nothingApplied("Ambre sera absente du 25 au 27 juin car elle part en classe verte... ah non pardon, ce n'est que le 26 et le 27.", A, jun)
        t.nothingApplied("Maël ira à la cantine lundi et jeudi la semaine prochaine, mais pas Noé.", R, feb)
        t.add("Marie-Lou sera absente jeudi et vendredi. Maël aussi, mais seulement vendredi.", R, oct,
              .certain(.absence, ["Marie-Lou"], W.days("2030-10-17", "2030-10-18")), .unsure(.unknown, ["Maël"]))
        t.nothingApplied("Bonjour, Maël sera absent après-demain matin pour une prise de sang.", R, feb)
        t.nothingApplied("Lina sera absente demain matin seulement, elle reviendra pour la cantine.", G, oct)
        t.nothingApplied("Noé reprendra l'école lundi, il est absent depuis mardi.", R, oct)
        t.nothingApplied("Merci d'annuler toutes les réservations de cantine de Lina jusqu'aux vacances, elle a une allergie en cours de diagnostic.", G, feb)
        t.nothingApplied("Elle sera absente demain.", G, oct)
        t.nothingApplied("Hello, the twins won't be at the holiday club on Monday 24 February, we're visiting family. Kind regards", T, feb)
        t.nothingApplied("Je souhaite inscrire Ambre à la cantine à partir du 3 mars tous les jours.", A, feb)
        runTable(t)
    }

    /// D. More shapes: a child said "aussi" with something of its own, "dans quinze jours", an event's day after
    /// "suite à", a weekday said apart from "demain" on the same day; and what still reads.
    func testMoreShapes() {
        let t = ReadingTable()
        // Once applied with Prune's slot for Côme.
        t.add("Prune ira au centre de loisirs mercredi prochain le matin sans repas. Côme aussi mais la journée.", T, feb,
              .certain(.reservation, ["Prune"], W.days("2031-02-12"), mercredi, matinSans), .unsure(.reservation, ["Côme"]))
        // Once read as the 21st (a holiday Friday): "dans 15 jours", "dans huit jours" say a week, not a day.
        t.nothingApplied("Prune sera absente dans 15 jours.", T, feb)
        t.nothingApplied("Prune sera absente dans quinze jours.", T, feb)
        t.nothingApplied("Prune sera absente dans huit jours.", T, oct)
        t.add("Prune sera absente dans trois jours.", T, jun, .certain(.absence, ["Prune"], W.days("2031-06-27")))
        // Once applied to next Thursday: which Thursday the strike is is not said.
        t.nothingApplied("Bonjour, suite à la grève de jeudi, Noé ne mangera pas à la cantine.", R, oct)
        // A weekday said apart from "demain" that falls on it.
        t.nothingApplied("Annulez la cantine de Prune demain, et aussi vendredi.", T, oct)
        // Still read.
        t.nothingApplied("Ma fille sera absente demain.", G, oct)
        t.nothingApplied("Mon fils ne mangera pas à la cantine lundi.", R, oct)
        t.nothingApplied("Les deux seront absents lundi sauf Prune.", T, feb)
        t.nothingApplied("Les enfants ne mangeront pas à la cantine demain, sauf Maël.", R, oct)
        t.nothingApplied("Maël sera absent jusqu'à mercredi.", R, oct)
        t.nothingApplied("Ambre sera absente vendredi prochain.", A, oct)
        t.nothingApplied("Ambre sera absente mercredi prochain.", A, jun)
        t.nothingApplied("Je vous informe que Côme ne mangera plus à la cantine à partir de lundi.", T, feb)
        t.nothingApplied("Maël ne viendra pas mercredi au centre, ni jeudi à la cantine.", R, feb)
        t.add("Ambre ira au centre de loisirs toute la première semaine des vacances d'hiver, sauf le mercredi, le matin avec repas.", A, feb,
              .certain(.reservation, ["Ambre"], W.days("2031-02-17", "2031-02-18", "2031-02-20", "2031-02-21"), vacances, matinAvec))
        t.add("Gabin sera absent hier et aujourd'hui.", G, jun, .certain(.absence, ["Gabin"], W.days("2031-06-23", "2031-06-24")))
        t.add("Côme sera absent le vendredi 18 octobre et Prune le lundi 21.", T, oct,
              .certain(.absence, ["Côme"], W.days("2030-10-18")), .certain(.absence, ["Prune"], W.days("2030-10-21")))
        t.add("Merci de noter l'absence de Gabin du 14/10 au 16/10.", G, oct,
              .certain(.absence, ["Gabin"], W.days("2030-10-14", "2030-10-15", "2030-10-16")))
        t.add("Marie-Lou n'ira pas à la garderie ce soir ni demain soir.", R, oct,
              .certain(.cancellation, ["Marie-Lou"], W.days("2030-10-10", "2030-10-11"), soir))
        t.add("Noé ne sera pas là demain ni lundi, il a une otite.", R, oct, .certain(.absence, ["Noé"], W.days("2030-10-11", "2030-10-14")))
        t.add("Ambre sera absente aujourd'hui.", A, feb, .certain(.absence, ["Ambre"], W.days("2031-02-06")))
        t.add("Gabin sera absent jeudi 13 et vendredi 14 février. Lina sera présente.", G, feb,
              .certain(.absence, ["Gabin"], W.days("2031-02-13", "2031-02-14")))
        t.add("Lina mangera à la cantine lundi 10. Merci de l'inscrire aussi à la garderie du soir ce jour-là.", G, feb,
              .certain(.reservation, ["Lina"], W.days("2031-02-10"), cantine), .certain(.reservation, ["Lina"], W.days("2031-02-10"), soir))
        t.add("Mardi Maël sera absent. Mercredi aussi.", R, feb, .certain(.absence, ["Maël"], W.days("2031-02-11", "2031-02-12")))
        t.add("Côme a de la fièvre depuis hier soir, il restera à la maison aujourd'hui et demain.", T, oct,
              .certain(.absence, ["Côme"], W.days("2030-10-10", "2030-10-11")))
        t.add("Merci d'annuler la cantine de jeudi pour Prune.", T, feb, .certain(.cancellation, ["Prune"], W.days("2031-02-13"), cantine))
        t.add("Prune sera absente le jeudi 13 février, c'est un jeudi.", T, feb, .certain(.absence, ["Prune"], W.days("2031-02-13")))
        t.add("Lina sera absente lundi, comme son frère.", G, feb, .unsure(.absence, ["Gabin", "Lina"]))
        t.add("Gabin ne va pas à l'école demain, il est malade, et sa soeur non plus.", G, oct, .unsure(.absence, ["Gabin", "Lina"]))
        runTable(t)
    }

    /// E. A child ill now and a span of bare weekdays that holds today; a day back after days told in the past; and
    /// more mails that read as written (signatures, English, the holiday centre).
    func testIllNowSpansAndDaysBack() {
        let t = ReadingTable()
        // Once applied to next week: this week's Monday to Wednesday holds today.
        t.nothingApplied("Côme sera absent de lundi à mercredi, il a la varicelle.", T, jun)
        t.nothingApplied("Côme a la varicelle, il sera absent de mardi à jeudi.", T, jun)
        // Not ill now, or the span is still to come: read.
        t.add("Côme sera absent de lundi à mercredi.", T, jun, .certain(.absence, ["Côme"], W.days("2031-06-30", "2031-07-01", "2031-07-02")))
        t.add("Côme a la varicelle, il sera absent de jeudi à lundi.", T, jun,
              .certain(.absence, ["Côme"], W.span("2031-06-26", "2031-06-30")))
        t.add("Lina est malade, elle sera absente lundi.", G, jun, .certain(.absence, ["Lina"], W.days("2031-06-30")))
        // Once applied to Monday and Tuesday only: the days up to Friday's return were dropped.
        t.nothingApplied("Lina a été malade lundi et mardi et reviendra vendredi.", G, jun)
        t.add("Bonjour,\n\nMaël sera absent demain.\n\nCordialement,\nJulie Rivière\nDisponible du lundi au vendredi de 9h à 17h", R, oct,
              .certain(.absence, ["Maël"], W.days("2030-10-11")))
        t.add("Please cancel the canteen for both children on Monday 10 February.", G, feb,
              .certain(.cancellation, ["Gabin", "Lina"], W.days("2031-02-10"), cantine))
        t.add("My daughter Lina will be absent tomorrow.", G, feb, .certain(.absence, ["Lina"], W.days("2031-02-07")))
        t.add("Both kids are sick today.", G, feb, .certain(.absence, ["Gabin", "Lina"], W.days("2031-02-06")))
        t.add("Gabin is off school from Monday to Wednesday next week (family trip).", G, jun,
              .certain(.absence, ["Gabin"], W.days("2031-06-30", "2031-07-01", "2031-07-02")))
        t.add("Ambre sera absente la semaine de la rentrée.", A, feb, .certain(.absence, ["Ambre"], W.weekdays("2031-03-03", "2031-03-07")))
        t.nothingApplied("Ambre sera absente la veille des vacances.", A, feb)
        t.nothingApplied("Ambre sera absente le jour de la rentrée.", A, feb)
        t.add("Bonjour, Prune et Côme ne mangeront pas à la cantine le 14 février, c'est l'anniversaire de leur mamie.", T, feb,
              .certain(.cancellation, ["Côme", "Prune"], W.days("2031-02-14"), cantine))
        t.nothingApplied("Gabin ira au centre de loisirs les 17, 18 et 19 février, journée avec repas, et Lina le 18 seulement, le matin sans repas.", G, feb)
        t.nothingApplied("Pas de garderie pour Lina jeudi.", G, feb)
        t.nothingApplied("Prune sera absente 2 jours à partir de lundi.", T, feb)
        t.nothingApplied("Côme sera absent lundi toute la journée et mardi matin.", T, feb)
        t.add("Maël ne mangera pas à la cantine demain car il y a une sortie au musée, il aura un pique-nique.", R, oct,
              .certain(.cancellation, ["Maël"], W.days("2030-10-11"), cantine))
        t.add("Marie-Lou ne va pas bien, je préfère la garder à la maison demain.", R, oct, .certain(.absence, ["Marie-Lou"], W.days("2030-10-11")))
        t.add("Noé sera absent vendredi 11 et lundi 14.", R, oct, .certain(.absence, ["Noé"], W.days("2030-10-11", "2030-10-14")))
        t.add("Prune sera absente toute la journée de lundi.", T, feb, .certain(.absence, ["Prune"], W.days("2031-02-10")))
        runTable(t)
    }

    /// F. "depuis" with a bare weekday is the last such day; English contractions and "this Thursday".
    func testSinceAndEnglishContractions() {
        let t = ReadingTable()
        // Once read as next Monday, the day back: "he'll be back" was glued to its pronoun and left unread.
        t.nothingApplied("Côme has been sick since Monday, he'll be back next Monday.", T, jun)
        // "this Thursday" written on a Thursday, as "ce jeudi".
        t.nothingApplied("Ambre will miss school this Thursday.", A, oct)
        t.add("Ambre will miss school this Friday.", A, oct, .certain(.absence, ["Ambre"], W.days("2030-10-11")))
        t.add("Hi, Noé will be absent Thursday and Friday.", R, oct, .certain(.absence, ["Noé"], W.days("2030-10-17", "2030-10-18")))
        t.add("Noé won't have lunch at school on Monday and Tuesday.", R, feb,
              .certain(.cancellation, ["Noé"], W.days("2031-02-10", "2031-02-11"), cantine))
        t.nothingApplied("Prune might be absent tomorrow, I'll let you know.", T, feb)
        t.nothingApplied("Gabin is sick, he won't come in today or tomorrow.", G, feb)
        // "depuis mardi": the Tuesday past, never the coming one (asked until when).
        t.nothingApplied("Côme est malade depuis lundi, il reviendra jeudi.", T, jun)
        t.add("Marie-Lou sera absente demain et après-demain, Maël seulement demain.", R, jun,
              .certain(.absence, ["Marie-Lou"], W.days("2031-06-25", "2031-06-26")), .certain(.absence, ["Maël"], W.days("2031-06-25")))
        t.add("Gabin : pas de cantine vendredi ni lundi, merci", G, oct,
              .certain(.cancellation, ["Gabin"], W.days("2030-10-11", "2030-10-14"), cantine))
        t.add("Gabin était inscrit à la cantine vendredi mais il ne viendra pas.", G, oct,
              .certain(.cancellation, ["Gabin"], W.days("2030-10-11"), cantine))
        t.add("Pouvez-vous inscrire Lina à la garderie après l'école lundi ?", G, feb,
              .certain(.reservation, ["Lina"], W.days("2031-02-10"), soir))
        t.nothingApplied("Je vous confirme que Noé ne sera pas absent demain.", R, oct)
        t.nothingApplied("Noé sera absent demain. Ah non c'est Maël.", R, oct)
        // A doubt said after about a child of the request hedges it; about another child, it does not.
        t.nothingApplied("Lina et Gabin seront absents lundi. Enfin, Gabin viendra peut-être.", G, feb)
        t.nothingApplied("Côme sera absent demain, Prune peut-être aussi.", T, oct)
        t.nothingApplied("Maël sera absent demain voire après-demain.", R, jun)
        t.add("Lina ne mangera pas à la cantine lundi. Gabin mangera.", G, feb,
              .certain(.cancellation, ["Lina"], W.days("2031-02-10"), cantine), .certain(.reservation, ["Gabin"], W.days("2031-02-10"), cantine))
        // "mail" is a word of every mail, not a misspelt "Maël".
        t.add("Bonjour,\n\nSuite à votre mail, je vous confirme que Noé sera absent le 14 octobre.\n\nBonne journée", R, oct,
              .certain(.absence, ["Noé"], W.days("2030-10-14")))
        t.add("Comme indiqué dans mon mail précédent, Maël ne mangera pas à la cantine vendredi.", R, oct,
              .certain(.cancellation, ["Maël"], W.days("2030-10-11"), cantine))
        // Once applied as a whole day: only a part of today is said.
        t.nothingApplied("Maël sera absent cet après-midi.", R, feb)
        t.nothingApplied("Ambre will be absent this afternoon.", A, jun)
        t.add("Prune a eu de la fièvre cette nuit, elle restera à la maison aujourd'hui.", T, feb,
              .certain(.absence, ["Prune"], W.days("2031-02-06")))
        runTable(t)
    }

    /// "depuis mardi" names the Tuesday before the mail.
    func testSinceAWeekdayIsPast() {
        let got = RequestReader.read(ReadingInput(subject: "", text: "Noé reprendra l'école lundi, il est absent depuis mardi.",
                                                  sentAt: ParisTime(date: oct, hour: 9, minute: 30)),
                                     family: R, today: oct)
        XCTAssertTrue(got.allSatisfy { $0.confidence == .unsure }, "\(got)")
        XCTAssertTrue(got.allSatisfy { $0.dates.allSatisfy { $0 < W.d("2030-10-14") } }, "\(got.map(\.dates))")
    }
}
