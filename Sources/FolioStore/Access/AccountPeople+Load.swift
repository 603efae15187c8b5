import FolioDomain
import GRDB

extension AccountPeople {
    /// The account's CSM, their managers up the chain and its AE, as the access rules need them.
    static func of(_ account: Account, in db: Database) throws -> AccountPeople {
        AccountPeople(account, managers: try ReportingChain.managers(of: account.owner, in: db))
    }
}
