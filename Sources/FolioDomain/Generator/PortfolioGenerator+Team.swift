extension PortfolioGenerator {
    /// The customer-success organisation a generated portfolio belongs to: one VP, managers
    /// (about one per eight CSMs), CSMs (about one per 150 accounts, at least two) and
    /// account executives (about one per 400 accounts, at least one).
    public struct Team: Sendable {
        public private(set) var vp: User
        public private(set) var managers: [User] = []
        public private(set) var csms: [User] = []
        public private(set) var accountExecutives: [User] = []

        /// Everyone, managers before the people who report to them (the order to import in).
        public var users: [User] { [vp] + managers + csms + accountExecutives }

        /// Sizes the team for `accountCount` accounts and names its members from `seed`.
        public init(accountCount: Int, seed: UInt64) {
            let csmCount = max(2, (accountCount + 75) / 150)
            let managerCount = max(1, (csmCount + 4) / 8)
            let aeCount = max(1, (accountCount + 200) / 400)

            // Its own stream, apart from every account's.
            var rng = SeededRandom(seed: seed, stream: .max)
            var taken: Set<String> = []
            func member(_ role: User.Role, reportingTo manager: String?) -> User {
                let person = SyntheticNames.person(using: &rng)
                var login = person.emailLocal
                var n = 2
                while !taken.insert(login).inserted {
                    login = person.emailLocal + String(n)
                    n += 1
                }
                return User(login: login, name: person.name, email: login + "@folio-cs.example",
                            role: role, managerLogin: manager)
            }

            vp = member(.vp, reportingTo: nil)
            let vpLogin = vp.login
            managers = (0..<managerCount).map { _ in member(.manager, reportingTo: vpLogin) }
            let managerLogins = managers.map(\.login)
            csms = (0..<csmCount).map { i in member(.csm, reportingTo: managerLogins[i % managerCount]) }
            accountExecutives = (0..<aeCount).map { _ in member(.ae, reportingTo: vpLogin) }
        }
    }
}
