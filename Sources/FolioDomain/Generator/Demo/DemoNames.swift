/// The demo's people and (made-up) companies, by where they are: names a CSM would meet in
/// each region, in their own scripts where that is the custom, with ASCII e-mail addresses
/// on the reserved `.example` domain.
enum DemoLocale: CaseIterable, Sendable {
    case fr, de, es, pt, it, nordic, cee, en, india, ja, zh, ko, ar, he

    /// How often a made-up company comes from each region (out of 96).
    static let weights: [(DemoLocale, Int)] = [(.en, 40), (.de, 12), (.fr, 10), (.es, 8), (.pt, 7), (.it, 5),
                                                (.nordic, 7), (.cee, 5), (.india, 2)]

    var timezones: [String] {
        switch self {
        case .fr: ["Europe/Paris", "Europe/Brussels"]
        case .de: ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"]
        case .es: ["Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Santiago"]
        case .pt: ["America/Sao_Paulo", "Europe/Lisbon"]
        case .it: ["Europe/Rome"]
        case .nordic: ["Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki"]
        case .cee: ["Europe/Warsaw", "Europe/Prague", "Europe/Budapest"]
        case .en: ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
                   "Europe/London", "Europe/Dublin", "Australia/Sydney", "Asia/Singapore"]
        case .india: ["Asia/Kolkata"]
        case .ja: ["Asia/Tokyo"]
        case .zh: ["Asia/Shanghai"]
        case .ko: ["Asia/Seoul"]
        case .ar: ["Asia/Dubai", "Asia/Riyadh"]
        case .he: ["Asia/Jerusalem"]
        }
    }

    /// Given and family names as written, each with its romanised form for addresses
    /// (the same string where the name is in Latin letters).
    var people: (given: [(String, String)], family: [(String, String)]) {
        func latin(_ names: [String]) -> [(String, String)] { names.map { ($0, $0) } }
        switch self {
        case .fr: return (latin(["Camille", "Louis", "Chloé", "Théo", "Inès", "Mathéo", "Léa", "Hugo", "Manon", "Noé", "Élodie", "Gaëlle"]),
                          latin(["Roux", "Lefèvre", "Moreau", "Girard", "Faure", "Bonnet", "Mercier", "Chevalier", "Rousseau", "Dubois"]))
        case .de: return (latin(["Lukas", "Jana", "Jürgen", "Anja", "Felix", "Katrin", "Maximilian", "Sören", "Lena", "Uwe"]),
                          latin(["Schäfer", "Becker", "Hoffmann", "Wagner", "Krüger", "Zimmermann", "Weiß", "Schröder", "Neumann", "Köhler"]))
        case .es: return (latin(["Javier", "Lucía", "Álvaro", "María José", "Carmen", "Íñigo", "Pilar", "Sergio", "Ximena"]),
                          latin(["García", "Martínez", "López", "Sánchez", "Gómez", "Ruiz", "Muñoz", "Peña", "Iglesias"]))
        case .pt: return (latin(["João", "Ana Luísa", "Thiago", "Beatriz", "Gonçalo", "Inês", "Rafael", "Letícia"]),
                          latin(["Silva", "Santos", "Oliveira", "Souza", "Conceição", "Ferreira", "Araújo", "Magalhães"]))
        case .it: return (latin(["Giulia", "Marco", "Chiara", "Niccolò", "Francesca", "Lorenzo", "Ilaria"]),
                          latin(["Rossi", "Bianchi", "Esposito", "Ricci", "Marino", "Greco", "Bruno"]))
        case .nordic: return (latin(["Astrid", "Erik", "Ingrid", "Mikkel", "Sigrid", "Lars", "Freja", "Oskar", "Aino", "Väinö"]),
                              latin(["Johansson", "Nilsson", "Halvorsen", "Sørensen", "Lindström", "Bergqvist", "Virtanen", "Mäkinen"]))
        case .cee: return (latin(["Katarzyna", "Paweł", "Agnieszka", "Łukasz", "Zuzana", "Tomáš", "Petra", "Gábor", "Zsófia"]),
                           latin(["Nowak", "Wiśniewski", "Kowalczyk", "Dvořák", "Horváth", "Szabó", "Nagy", "Novotná"]))
        case .en: return (latin(["Emily", "James", "Olivia", "Noah", "Grace", "Ethan", "Hannah", "Liam", "Chloe", "Marcus", "Diego",
                                 "Aaliyah", "Sam", "Rebecca", "Tom", "Megan", "Jamal", "Fiona", "Owen", "Zoë"]),
                          latin(["Carter", "Bennett", "Hughes", "Murphy", "O'Brien", "Patel", "Nguyen", "Brooks", "Foster", "Kim", "Reyes",
                                 "Walsh", "Okafor", "Lindgren", "MacLeod", "Rosen", "Delgado", "Abernathy"]))
        case .india: return (latin(["Aarav", "Ananya", "Rohan", "Kavya", "Vikram", "Neha", "Ishaan"]),
                             latin(["Sharma", "Iyer", "Gupta", "Reddy", "Menon", "Joshi", "Banerjee"]))
        case .ja: return ([("美咲", "misaki"), ("翔太", "shota"), ("陽菜", "hina"), ("大輝", "daiki"), ("結衣", "yui"), ("健太", "kenta")],
                          [("佐藤", "sato"), ("鈴木", "suzuki"), ("高橋", "takahashi"), ("田中", "tanaka"), ("伊藤", "ito"), ("渡辺", "watanabe")])
        case .zh: return ([("芳", "fang"), ("伟", "wei"), ("静", "jing"), ("磊", "lei"), ("敏", "min"), ("婷", "ting")],
                          [("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("杨", "yang"), ("赵", "zhao")])
        case .ko: return ([("지우", "jiwoo"), ("서연", "seoyeon"), ("민준", "minjun"), ("하은", "haeun"), ("도윤", "doyoon"), ("수아", "sua")],
                          [("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi")])
        case .ar: return ([("ليلى", "layla"), ("يوسف", "youssef"), ("نور", "nour"), ("خالد", "khaled"), ("سلمى", "salma"), ("عمر", "omar"),
                           ("رنا", "rana")],
                          [("حداد", "haddad"), ("منصور", "mansour"), ("الخطيب", "alkhatib"), ("سليمان", "suleiman")])
        case .he: return ([("נועה", "noa"), ("יונתן", "yonatan"), ("מאיה", "maya"), ("איתי", "itay"), ("שירה", "shira"), ("אבי", "avi")],
                          [("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi"), ("פרץ", "peretz")])
        }
    }

    /// Parts of company names; nil for the regions whose companies are named by hand.
    var companyParts: (roots: [String], industries: [String], forms: [String], rootFirst: Bool)? {
        switch self {
        case .fr: (["Belle Rive", "Clair de Lune", "Val Fleuri", "Pré Vert", "Étoile du Nord", "Roche Grise", "la Chênaie", "l'Île Bleue"],
                   ["Transports", "Assurances", "Éditions", "Logistique", "Cosmétiques", "Ingénierie", "Conseil"],
                   ["SAS", "SA", "SARL"], false)
        case .de: (["Weißdorn", "Bergquelle", "Lindenhof", "Sonnenfeld", "Eichwald", "Rotbuche", "Silbermöwe", "Kranichsee"],
                   ["Logistik", "Maschinenbau", "Versicherungen", "Medizintechnik", "Präzisionstechnik", "Gebäudeservice"],
                   ["GmbH", "AG", "GmbH & Co. KG"], true)
        case .es: (["Sierra Alta", "Peña Blanca", "Olivar del Sur", "Agua Mansa", "Los Almendros"],
                   ["Distribuciones", "Consultores", "Transportes", "Alimentación", "Clínicas"],
                   ["S.L.", "S.A.", "S.A. de C.V."], false)
        case .pt: (["Ipê Amarelo", "Maré Alta", "Serra Azul", "Cajueiro", "Beira-Rio"],
                   ["Construtora", "Tecelagem", "Logística", "Laboratórios", "Comércio de Alimentos"],
                   ["Ltda.", "S.A."], false)
        case .it: (["Ulivo d'Argento", "Colle Verde", "Lago Scuro", "Torre Antica", "Vigna Alta"],
                   ["Ceramiche", "Trasporti", "Arredamenti", "Farmaceutici", "Meccanica"],
                   ["S.r.l.", "S.p.A."], false)
        case .nordic: (["Fjällrik", "Nordlys", "Granskog", "Isfjord", "Solvik", "Björkdal", "Lågvatten"],
                       ["Analys", "Havbruk", "Rederi", "Bygg", "Energi", "Design"],
                       ["AB", "AS", "A/S", "Oy"], true)
        case .cee: (["Biały Kamień", "Złoty Kłos", "Modrý Potok", "Napfény Kert", "Stará Lípa"],
                    ["Foods", "Logistics", "Software", "Print", "Agro"],
                    ["sp. z o.o.", "s.r.o.", "Kft."], true)
        case .en: (["Harbor & Finch", "Blue Heron", "Copperleaf", "Tidewater", "Ironbark", "Silver Birch", "Hollowmere", "Red Kite",
                    "Juniper Row", "Foxglove", "Cobalt Ridge", "Briarwood", "Kestrel Point", "Ashgrove", "Quillback", "Marigold Lane",
                    "Otterburn", "Pinecrest Valley", "Saltmarsh", "Thistledown"],
                   ["Analytics", "Outfitters", "Dental Group", "Publishing", "Freight", "Health Partners", "Labs", "Insurance Brokers",
                    "Logistics", "Hospitality", "Media", "Realty", "Veterinary Clinics", "Staffing"],
                   ["Inc.", "Ltd", "LLC", "Co.", "Pty Ltd"], true)
        case .india: (["Nilgiri", "Kaveri", "Deccan Plateau", "Malabar Spice"], ["Textiles", "Hotels", "Pharma", "Infotech"],
                      ["Pvt Ltd"], true)
        case .ja, .zh, .ko, .ar, .he: nil
        }
    }

    /// Whether names in this region are written in another script (romanised for addresses).
    private var isRomanised: Bool { [.ja, .zh, .ko, .ar, .he].contains(self) }

    /// A contact's name as written and the local part of their address: family name first,
    /// without a space, in Chinese and Korean; with one in Japanese.
    func person(given: (String, String), family: (String, String)) -> (name: String, local: String) {
        guard isRomanised else {
            return (given.0 + " " + family.0, DemoNames.fold(given.0).filter { $0 != "-" } + "."
                    + DemoNames.fold(family.0).filter { $0 != "-" })
        }
        let name = switch self {
        case .zh, .ko: family.0 + given.0
        case .ja: family.0 + " " + given.0
        default: given.0 + " " + family.0
        }
        return (name, given.1 + "." + family.1)
    }
}

enum DemoNames {
    /// Names chosen by hand for accounts that show how Folio copes with scripts, direction,
    /// emoji and length: (name, the stem of its domain, region).
    static let japaneseSakura = ("株式会社さくら精密", "sakura-seimitsu", DemoLocale.ja)
    static let japaneseAoba = ("青葉食品株式会社", "aoba-shokuhin", DemoLocale.ja)
    static let chineseBailu = ("杭州白鹭贸易有限公司", "bailu-trading", DemoLocale.zh)
    static let koreanPureunbada = ("주식회사 푸른바다물류", "pureunbada", DemoLocale.ko)
    static let longest = ("Konsortium für Nachhaltige Energieversorgung und Intelligente Netzinfrastruktur Süddeutschland e.V.",
                          "kneins-sued", DemoLocale.de)

    /// A made-up company of `locale` whose name is not in `taken`: the name and its domain stem.
    static func company(_ locale: DemoLocale, taken: Set<String>, using rng: inout SeededRandom) -> (name: String, slug: String)? {
        guard let parts = locale.companyParts else { return nil }
        for _ in 0..<200 {
            let root = rng.pick(parts.roots), industry = rng.pick(parts.industries), form = rng.pick(parts.forms)
            var name = parts.rootFirst ? "\(root) \(industry) \(form)" : "\(industry) \(root) \(form)"
            // French: "Transports de la Chênaie", "Assurances de l'Île Bleue".
            if locale == .fr, root.hasPrefix("l") { name = "\(industry) de \(root) \(form)" }
            if !taken.contains(name) { return (name, fold("\(root) \(industry)")) }
        }
        return nil
    }

    /// ASCII for addresses: lowercase letters and digits, anything else one hyphen
    /// ("Silbermöwe Versicherungen" → "silbermowe-versicherungen").
    static func fold(_ text: String) -> String {
        var out = ""
        for character in text.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                out.append(character)
            } else if let plain = latin[character] {
                out += plain
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
        }
        while out.last == "-" { out.removeLast() }
        return out
    }

    /// The accented letters the demo's names use, without their marks (what NFKD and
    /// dropping the combining marks gives, with ß, ø, ł and æ spelled out).
    private static let latin: [Character: String] = {
        let pairs: [(String, String)] = [
            ("àáâãäå", "a"), ("æ", "ae"), ("çćč", "c"), ("ď", "d"), ("èéêëěę", "e"), ("ìíîï", "i"), ("ł", "l"),
            ("ñńň", "n"), ("òóôõöőø", "o"), ("ř", "r"), ("śš", "s"), ("ß", "ss"), ("ť", "t"), ("ùúûüůű", "u"),
            ("ýÿ", "y"), ("źżž", "z"),
        ]
        var map: [Character: String] = [:]
        for (letters, plain) in pairs { for letter in letters { map[letter] = plain } }
        return map
    }()
}
