extension DemoStory {
    /// The twenty stories of SampleData/STORIES.md, in its order.
    public static let all: [DemoStory] = [
        championLeft, threeCriticalCases, stuckOnboarding, reference, steadyDecline, hovering, dipAndRecovery,
        usageDrop, usageSurge, sponsorLeft, detractor, paymentOverdue30, paymentOverdue60, goneDark,
        checkInEnterprise, checkInMidMarket, checkInSMB, onboardingDay30, onboardingDay90, churned,
    ]

    private typealias S = DemoScript
    private static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// 1. The champion left, usage slides over eight weeks, the renewal is eight weeks away.
    static let championLeft = DemoStory(1, "champion-left", S(
        id: "ACC-0111", name: "Nordlicht Versicherungsgruppe AG", slug: "nordlicht-versicherung", tier: .enterprise,
        owner: "amelie.durand", ae: "mateusz.wojcik", arr: 486_000, seats: 900, start: day("2023-01-18"),
        renewal: day("2027-01-18"), timezone: "Europe/Berlin",
        contacts: [.init("Lena Becker", "lena.becker", [.champion], left: true), .init("Maximilian Becker", "maximilian.becker", [.sponsor]),
                   .init("Anja Schröder", "anja.schroder", []), .init("Jana Schäfer", "jana.schafer", []),
                   .init("Sören Wagner", "soren.wagner", [.primary])],
        latent: S.latent(0.86, 0.42, 17, 26),
        // Fitted so the score passes about 88, 84, 79, 74, 68, 64, 60, 56 on the last eight Mondays.
        utilisation: S.flat(0.81, 11) + [0.80, 0.79, 0.77, 0.75, 0.74, 0.68, 0.59, 0.51, 0.45, 0.44, 0.45, 0.44, 0.44, 0.43, 0.43],
        keyActions: S.line(1.0, 0.57, 17, 25), features: S.flat(15, 18) + [14, 14, 13, 12, 11, 10, 10, 9],
        quietAfter: day("2026-10-19"), outboundAfterQuiet: true,
        answers: [.init(.champion, "2026-06-10", 9), .init(.primary, "2026-09-09", 7)],
        touches: [
            .init(.note, .outbound, "2026-10-21", "amelie.durand",
                  "Heard from IT that our champion {champion} has left the company. No replacement named yet."),
            .init(.email, .outbound, "2026-10-28", "amelie.durand",
                  "Asked {primary} who will own the rollout now that {champion} is gone. No answer yet."),
            .init(.email, .outbound, "2026-11-11", "amelie.durand",
                  "Follow-up to {primary}: proposed a working session before the renewal."),
        ]),
        band: "Yellow", alerts: [.init(.healthDrop, .orange, on: "2026-11-02")])

    /// 2. Three critical cases open at once; the score does not see it.
    static let threeCriticalCases = DemoStory(2, "three-critical", S(
        id: "ACC-0042", name: "Tecelagem Alvorada Ltda.", slug: "tecelagem-alvorada", tier: .midMarket,
        owner: "lucia.fernandez", ae: "priya.nair", arr: 92_000, seats: 140, start: day("2024-03-04"),
        renewal: day("2027-03-04"), timezone: "America/Sao_Paulo",
        contacts: [.init("Rafael Magalhães", "rafael.magalhaes", [.primary]), .init("Ana Luísa Silva", "analuisa.silva", [.champion]),
                   .init("Thiago Santos", "thiago.santos", [.sponsor]), .init("Inês Oliveira", "ines.oliveira", [])],
        latent: S.latent(0.84, 0.6, 24, 26),
        cases: [.init(.critical, "2026-11-09"), .init(.critical, "2026-11-13"), .init(.critical, "2026-11-19"),
                .init(.high, "2026-11-10", "2026-11-17"), .init(.medium, "2026-09-02", "2026-09-04")],
        answers: [.init(.primary, "2026-06-10", 9), .init(.champion, "2026-09-09", 8)],
        touches: [
            .init(.call, .inbound, "2026-11-19", "lucia.fernandez",
                  "{primary} called: third outage this month, production planning blocked. Escalated to support lead."),
        ]),
        band: "Green", alerts: [.init(.criticalCases, .orange, on: "2026-11-23")])

