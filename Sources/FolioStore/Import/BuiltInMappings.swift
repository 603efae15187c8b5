/// The mappings Folio ships for the exports customer-success teams have (`folio import
/// --maps`, `--map NAME`, `extends: NAME`). Each is written from the source tool's documented
/// export format; the fixtures under `Tests/Fixtures/Exports/` are files as those tools write
/// them, with a README citing where the format is described. Where an export has no standard
/// field for something Folio needs (ARR, tier, the account of an analytics event), the
/// mapping accepts the common names and says what to add (`needs:`).
enum BuiltInMappings {
    static let all: [(name: String, yaml: String)] = [
        ("salesforce-report-accounts", salesforceReportAccounts),
        ("salesforce-report-contacts", salesforceReportContacts),
        ("salesforce-report-opportunities", salesforceReportOpportunities),
        ("salesforce-dataloader-accounts", salesforceDataLoaderAccounts),
        ("salesforce-dataloader-contacts", salesforceDataLoaderContacts),
        ("salesforce-dataloader-users", salesforceDataLoaderUsers),
        ("hubspot-companies", hubspotCompanies),
        ("hubspot-contacts", hubspotContacts),
        ("zendesk-tickets", zendeskTickets),
        ("delighted-nps", delightedNPS),
        ("mixpanel-events", mixpanelEvents),
        ("amplitude-events", amplitudeEvents),
        ("segment-tracks", segmentTracks),
        ("usage-daily", usageDaily),
    ]

    static var names: [String] { all.map(\.name) }

    static func text(named name: String) -> String? {
        all.first { $0.name == name }?.yaml
    }

    // Names that tier and ARR go by in CRMs, shared by the account mappings.
    private static let tierValues = """
          tier:
            Enterprise: enterprise
            Ent: enterprise
            Strategic: enterprise
            Key Account: enterprise
            Tier 1: enterprise
            Mid-Market: mid-market
            Mid Market: mid-market
            Midmarket: mid-market
            MM: mid-market
            Commercial: mid-market
            Tier 2: mid-market
            SMB: smb
            Small Business: smb
            Small & Medium Business: smb
            SB: smb
            Tier 3: smb
        """

    static let salesforceReportAccounts = """
        summary: "Salesforce account report, exported Details Only as .csv (labels as headers, US dates, the report's footer); name your ARR and tier fields"
        kind: accounts
        locale: en-US
        ignore_unmapped: true
        columns:
          Account ID: id
          Account Name: name
          Account Owner: owner
          Tier: tier
          Account Tier: tier
          Customer Tier: tier
          Segment: tier
          Customer Segment: tier
          ARR: arr
          Annual Recurring Revenue: arr
          Contract Start Date: contract_start
          Customer Since: contract_start
          Renewal Date: renewal_date
          Contract End Date: renewal_date
          Licensed Seats: seats
          Seats: seats
          Licenses: seats
          Time Zone: timezone
          Account Executive: ae
          Contract Term: term_months
          Contract Term (months): term_months
        transforms:
          term_months: term
        values:
        \(tierValues)
        ignore: [Annual Revenue, Annual Revenue (converted)]
        needs:
          arr: "the field that holds what the customer pays you a year (ARR__c, say); never Annual Revenue, which is the customer company's own revenue"
          tier: "your tier or segment field (Tier__c, Segment__c…), with values: for its picklist"
          contract_start: "your contract start field, or transforms: {contract_start: {months_before: renewal_date, months: term_months}}"
          renewal_date: "your renewal or contract end date field"
        """

    static let salesforceReportContacts = """
        summary: "Salesforce Contacts & Accounts report, exported Details Only as .csv; first and last names joined, contact roles mapped"
        kind: contacts
        locale: en-US
        ignore_unmapped: true
        columns:
          Contact ID: id
          name: ["{First Name} {Last Name}", "{Full Name}", "{Contact Name}"]
          Account ID: account_id
          Email: email
          Contact Role: roles
          Role: roles
          Roles: roles
          Email Opt Out: opt_out
          No Longer with Company: left_company
          Left Company: left_company
        values:
          roles:
            Executive Sponsor: sponsor
            Economic Buyer: sponsor
            Decision Maker: sponsor
            Sponsor: sponsor
            Champion: champion
            Primary: primary
            Primary Contact: primary
            Business User: primary
            "*": ""
        """

