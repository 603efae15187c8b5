/// How the daily run keeps renewal opportunities (DESIGN §2.5): one is opened when the
/// renewal is this close and none is open; it reads `60 days out` from 60 days, and `at risk`
/// while the account is in the lowest band, back again when it recovers. People's stages
/// (committed) are never overridden. The defaults are DESIGN's.
public struct RenewalRules: Hashable, Sendable, Codable {
    /// Open an opportunity when the renewal is at most this many days away.
    public var openDays: Int
    /// `60 days out` from this many days before the renewal.
    public var sixtyDays: Int

    public init(openDays: Int = 90, sixtyDays: Int = 60) {
        self.openDays = openDays
        self.sixtyDays = sixtyDays
    }

    public static let standard = RenewalRules()

    /// What the daily run does for one account on one day.
    public enum Plan: Hashable, Sendable {
        case nothing
        /// Open this new opportunity.
        case open(RenewalOpportunity)
        /// The open opportunity, as it should now read (stage, amount, close date, owner).
        case update(RenewalOpportunity)
    }

    /// The stage the run gives an opportunity it manages.
    public func engineStage(daysToRenewal: Int, isLowestBand: Bool) -> RenewalOpportunity.Stage {
        if isLowestBand { return .atRisk }
        return daysToRenewal <= sixtyDays ? .sixtyDaysOut : .ninetyDaysOut
    }

    /// The plan for `account` on `asOf`, given its open opportunity (if any) and whether
    /// today's score puts it in the lowest band. An open opportunity follows the account's
    /// renewal date, ARR and owner, so a corrected import corrects the pipeline (one imported
    /// from the CRM keeps the CRM's amount and close date).
    public func plan(for account: Account, open: RenewalOpportunity?, isLowestBand: Bool, asOf: Day) -> Plan {
        let days = account.daysToRenewal(asOf: asOf)
        if let open {
            var updated = open
            // A CRM opportunity keeps the CRM's amount and close date; Folio's own follow the account.
            if open.crmID == nil {
                updated.closeDate = account.renewalDate
                updated.amount = account.arr
            }
            updated.owner = account.owner
            if open.stage.isSetByEngine {
                updated.stage = engineStage(daysToRenewal: days, isLowestBand: isLowestBand)
                if updated.stage != open.stage {
                    updated.movedBy = RenewalRules.engine
                    updated.movedAt = Moment(startOf: asOf)
                }
            }
            return updated == open ? .nothing : .update(updated)
        }
        guard account.status == .active, days <= openDays else { return .nothing }
        return .open(RenewalOpportunity(accountID: account.id, amount: account.arr, closeDate: account.renewalDate,
                                        stage: engineStage(daysToRenewal: days, isLowestBand: isLowestBand), owner: account.owner,
                                        openedOn: asOf, movedBy: RenewalRules.engine, movedAt: Moment(startOf: asOf)))
    }

    /// Who the daily run is in `movedBy`.
    public static let engine = "folio"
}