    /// 3. Onboarding that never got past setup.
    static let stuckOnboarding = DemoStory(3, "onboarding-stuck", S(
        id: "ACC-0027", name: "株式会社ひかり物流", slug: "hikari-butsuryu", tier: .midMarket,
        owner: "chen.wei", ae: "priya.nair", arr: 38_400, seats: 60, start: day("2026-09-24"),
        renewal: day("2027-09-24"), timezone: "Asia/Tokyo",
        contacts: [.init("高橋 大輝", "daiki.takahashi", [.primary, .champion]), .init("田中 翔太", "shota.tanaka", [.sponsor]),
                   .init("伊藤 結衣", "yui.ito", []), .init("伊藤 美咲", "misaki.ito", [])],
        latent: S.latent(0.3, 0.2, 17, 26),
        utilisation: S.flat(0.05), keyActions: S.line(0.14, 0.105, 18, 25), features: S.flat(1),
        onlyTold: true,
        cases: [.init(.high, "2026-10-06"), .init(.medium, "2026-10-14", "2026-10-30")],
        answers: [],
        touches: [
            .init(.meeting, .outbound, "2026-09-28", "chen.wei",
                  "Kickoff with {primary} and {sponsor}: goals, admin setup, SSO and data import plan."),
            .init(.email, .outbound, "2026-10-05", "chen.wei", "Sent the SSO setup guide and import template."),
            .init(.email, .inbound, "2026-10-07", "chen.wei", "{primary}: SSO blocked by their IdP team, will come back to us."),
            .init(.email, .outbound, "2026-10-21", "chen.wei", "Offered a setup session for the data import."),
            .init(.email, .outbound, "2026-11-09", "chen.wei", "Checked in on SSO; no reply yet."),
        ]),
        band: "Yellow", alerts: [.init(.healthDrop, .orange, on: "2026-09-28")])

    /// 4. The account to ask for a reference.
    static let reference = DemoStory(4, "reference", S(
        id: "ACC-0066", name: "Saffron Coast Hotels Pvt Ltd", slug: "saffron-coast-hotels", tier: .enterprise,
        owner: "bjorn.lindqvist", ae: "priya.nair", arr: 612_000, seats: 1200, start: day("2022-06-13"),
        renewal: day("2027-06-13"), timezone: "Asia/Kolkata",
        contacts: [.init("Aarav Gupta", "aarav.gupta", [.primary]), .init("Neha Banerjee", "neha.banerjee", [.champion]),
                   .init("Ananya Reddy", "ananya.reddy", [.sponsor]), .init("Ishaan Banerjee", "ishaan.banerjee", [])],
        latent: S.latent(0.93, 0.97, 0, 26),
        utilisation: S.line(0.86, 0.93, 0, 25), keyActions: S.line(1.0, 1.12, 0, 25), features: S.line(18, 21, 0, 25),
        qbrs: [day("2026-06-17"), day("2026-09-16")], meetingGap: 21,
        answers: [.init(.sponsor, "2026-06-09", 10), .init(.champion, "2026-06-09", 10), .init(.primary, "2026-06-10", 9),
                  .init(.sponsor, "2026-09-08", 10), .init(.champion, "2026-09-09", 9), .init(.primary, "2026-09-10", 10)],
        touches: [
            .init(.call, .inbound, "2026-11-04", "bjorn.lindqvist",
                  "{champion} offered to speak at our customer webinar and take reference calls."),
        ]),
        band: "Green", alerts: [])

    /// 5. A steady decline through every threshold to a Red renewal at risk.
    static let steadyDecline = DemoStory(5, "steady-decline", S(
        id: "ACC-0093", name: "Ferrovia Verde S.p.A.", slug: "ferrovia-verde", tier: .midMarket,
        owner: "jonas.muller", ae: "mateusz.wojcik", arr: 118_000, seats: 180, start: day("2024-02-15"),
        renewal: day("2027-02-15"), timezone: "Europe/Rome",
        contacts: [.init("Niccolò Greco", "niccolo.greco", [.primary]), .init("Lorenzo Greco", "lorenzo.greco", [.champion]),
                   .init("Giulia Rossi", "giulia.rossi", [.sponsor])],
        latent: S.latent(0.8, 0.18, 0, 26),
        utilisation: S.line(0.84, 0.30, 0, 25), keyActions: S.line(1.0, 0.45, 2, 25), features: S.line(10, 4, 0, 25),
        touchGap: S.line(10, 34, 0, 25), meetings: [day("2026-06-03"), day("2026-07-15")], qbrs: [],
        cases: [.init(.high, "2026-08-19", "2026-09-02"), .init(.high, "2026-09-23", "2026-10-14"),
                .init(.critical, "2026-10-21", "2026-11-04"), .init(.high, "2026-10-28"), .init(.critical, "2026-11-12")],
        answers: [.init(.primary, "2026-06-09", 8), .init(.champion, "2026-06-11", 7), .init(.primary, "2026-09-08", 5),
                  .init(.champion, "2026-09-10", 4)]),
        band: "Red", alerts: [.init(.healthDrop, .red, on: "2026-08-24"), .init(.detractor, .orange, on: "2026-09-14")], unanswered: true)

