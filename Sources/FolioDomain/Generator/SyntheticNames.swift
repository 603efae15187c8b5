/// Made-up names for people and companies, built from short lists so a million accounts
/// stay varied. Some carry accents, some are Chinese, Japanese or Korean, so importing
/// generated data exercises Unicode; e-mail addresses stay ASCII and use the reserved
/// `.example` domain, so nothing generated can reach a real inbox.
enum SyntheticNames {
    struct Person {
        var name: String
        /// `first.last`, ASCII, lowercase.
        var emailLocal: String
    }

    struct Company {
        var name: String
        /// ASCII, lowercase, ends in `.example`.
        var domain: String
        /// Where its people mostly are, for the time zone.
        var region: Region
    }

    enum Region: CaseIterable {
        case americas, europe, asia, oceania

        var timezones: [String] {
            switch self {
            case .americas: return ["America/New_York", "America/Chicago", "America/Denver",
                                    "America/Los_Angeles", "America/Toronto", "America/Sao_Paulo",
                                    "America/Mexico_City"]
            case .europe: return ["Europe/London", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
                                  "Europe/Stockholm", "Europe/Warsaw", "Europe/Lisbon"]
            case .asia: return ["Asia/Tokyo", "Asia/Shanghai", "Asia/Seoul", "Asia/Singapore", "Asia/Kolkata"]
            case .oceania: return ["Australia/Sydney", "Pacific/Auckland"]
            }
        }
    }

    // (as written, as in an e-mail address)
    static let firstNames: [(String, String)] = [
        ("Amélie", "amelie"), ("José", "jose"), ("Søren", "soren"), ("Zoë", "zoe"), ("Björn", "bjorn"),
        ("Chloé", "chloe"), ("Łukasz", "lukasz"), ("Maria", "maria"), ("James", "james"),
        ("Aisha", "aisha"), ("Kenji", "kenji"), ("Priya", "priya"), ("Noah", "noah"),
        ("Olivia", "olivia"), ("Mateo", "mateo"), ("Fatima", "fatima"), ("Liam", "liam"),
        ("Yuki", "yuki"), ("Ana", "ana"), ("Emma", "emma"), ("Inès", "ines"), ("Omar", "omar"),
        ("Sofia", "sofia"), ("David", "david"), ("Grace", "grace"), ("Tomás", "tomas"),
        ("Ingrid", "ingrid"), ("Hannah", "hannah"), ("Raj", "raj"), ("Lucía", "lucia"),
        ("Ethan", "ethan"), ("Mei", "mei"), ("Jonas", "jonas"), ("Chiara", "chiara"),
        ("Kwame", "kwame"), ("Elif", "elif"), ("Mikael", "mikael"), ("Ava", "ava"),
        ("Rafael", "rafael"), ("Nadia", "nadia"), ("Samuel", "samuel"), ("Leïla", "leila"),
    ]

    static let lastNames: [(String, String)] = [
        ("Müller", "muller"), ("García", "garcia"), ("Nguyen", "nguyen"), ("O'Brien", "obrien"),
        ("Smith", "smith"), ("Kowalski", "kowalski"), ("Dubois", "dubois"), ("Silva", "silva"),
        ("Tanaka", "tanaka"), ("Johansson", "johansson"), ("Rossi", "rossi"), ("Patel", "patel"),
        ("Kim", "kim"), ("Andersen", "andersen"), ("Fernández", "fernandez"), ("Okafor", "okafor"),
        ("Novák", "novak"), ("Yılmaz", "yilmaz"), ("Brown", "brown"), ("Costa", "costa"),
        ("Lefèvre", "lefevre"), ("Schmidt", "schmidt"), ("Haddad", "haddad"), ("Virtanen", "virtanen"),
        ("Walsh", "walsh"), ("Ito", "ito"), ("Moreau", "moreau"), ("Jensen", "jensen"),
        ("Chen", "chen"), ("Mendoza", "mendoza"), ("Van der Berg", "vanderberg"), ("Ødegaard", "odegaard"),
    ]