    static let salesforceReportOpportunities = """
        summary: "Salesforce opportunity report of renewals, exported Details Only as .csv; Closed Won and Closed Lost close them, other stages stay open"
        kind: opportunities
        locale: en-US
        ignore_unmapped: true
        columns:
          Opportunity ID: id
          account_id: ["{Account ID}", "{Account Name}"]
          Amount: amount
          Close Date: close_date
          Stage: stage
          Opportunity Owner: owner
        values:
          stage:
            Closed Won: closed won
            Closed Lost: churned
            Commit: committed
            Committed: committed
            "*": open
        """

    static let salesforceDataLoaderAccounts = """
        summary: "Salesforce Data Loader extract of Account (API names as headers, 18-character ids, ISO dates, OwnerId matched by the users' CRM ids)"
        kind: accounts
        ignore_unmapped: true
        columns:
          Id: id
          Name: name
          OwnerId: owner
          Tier__c: tier
          Account_Tier__c: tier
          Customer_Tier__c: tier
          Segment__c: tier
          ARR__c: arr
          Annual_Recurring_Revenue__c: arr
          Contract_Start_Date__c: contract_start
          Customer_Since__c: contract_start
          Renewal_Date__c: renewal_date
          Contract_End_Date__c: renewal_date
          Licensed_Seats__c: seats
          Seats__c: seats
          Time_Zone__c: timezone
          Account_Executive__c: ae
          Contract_Term__c: term_months
        transforms:
          term_months: term
        values:
        \(tierValues)
        ignore: [AnnualRevenue]
        needs:
          arr: "the API name of your ARR field (ARR__c, say); never AnnualRevenue, the customer company's own revenue"
          tier: "the API name of your tier or segment field"
          contract_start: "the API name of your contract start field"
          renewal_date: "the API name of your renewal date field"
        """

    static let salesforceDataLoaderContacts = """
        summary: "Salesforce Data Loader extract of Contact (Id, AccountId, FirstName, LastName, Email, HasOptedOutOfEmail)"
        kind: contacts
        ignore_unmapped: true
        columns:
          Id: id
          AccountId: account_id
          name: ["{FirstName} {LastName}", "{Name}"]
          Email: email
          HasOptedOutOfEmail: opt_out
          Contact_Role__c: roles
          Left_Company__c: left_company
        values:
          roles:
            Executive Sponsor: sponsor
            Economic Buyer: sponsor
            Decision Maker: sponsor
            Champion: champion
            Primary: primary
            Business User: primary
            "*": ""
        """

    static let salesforceDataLoaderUsers = """
        summary: "Salesforce Data Loader extract of User (Id, Alias, Name, Email, ManagerId); the Id becomes the user's key, so OwnerId columns find them"
        kind: users
        ignore_unmapped: true
        columns:
          Alias: login
          name: ["{FirstName} {LastName}", "{Name}"]
          Email: email
          ManagerId: manager
          Id: keys
        defaults:
          role: csm
        """

    static let hubspotCompanies = """
        summary: "HubSpot companies export (.csv, property labels as headers, Record ID); the company domain becomes a key, so tickets and events find the company"
        kind: accounts
        ignore_unmapped: true
        columns:
          Record ID: id
          Company name: name
          Company owner: owner
          Company Domain Name: keys
          Tier: tier
          Customer Tier: tier
          Company Tier: tier
          Segment: tier
          ARR: arr
          Annual Recurring Revenue: arr
          Contract Start Date: contract_start
          Customer Since: contract_start
          Renewal Date: renewal_date
          Contract End Date: renewal_date
          Seats: seats
          Licensed Seats: seats
          Contract Term: term_months
        transforms:
          term_months: term
        values:
        \(tierValues)
        ignore: [Annual Revenue]
        needs:
          arr: "the property that holds what the customer pays you a year; never Annual Revenue, the company's own revenue"
          tier: "your tier or segment property"
          contract_start: "your contract start property"
          renewal_date: "your renewal date property"
        """