    /// 6. A score hovering around 70: one alert, not ten (hysteresis).
    static let hovering = DemoStory(6, "hovering", S(
        id: "ACC-0076", name: "Maple & Quill Publishing Inc.", slug: "maple-quill", tier: .midMarket,
        owner: "siobhan.oconnor", ae: "priya.nair", arr: 64_000, seats: 110, start: day("2023-04-10"),
        renewal: day("2027-04-10"), timezone: "America/Toronto",
        contacts: [.init("Chloe O'Brien", "chloe.obrien", [.primary]), .init("Emily MacLeod", "emily.macleod", [.champion]),
                   .init("Sam Carter", "sam.carter", [.sponsor]), .init("James Nguyen", "james.nguyen", [])],
        latent: S.latent(0.55),
        // Fitted so the score dips under 70 in early August, stays at 68–74 into October,
        // climbs to 76 and falls under 70 again in the last fortnight.
        utilisation: [0.7364, 0.7364, 0.7545, 0.7727, 0.7091, 0.5909, 0.4455, 0.3455, 0.3727, 0.4364, 0.5909, 0.6545, 0.6273,
                      0.5545, 0.4545, 0.3909, 0.4000, 0.4727, 0.5818, 0.6727, 0.6455, 0.5545, 0.4818, 0.4273, 0.4273, 0.4636],
        keyActions: S.flat(1.0, 23) + [0.92, 0.86, 0.82], features: S.flat(6),
        touchGap: S.flat(12), meetings: [day("2026-06-22"), day("2026-08-31"), day("2026-10-26")], qbrs: [],
        cases: [.init(.high, "2026-06-29", "2026-07-03"), .init(.medium, "2026-08-11", "2026-08-20"),
                .init(.high, "2026-09-15", "2026-09-18"), .init(.low, "2026-10-27")],
        answers: [.init(.primary, "2026-06-11", 7), .init(.champion, "2026-09-09", 7)]),
        band: "Yellow", alerts: [.init(.healthDrop, .amber, on: "2026-08-03", recovers: true), .init(.healthDrop, .amber, on: "2026-11-16")])

    /// 7. A July release broke their order sync; back to normal by September.
    static let dipAndRecovery = DemoStory(7, "dip-recover", S(
        id: "ACC-0127", name: "Distribuciones Río Claro S.L.", slug: "rio-claro", tier: .midMarket,
        owner: "amelie.durand", ae: "mateusz.wojcik", arr: 71_500, seats: 95, start: day("2023-09-01"),
        renewal: day("2027-09-01"), timezone: "Europe/Madrid",
        contacts: [.init("Javier García", "javier.garcia", [.primary]), .init("Íñigo Gómez", "inigo.gomez", [.champion]),
                   .init("Ximena Muñoz", "ximena.munoz", [.sponsor]), .init("María José López", "mariajose.lopez", [])],
        latent: S.flat(0.82, 7) + [0.7, 0.55, 0.45, 0.42, 0.45, 0.5, 0.6, 0.7, 0.78, 0.82] + S.flat(0.84, 10),
        utilisation: S.flat(0.82, 7) + [0.70, 0.55, 0.42, 0.36, 0.36, 0.40, 0.50, 0.62, 0.72, 0.78] + S.flat(0.82, 9),
        keyActions: S.flat(1.0, 7) + [0.85, 0.62, 0.50, 0.45, 0.48, 0.55, 0.68, 0.82, 0.92, 1.0] + S.flat(1.05, 9),
        meetings: [day("2026-06-10"), day("2026-08-05"), day("2026-08-26"), day("2026-10-14")], qbrs: [day("2026-09-16")],
        cases: [.init(.critical, "2026-07-13", "2026-07-29"), .init(.high, "2026-07-16", "2026-07-30"),
                .init(.high, "2026-07-22", "2026-08-12")],
        answers: [.init(.primary, "2026-06-10", 8), .init(.primary, "2026-09-09", 9)],
        touches: [
            .init(.call, .outbound, "2026-07-27", "amelie.durand",
                  "Rescue call with {primary}: the July release broke their order sync. Workaround agreed."),
            .init(.meeting, .outbound, "2026-08-05", "amelie.durand",
                  "Recovery plan with {sponsor}: weekly sync until order volume is back."),
            .init(.email, .inbound, "2026-09-02", "amelie.durand", "{primary}: volumes back to normal, thanks for staying on it."),
        ]),
        band: "Green", alerts: [.init(.healthDrop, .orange, on: "2026-08-03", recovers: true),
                                .init(.usageDrop, .orange, on: "2026-08-10", recovers: true),
                                .init(.usageSurge, .info, on: "2026-09-14")])

