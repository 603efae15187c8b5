import Testing
import FolioDomain

/// An alert's transitions (DESIGN §2.3), each a pure function: the alert after it, or why not.
@Suite struct AlertLifecycleTests {
    static let asOf = Day(iso: "2026-11-23")!
    static let raisedAt: Int64 = 1_795_413_600 // 2026-11-23 06:00 UTC

    static func alert(_ state: Alert.State = .open) -> Alert {
        var a = Alert(id: 4, accountID: "A1", kind: .healthDrop, severity: .amber, reason: "score 72 → 66, below 70 (amber)",
                      raisedOn: asOf, raisedAt: raisedAt, dueBy: raisedAt + 5 * 86_400, recipients: ["ana"])
        a.state = state
        return a
    }

    /// What each transition makes of an alert in each state: the new state, or the refusal.
    @Test(arguments: [
        // from, transition, to (nil: refused)
        (Alert.State.open, "ack", Alert.State?.some(.acknowledged)), (.acknowledged, "ack", nil), (.snoozed, "ack", .acknowledged),
        (.resolved, "ack", nil),
        (.open, "snooze", .snoozed), (.acknowledged, "snooze", .snoozed), (.snoozed, "snooze", .snoozed), (.resolved, "snooze", nil),
        (.open, "resolve", .resolved), (.acknowledged, "resolve", .resolved), (.snoozed, "resolve", .resolved), (.resolved, "resolve", nil),
        (.open, "hand over", .open), (.acknowledged, "hand over", .acknowledged), (.resolved, "hand over", nil),
    ])
    func transitions(_ from: Alert.State, _ transition: String, _ to: Alert.State?) {
        let a = Self.alert(from)
        let result: Result<Alert, Alert.Refusal> = switch transition {
        case "ack": a.acknowledged(by: "ana", at: Self.raisedAt + 3_600)
        case "snooze": a.snoozed(until: Self.asOf.adding(days: 7), reason: "customer away", asOf: Self.asOf)
        case "resolve": a.resolved(outcome: .saved, note: "QBR booked", by: "ana", at: Self.raisedAt + 7_200)
        default: a.handedOver(to: "kenji")
        }
        #expect((try? result.get())?.state == to)
    }

    @Test func acknowledgingRecordsWhoAndWhenAndEndsASnooze() throws {
        let snoozed = try Self.alert().snoozed(until: Self.asOf.adding(days: 3), reason: "away", asOf: Self.asOf).get()
        let acked = try snoozed.acknowledged(by: "ana", at: Self.raisedAt + 3_600).get()
        #expect(acked.acknowledgedBy == "ana" && acked.acknowledgedAt == Self.raisedAt + 3_600)
        #expect(acked.snoozedUntil == nil && acked.snoozeReason == nil)
        #expect(acked.acknowledged(by: "max", at: 0) == .failure(.alreadyAcknowledged(by: "ana", at: Self.raisedAt + 3_600)))
        #expect(Alert.Refusal.alreadyAcknowledged(by: "ana", at: Self.raisedAt + 3_600).description
                == "already acknowledged by ana at 2026-11-23 07:00 UTC")
    }

    @Test func aSnoozeNeedsALaterDayAndAReason() {
        let a = Self.alert()
        #expect(a.snoozed(until: Self.asOf, reason: "x", asOf: Self.asOf) == .failure(.snoozeNotAfter(until: Self.asOf, asOf: Self.asOf)))
        #expect(a.snoozed(until: Self.asOf.adding(days: 1), reason: " \n", asOf: Self.asOf) == .failure(.snoozeWithoutReason))
        #expect(!Alert.Refusal.snoozeWithoutReason.isConflict && Alert.Refusal.alreadyRecipient("x").isConflict)
    }

    @Test func aSnoozeReopensOnItsDayNotBefore() throws {
        let snoozed = try Self.alert().snoozed(until: Self.asOf.adding(days: 7), reason: "away", asOf: Self.asOf).get()
        #expect(snoozed.reopened(asOf: Self.asOf.adding(days: 6)) == .failure(.notDueToReopen))
        let open = try snoozed.reopened(asOf: Self.asOf.adding(days: 7)).get()
        #expect(open.state == .open && open.snoozedUntil == nil)
        #expect(Self.alert().reopened(asOf: Self.asOf) == .failure(.notDueToReopen))
    }

    @Test func resolvingKeepsTheOutcomeAndANoteOnlyWhenThereIsOne() throws {
        let resolved = try Self.alert().resolved(outcome: .noAction, note: "", by: "ana", at: 9).get()
        #expect(resolved.outcome == .noAction && resolved.note == nil && resolved.resolvedBy == "ana" && resolved.resolvedAt == 9)
        #expect(resolved.resolved(outcome: .saved, note: nil, by: "max", at: 10) == .failure(.alreadyResolved(by: "ana", at: 9, outcome: .noAction)))
        #expect(Alert.Refusal.alreadyResolved(by: "vera", at: Self.raisedAt + 10_920, outcome: .saved).description
                == "already resolved by vera at 2026-11-23 09:02 UTC (saved)")
    }

    @Test func handingOverTellsSomeoneElseOnce() throws {
        let handed = try Self.alert().handedOver(to: "kenji").get()
        #expect(handed.recipients == ["ana", "kenji"])
        #expect(handed.handedOver(to: "kenji") == .failure(.alreadyRecipient("kenji")))
    }

    @Test func anEscalationNeedsAcknowledgingAgainAndEasingAsksNothingMore() throws {
        let acked = try Self.alert().acknowledged(by: "ana", at: Self.raisedAt + 60).get()
        let up = acked.escalated(to: .orange, reason: "score 66 → 58, below 60 (orange)", routedTo: ["ana", "max"], dueBy: Self.raisedAt + 172_800)
        #expect(up.severity == .orange && up.state == .open && up.acknowledgedBy == nil && up.acknowledgedAt == nil)
        #expect(up.recipients == ["ana", "max"] && up.dueBy == Self.raisedAt + 172_800)
        let down = up.eased(to: .amber)
        #expect(down.severity == .amber && down.recipients == up.recipients && down.dueBy == up.dueBy && down.state == .open)
    }
}