    static let hubspotContacts = """
        summary: "HubSpot contacts export (.csv, with associated company ids); first and last names joined"
        kind: contacts
        ignore_unmapped: true
        columns:
          Record ID: id
          name: ["{First Name} {Last Name}", "{Email}"]
          Email: email
          account_id: ["{Associated Company IDs (Primary)}", "{Primary Associated Company ID}", "{Associated Company IDs}", "{Associated Company ID}", "{Company Name}"]
          Buying Role: roles
        transforms:
          account_id: first
        values:
          roles:
            Decision Maker: sponsor
            Budget Holder: sponsor
            Executive Sponsor: sponsor
            Champion: champion
            End User: primary
            "*": ""
        """

    static let zendeskTickets = """
        summary: "Zendesk tickets, CSV data export (Admin Center › Account › Reports › Export); the organisation (or the requester's domain) finds the account"
        kind: cases
        ignore_unmapped: true
        columns:
          Id: id
          account_id: ["{Organization}", "{Requester domain}"]
          Priority: priority
          Created at: opened
          Solved at: closed
        values:
          priority:
            Low: low
            Normal: medium
            High: high
            Urgent: critical
        defaults:
          priority: medium
        """

    static let delightedNPS = """
        summary: "Delighted NPS responses, CSV export (Dashboard › Export); respondents found by email, added to the account their row names when new"
        kind: nps
        ignore_unmapped: true
        columns:
          Email: contact_id
          Person Email: contact_id
          Score: score
          Comment: comment
          Response Timestamp: date
          Created At: date
          Name: name
          Company: account_id
          Company ID: account_id
          Account ID: account_id
        """

    static let mixpanelEvents = """
        summary: "Mixpanel raw event export (JSON, one event per line: event, properties.time, properties.distinct_id, properties.$insert_id); name the property that holds the account"
        kind: events
        columns:
          event: event
          properties.time: timestamp
          properties.distinct_id: user
          properties.$insert_id: event_id
          properties.$session_id: session
          properties.account_id: account_id
          properties.company_id: account_id
        needs:
          account_id: "the property that names the account (your group key), e.g. columns: {properties.company_id: account_id}"
        """

    static let amplitudeEvents = """
        summary: "Amplitude export API events (JSON, one event per line: event_type, event_time in UTC, user_id or device_id, uuid, session_id); name the group or property that holds the account"
        kind: events
        timezone: UTC
        columns:
          event_type: event
          event_time: timestamp
          user: ["{user_id}", "{device_id}"]
          uuid: event_id
          session_id: session
          groups.company: account_id
          groups.account: account_id
          event_properties.account_id: account_id
        logins: sessions
        needs:
          account_id: "the group type or property that names the account, e.g. columns: {groups.company: account_id}"
        """

    static let segmentTracks = """
        summary: "Segment track events (JSON from the S3 destination or an export: type, event, userId, messageId, timestamp, context.groupId)"
        kind: events
        columns:
          event: event
          timestamp: timestamp
          user: ["{userId}", "{anonymousId}"]
          messageId: event_id
          context.groupId: account_id
          properties.groupId: account_id
          properties.accountId: account_id
        only:
          type: [track]
        needs:
          account_id: "where your track calls carry the account: context.groupId, or a property"
        """

    static let usageDaily = """
        summary: "daily usage per account (a warehouse or BI export: account, date, active users, logins, key actions); rolled up into Monday weeks"
        kind: usage
        columns:
          Account ID: account_id
          Account: account_id
          Day: date
          Date: date
          Active Users: active_users
          DAU: active_users
          Logins: logins
          Sessions: logins
          Key Actions: key_actions
          Features Used: features_used
          Features Available: features_available
        """
}