    /// 8. Key actions down by half in a month, sixteen days before the renewal.
    static let usageDrop = DemoStory(8, "usage-drop", S(
        id: "ACC-0081", name: "上海青松软件有限公司", slug: "qingsong-soft", tier: .midMarket,
        owner: "chen.wei", ae: "mateusz.wojcik", arr: 56_000, seats: 120, start: day("2024-12-09"),
        renewal: day("2026-12-09"), timezone: "Asia/Shanghai",
        contacts: [.init("赵敏", "min.zhao", [.primary, .champion]), .init("赵静", "jing.zhao", [.sponsor]),
                   .init("张磊", "lei.zhang", []), .init("王芳", "fang.wang", [])],
        latent: S.latent(0.8, 0.42, 21, 26),
        utilisation: S.flat(0.78, 22) + [0.55, 0.46, 0.42, 0.40], keyActions: S.flat(1.0, 22) + [0.62, 0.52, 0.48, 0.45],
        features: S.flat(10), answers: []),
        band: "Yellow", alerts: [.init(.healthDrop, .amber, on: "2026-11-16"), .init(.usageDrop, .orange, on: "2026-11-16")])

    /// 9. Usage up by half, more users than seats: time to talk about expansion.
    static let usageSurge = DemoStory(9, "usage-surge", S(
        id: "ACC-0056", name: "Zielona Dolina Foods sp. z o.o.", slug: "zielona-dolina", tier: .midMarket,
        owner: "lucia.fernandez", ae: "priya.nair", arr: 48_000, seats: 80, start: day("2025-03-17"),
        renewal: day("2027-03-17"), timezone: "Europe/Warsaw",
        contacts: [.init("Zuzana Nagy", "zuzana.nagy", [.primary]), .init("Agnieszka Szabó", "agnieszka.szabo", [.champion]),
                   .init("Łukasz Dvořák", "lukasz.dvorak", [.sponsor])],
        latent: S.latent(0.85, 0.95, 21, 26),
        utilisation: S.flat(0.80, 22) + [0.92, 0.98, 1.04, 1.08], keyActions: S.flat(1.0, 22) + [1.35, 1.50, 1.58, 1.62],
        answers: [.init(.champion, "2026-09-08", 9)],
        touches: [
            .init(.email, .inbound, "2026-11-12", "lucia.fernandez",
                  "{champion}: rolling out to the Kraków plant, asked about adding 30 seats."),
        ]),
        band: "Green", alerts: [.init(.usageSurge, .info, on: "2026-11-16")])

    /// 10. The executive sponsor left.
    static let sponsorLeft = DemoStory(10, "sponsor-left", S(
        id: "ACC-0141", name: "Atlas Meridian Shipping Lines Ltd", slug: "atlas-meridian", tier: .enterprise,
        owner: "siobhan.oconnor", ae: "mateusz.wojcik", arr: 355_000, seats: 640, start: day("2024-05-03"),
        renewal: day("2027-05-03"), timezone: "Europe/London",
        contacts: [.init("Noah O'Brien", "noah.obrien", [.primary]), .init("Emily Abernathy", "emily.abernathy", [.champion]),
                   .init("Rebecca Murphy", "rebecca.murphy", [.sponsor], left: true), .init("Jamal Delgado", "jamal.delgado", [])],
        latent: S.latent(0.82, 0.7, 22, 26),
        answers: [.init(.champion, "2026-06-09", 8), .init(.primary, "2026-09-10", 8)],
        touches: [
            .init(.note, .outbound, "2026-11-16", "siobhan.oconnor",
                  "{sponsor} (our executive sponsor) has left; {champion} says a new COO starts in January."),
        ]),
        band: "Green", alerts: [.init(.sponsorLeft, .orange, on: "2026-06-01")])

