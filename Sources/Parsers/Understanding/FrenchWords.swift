/// French calendar and number words, folded (no accents, lower case).
enum FrenchWords {
    static let weekdays: [String: Int] = [
        "lundi": 1, "mardi": 2, "mercredi": 3, "jeudi": 4, "vendredi": 5, "samedi": 6, "dimanche": 7,
    ]
    static let weekdaysPlural: [String: Int] = [
        "lundis": 1, "mardis": 2, "mercredis": 3, "jeudis": 4, "vendredis": 5, "samedis": 6, "dimanches": 7,
    ]
    static let weekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    static let months: [String: Int] = [
        "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "mar": 3, "avril": 4, "avr": 4,
        "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9, "sep": 9,
        "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
    ]
    static let monthNames = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
                             "octobre", "novembre", "décembre"]

    static let numbers: [String: Int] = [
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    ]

    /// Day numbers written out, as in dictated mail ("le seize septembre", "vingt-deux"); "un"/"une" are articles.
    static let dayWords: [String: Int] = {
        var m: [String: Int] = ["premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
                                "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
                                "quinze": 15, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19, "vingt": 20,
                                "trente": 30]
        let units = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"]
        for u in 2...9 { m["vingt-" + units[u]] = 20 + u }
        m["vingt-et-un"] = 21; m["trente-et-un"] = 31
        return m
    }()

    /// Counts in words for "dans trois semaines", "les deux dernières semaines".
    static let counts: [String: Int] = [
        "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
        "dix": 10, "quinze": 15,
    ]

    static let ordinals: [String: Int] = [
        "premier": 1, "premiere": 1, "1re": 1, "1ere": 1, "1er": 1, "deuxieme": 2, "2e": 2, "2eme": 2, "seconde": 2, "second": 2,
        "troisieme": 3, "3e": 3, "3eme": 3, "quatrieme": 4, "4e": 4, "4eme": 4, "derniere": -1, "dernier": -1,
    ]

    /// "mercredi 10 mars 2027", the way a reply names a day.
    static func longDate(_ d: CivilDate) -> String {
        "\(weekdayNames[d.weekday - 1]) \(d.day == 1 ? "1er" : String(d.day)) \(monthNames[d.month - 1]) \(d.year)"
    }

    /// "10 mars", short form for ranges.
    static func shortDate(_ d: CivilDate) -> String {
        "\(d.day == 1 ? "1er" : String(d.day)) \(monthNames[d.month - 1])"
    }

    static let frenchWeekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
}
