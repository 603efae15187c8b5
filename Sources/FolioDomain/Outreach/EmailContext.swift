/// What a template may say (DESIGN §2.6): the contact, the CSM, the account's tier and
/// tenure, the signal in customer words, the step. It has no score, band or risk in it —
/// there is no field to name — and `fieldNames` lists every field, so a template that
/// names anything else is refused when it is loaded.
public struct EmailContext: Sendable {
    public var contactFirstName: String
    public var contactName: String
    public var csmName: String
    public var csmEmail: String
    public var accountName: String
    public var tier: Account.Tier
    /// Whole days with us.
    public var tenureDays: Int
    public var signal: OutreachSignal
    public var step: Int
    public var steps: Int
    public var settings: OutreachSettings

    public init(contact: Contact, csm: User, account: Account, asOf: Day, signal: OutreachSignal, step: Int, steps: Int,
                settings: OutreachSettings) {
        contactFirstName = contact.firstName
        contactName = contact.name
        csmName = csm.name
        csmEmail = csm.email
        accountName = account.name
        tier = account.tier
        tenureDays = max(0, account.tenureDays(asOf: asOf))
        self.signal = signal
        self.step = step
        self.steps = steps
        self.settings = settings
    }

    /// The first word of the CSM's name; for a name written "陈伟 (Chen Wei)" the whole of it.
    var csmFirstName: String {
        if csmName.contains("(") { return csmName }
        return csmName.split(separator: " ", maxSplits: 1).first.map(String.init) ?? csmName
    }

    /// The values, as nested dictionaries for Mustache. Names here and in `fieldNames` agree
    /// (a test checks it).
    public var values: [String: Any] {
        let years = tenureDays / 365
        var signalValues: [String: Any] = [
            "summary": signal.summary,
            "usageDown": signal.kind == .usageDecline,
            "usageUp": signal.kind == .usageSurge,
            "quiet": signal.kind == .relationshipDecline,
            "feedback": signal.kind == .detractor,
            "onboarding": signal.kind == .onboardingTrouble,
        ]
        if let v = signal.percent { signalValues["percent"] = v }
        if let v = signal.activeUsers { signalValues["activeUsers"] = v }
        if let v = signal.seats { signalValues["seats"] = v }
        if let v = signal.featuresUsed { signalValues["featuresUsed"] = v }
        if let v = signal.featuresAvailable { signalValues["featuresAvailable"] = v }
        if let v = signal.weeksSinceContact { signalValues["weeksSinceContact"] = v }
        if let v = signal.feedbackDate { signalValues["feedbackDate"] = v }
        let tierName: String = switch tier {
        case .enterprise: "enterprise"
        case .midMarket: "mid-market"
        case .smb: "small business"
        }
        return [
            "contact": ["firstName": contactFirstName, "name": contactName],
            "csm": ["name": csmName, "firstName": csmFirstName, "email": csmEmail, "title": settings.signatureTitle,
                    "signature": "\(csmName)\n\(settings.signatureTitle), \(settings.company)\n\(csmEmail)"],
            "company": settings.company,
            "product": settings.product,
            "keyActions": settings.keyActions,
            "account": ["name": accountName],
            "tier": ["name": tierName, "enterprise": tier == .enterprise, "midMarket": tier == .midMarket, "smb": tier == .smb],
            "tenure": ["long": tenureDays >= 730, "new": tenureDays < 183, "years": years,
                       "months": tenureDays / 30],
            "signal": signalValues,
            "step": ["number": step, "of": steps, "first": step == 1, "last": step == steps],
        ]
    }

    /// Every name a template may use, dotted.
    public static let fieldNames: Set<String> = [
        "contact", "contact.firstName", "contact.name",
        "csm", "csm.name", "csm.firstName", "csm.email", "csm.title", "csm.signature",
        "company", "product", "keyActions",
        "account", "account.name",
        "tier", "tier.name", "tier.enterprise", "tier.midMarket", "tier.smb",
        "tenure", "tenure.long", "tenure.new", "tenure.years", "tenure.months",
        "signal", "signal.summary", "signal.usageDown", "signal.usageUp", "signal.quiet", "signal.feedback",
        "signal.onboarding", "signal.percent", "signal.activeUsers", "signal.seats", "signal.featuresUsed",
        "signal.featuresAvailable", "signal.weeksSinceContact", "signal.feedbackDate",
        "step", "step.number", "step.of", "step.first", "step.last",
    ]
}