    /// 11. The sponsor of an enterprise account answers NPS with a 3.
    static let detractor = DemoStory(11, "detractor", S(
        id: "ACC-0118", name: "شركة النخلة الذهبية للتجارة", slug: "golden-palm-trading", tier: .enterprise,
        owner: "bjorn.lindqvist", ae: "priya.nair", arr: 274_000, seats: 420, start: day("2024-08-26"),
        renewal: day("2027-08-26"), timezone: "Asia/Dubai",
        contacts: [.init("ليلى سليمان", "layla.suleiman", [.primary, .champion]), .init("يوسف منصور", "youssef.mansour", [.sponsor]),
                   .init("رنا الخطيب", "rana.alkhatib", []), .init("نور الخطيب", "nour.alkhatib", []),
                   .init("سلمى حداد", "salma.haddad", [])],
        latent: S.latent(0.8, 0.6, 24, 26),
        utilisation: S.line(0.78, 0.70, 18, 25),
        answers: [.init(.primary, "2026-06-10", 8), .init(.champion, "2026-09-08", 8), .init(.sponsor, "2026-11-18", 3)],
        touches: [
            .init(.email, .inbound, "2026-11-18", "bjorn.lindqvist",
                  "{sponsor} replied to the survey: Arabic right-to-left templates still broken after 2 months."),
        ]),
        band: "Green", alerts: [.init(.detractor, .orange, on: "2026-11-23")])

    /// 12. A small bakery 38 days late with its payment.
    static let paymentOverdue30 = DemoStory(12, "payment-30", S(
        id: "ACC-0137", name: "Sunny Side Bakery 🥐", slug: "sunnyside-bakery", tier: .smb,
        owner: "lucia.fernandez", ae: nil, arr: 6_800, seats: 12, start: day("2025-06-02"),
        renewal: day("2027-06-02"), timezone: "America/Chicago",
        contacts: [.init("Emily Brooks", "emily.brooks", [.primary]), .init("Zoë Bennett", "zoe.bennett", [.champion]),
                   .init("Sam Okafor", "sam.okafor", [])],
        latent: S.latent(0.78, 0.62, 21, 26),
        answers: [],
        payments: [(day("2026-10-26"), 10), (day("2026-11-23"), 38)]),
        band: "Green", alerts: [.init(.paymentOverdue, .orange, on: "2026-11-23")])

    /// 13. 61 days overdue: the score is capped at 40 however well they use the product.
    static let paymentOverdue60 = DemoStory(13, "payment-60", S(
        id: "ACC-0095", name: "Kovács & Társa Építőipari Kft.", slug: "kovacs-tarsa", tier: .midMarket,
        owner: "jonas.muller", ae: "mateusz.wojcik", arr: 41_000, seats: 70, start: day("2024-03-22"),
        renewal: day("2027-03-22"), timezone: "Europe/Budapest",
        contacts: [.init("Katarzyna Dvořák", "katarzyna.dvorak", [.primary]), .init("Zsófia Kowalczyk", "zsofia.kowalczyk", [.champion]),
                   .init("Petra Nagy", "petra.nagy", [.sponsor]), .init("Łukasz Szabó", "lukasz.szabo", [])],
        latent: S.latent(0.72, 0.5, 25, 26),
        answers: [.init(.primary, "2026-06-11", 8)],
        payments: [(day("2026-09-28"), 5), (day("2026-10-26"), 33), (day("2026-11-23"), 61)],
        touches: [
            .init(.email, .outbound, "2026-11-02", "jonas.muller",
                  "Finance flagged invoice INV-2026-0917 as 30+ days late; asked {primary} to chase AP."),
        ]),
        band: "Red", alerts: [.init(.paymentOverdue, .orange, on: "2026-10-26"), .init(.healthDrop, .red, on: "2026-11-23")])