    /// Whole names written in their own script, with a romanised address.
    static let eastAsianNames: [(String, String)] = [
        ("王芳", "wang.fang"), ("李娜", "li.na"), ("张伟", "zhang.wei"), ("刘洋", "liu.yang"),
        ("佐藤 健", "sato.ken"), ("鈴木 陽菜", "suzuki.hina"), ("高橋 蓮", "takahashi.ren"),
        ("김민준", "kim.minjun"), ("이서연", "lee.seoyeon"), ("박지훈", "park.jihoon"),
    ]

    static func person(using rng: inout SeededRandom) -> Person {
        if rng.chance(0.06) {
            let (name, local) = rng.pick(eastAsianNames)
            return Person(name: name, emailLocal: local)
        }
        let (first, firstASCII) = rng.pick(firstNames)
        let (last, lastASCII) = rng.pick(lastNames)
        return Person(name: first + " " + last, emailLocal: firstASCII + "." + lastASCII)
    }

    // Company names: a syllable or two, a stem ending, a legal form.
    static let openings: [(String, String)] = [
        ("Ac", "ac"), ("Bel", "bel"), ("Cor", "cor"), ("Dyn", "dyn"), ("El", "el"), ("Fal", "fal"),
        ("Gal", "gal"), ("Hel", "hel"), ("Ix", "ix"), ("Jun", "jun"), ("Kel", "kel"), ("Lum", "lum"),
        ("Mar", "mar"), ("Nov", "nov"), ("Or", "or"), ("Pol", "pol"), ("Quan", "quan"), ("Ros", "ros"),
        ("Sol", "sol"), ("Ter", "ter"), ("Ul", "ul"), ("Ver", "ver"), ("Wex", "wex"), ("Zen", "zen"),
        ("Él", "el"), ("Nør", "nor"), ("Brü", "bru"), ("Çel", "cel"), ("Ång", "ang"), ("São", "sao"),
    ]
    static let middles = ["a", "e", "i", "o", "ar", "en", "is", "on", "ur", "ex", "", ""]
    static let endings = ["tek", "via", "ora", "nix", "lyn", "dex", "sys", "ium", "co", "wave", "ly",
                          "ton", "gen", "path", "loop", "mint", "forge", "grid"]
    static let legalForms: [(String, Region)] = [
        ("Inc.", .americas), ("LLC", .americas), ("Corp.", .americas), ("Labs", .americas),
        ("Group", .americas), ("Ltd", .europe), ("GmbH", .europe), ("S.A.", .europe), ("AB", .europe),
        ("Oy", .europe), ("B.V.", .europe), ("S.r.l.", .europe), ("Pty Ltd", .oceania),
        ("Pte. Ltd.", .asia), ("Systems", .americas), ("Partners", .europe),
    ]

    // (name, romanised stem) for companies named in Chinese, Japanese or Korean.
    static let eastAsianCompanies: [(String, String)] = [
        ("東京データ株式会社", "tokyo-data"), ("大阪クラウド株式会社", "osaka-cloud"),
        ("北京数联科技有限公司", "beijing-shulian"), ("上海云帆信息技术有限公司", "shanghai-yunfan"),
        ("深圳智图科技有限公司", "shenzhen-zhitu"), ("서울소프트 주식회사", "seoul-soft"),
        ("한빛데이터 주식회사", "hanbit-data"), ("名古屋システム株式会社", "nagoya-system"),
    ]

    static func company(using rng: inout SeededRandom) -> Company {
        if rng.chance(0.04) {
            let (name, stem) = rng.pick(eastAsianCompanies)
            return Company(name: name, domain: stem + ".example", region: .asia)
        }
        let (opening, openingASCII) = rng.pick(openings)
        let middle = rng.pick(middles)
        let ending = rng.pick(endings)
        let stem = opening + middle + ending
        let ascii = openingASCII + middle + ending
        let (form, region0) = rng.pick(legalForms)
        // A few regions cross the legal form, as real customers do.
        let region = rng.chance(0.15) ? rng.pick(Region.allCases) : region0
        // Some CRM names carry a comma ("Acme, Inc."), which the CSV must quote.
        let name = rng.chance(0.04) ? stem + ", " + form : stem + " " + form
        return Company(name: name, domain: ascii + ".example", region: region)
    }
}