    /// 14. Nobody has heard from them since August, and the renewal is within six months.
    static let goneDark = DemoStory(14, "gone-dark", S(
        id: "ACC-0078", name: "Bluefin Marine Supplies LLC", slug: "bluefin-marine", tier: .midMarket,
        owner: "jonas.muller", ae: "priya.nair", arr: 52_500, seats: 85, start: day("2023-04-20"),
        renewal: day("2027-04-20"), timezone: "America/Los_Angeles",
        contacts: [.init("Hannah Bennett", "hannah.bennett", [.primary]), .init("Marcus Walsh", "marcus.walsh", [.champion]),
                   .init("Aaliyah Patel", "aaliyah.patel", [.sponsor]), .init("Noah MacLeod", "noah.macleod", [])],
        latent: S.latent(0.68, 0.42, 11, 26),
        quietAfter: day("2026-08-12"),
        answers: [.init(.primary, "2026-06-12", 7)]),
        band: "Yellow", alerts: [.init(.checkinOverdue, .amber, on: "2026-06-29", recovers: true),
                                 .init(.checkinOverdue, .amber, on: "2026-09-14"), .init(.healthDrop, .orange, on: "2026-10-12"),
                                 .init(.goneDark, .orange, on: "2026-11-16")])

    /// 15. Healthy, but no contact for 49 days (the enterprise limit is 45).
    static let checkInEnterprise = DemoStory(15, "checkin-ent", S(
        id: "ACC-0020", name: "Groupe Hôtelier Belle Époque SA", slug: "belle-epoque", tier: .enterprise,
        owner: "amelie.durand", ae: "mateusz.wojcik", arr: 228_000, seats: 380, start: day("2021-10-04"),
        renewal: day("2027-10-04"), timezone: "Europe/Paris",
        contacts: [.init("Gaëlle Moreau", "gaelle.moreau", [.primary, .champion]), .init("Léa Faure", "lea.faure", [.sponsor]),
                   .init("Théo Roux", "theo.roux", []), .init("Hugo Lefèvre", "hugo.lefevre", []),
                   .init("Louis Chevalier", "louis.chevalier", [])],
        latent: S.latent(0.82),
        quietAfter: day("2026-10-05"),
        answers: [.init(.primary, "2026-06-11", 9), .init(.sponsor, "2026-09-09", 9)]),
        band: "Green", alerts: [.init(.checkinOverdue, .amber, on: "2026-11-23")])

    /// 16. Mid-market, 38 days without contact (the limit is 30).
    static let checkInMidMarket = DemoStory(16, "checkin-mid", S(
        id: "ACC-0029", name: "Havsbris Rederi AB", slug: "havsbris", tier: .midMarket,
        owner: "siobhan.oconnor", ae: "priya.nair", arr: 39_500, seats: 60, start: day("2025-07-07"),
        renewal: day("2027-07-07"), timezone: "Europe/Stockholm",
        contacts: [.init("Oskar Sørensen", "oskar.sorensen", [.primary]), .init("Freja Johansson", "freja.johansson", [.champion]),
                   .init("Astrid Halvorsen", "astrid.halvorsen", [.sponsor])],
        latent: S.latent(0.8),
        quietAfter: day("2026-10-16"),
        answers: [.init(.champion, "2026-09-10", 8)]),
        band: "Green", alerts: [.init(.checkinOverdue, .amber, on: "2026-11-16")])

    /// 17. A small account quiet for 105 days, but its renewal is far away: late, not dark.
    static let checkInSMB = DemoStory(17, "checkin-smb", S(
        id: "ACC-0069", name: "אורן ירוק תעשיות בע״מ", slug: "oren-yarok", tier: .smb,
        owner: "bjorn.lindqvist", ae: nil, arr: 9_400, seats: 18, start: day("2024-09-09"),
        renewal: day("2027-09-09"), timezone: "Asia/Jerusalem",
        contacts: [.init("איתי מזרחי", "itay.mizrahi", [.sponsor, .primary]), .init("שירה לוי", "shira.levi", [.champion])],
        latent: S.latent(0.76),
        quietAfter: day("2026-08-10"),
        answers: [.init(.sponsor, "2026-06-15", 9)]),
        band: "Green", alerts: [.init(.checkinOverdue, .amber, on: "2026-11-09")])

    /// 18. Day 30 of a good onboarding.
    static let onboardingDay30 = DemoStory(18, "onboarding-30", S(
        id: "ACC-0125", name: "Lantern Hill Dental Group Ltd", slug: "lantern-hill-dental", tier: .smb,
        owner: "chen.wei", ae: nil, arr: 11_200, seats: 22, start: day("2026-10-24"),
        renewal: day("2027-10-24"), timezone: "Europe/Dublin",
        contacts: [.init("Fiona MacLeod", "fiona.macleod", [.primary]), .init("Grace MacLeod", "grace.macleod", [.champion]),
                   .init("Sam Okafor", "sam.okafor", [])],
        latent: S.latent(0.86),
        utilisation: S.flat(0.72), keyActions: S.flat(0.8), features: S.flat(4),
        onlyTold: true, answers: [],
        touches: [
            .init(.meeting, .outbound, "2026-10-27", "chen.wei", "Kickoff with {primary}: admin setup done in the call."),
            .init(.call, .outbound, "2026-11-05", "chen.wei", "Training session for the front-desk team."),
            .init(.email, .inbound, "2026-11-12", "chen.wei", "{primary}: all 12 staff invited, first campaign sent."),
            .init(.checkIn, .outbound, "2026-11-20", "chen.wei", "30-day check-in with {primary}: on track."),
        ]),
        // Its first week scores 68: little usage yet and nothing else on file (missing is missing).
        band: "Green", alerts: [.init(.healthDrop, .amber, on: "2026-10-26")])

    /// 19. Day 90: onboarding done, check-ins kept, moving to adoption today.
    static let onboardingDay90 = DemoStory(19, "onboarding-90", S(
        id: "ACC-0068", name: "Clínicas Cerro Dorado S.A. de C.V.", slug: "cerro-dorado", tier: .midMarket,
        owner: "lucia.fernandez", ae: "priya.nair", arr: 44_000, seats: 75, start: day("2026-08-25"),
        renewal: day("2027-08-25"), timezone: "America/Mexico_City",
        contacts: [.init("Carmen García", "carmen.garcia", [.primary]), .init("María José López", "mariajose.lopez", [.champion]),
                   .init("Sergio Iglesias", "sergio.iglesias", [.sponsor]), .init("Álvaro Gómez", "alvaro.gomez", [])],
        latent: S.latent(0.7, 0.85, 13, 26),
        utilisation: S.line(0.56, 0.74, 13, 25), keyActions: S.line(0.7, 0.95, 13, 25), features: S.line(6, 9, 13, 25),
        answers: [],
        touches: [
            .init(.meeting, .outbound, "2026-08-27", "lucia.fernandez", "Kickoff with {primary} and {sponsor}."),
            .init(.checkIn, .outbound, "2026-09-24", "lucia.fernandez", "30-day check-in: two clinics live."),
            .init(.checkIn, .outbound, "2026-10-26", "lucia.fernandez", "60-day check-in: all five clinics live."),
            .init(.call, .outbound, "2026-11-20", "lucia.fernandez", "Call with {primary}: planning the rollout to the last teams."),
        ]),
        // Its first weeks score 66–70 (a slow start, nothing else on file yet), then it climbs.
        band: "Green", alerts: [.init(.healthDrop, .amber, on: "2026-08-31", recovers: true)])

    /// 20. Churned at its renewal on 2026-10-01.
    static let churned = DemoStory(20, "churned", S(
        id: "ACC-0025", name: "Wrenfield Staffing Co.", slug: "wrenfield-staffing", tier: .smb,
        owner: "siobhan.oconnor", ae: nil, arr: 7_200, seats: 15, start: day("2024-10-01"),
        renewal: day("2026-10-01"), timezone: "America/New_York", status: .churned,
        contacts: [.init("Emily MacLeod", "emily.macleod", [.primary], optOut: true), .init("Fiona Hughes", "fiona.hughes", [.champion]),
                   .init("Grace Bennett", "grace.bennett", [])],
        latent: S.latent(0.3, 0.1, 10, 19),
        utilisation: S.line(0.36, 0.12, 0, 18), keyActions: S.line(1.0, 0.5, 0, 18), features: S.flat(1),
        churnedOn: day("2026-10-01"),
        // Their complaints pile up through August, before they said they would not renew.
        cases: [.init(.high, "2026-07-29", "2026-08-05"), .init(.high, "2026-08-19", "2026-08-26"),
                .init(.medium, "2026-08-20", "2026-09-02")],
        answers: [.init(.champion, "2026-06-10", 7)],
        payments: [(day("2026-10-05"), 0)],
        touches: [
            .init(.call, .inbound, "2026-09-15", "siobhan.oconnor",
                  "{primary}: they are consolidating tools after the merger and will not renew."),
        ]),
        band: nil, alerts: [.init(.healthDrop, .red, on: "2026-08-24")])
}
