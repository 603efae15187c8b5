import FolioDomain
import FolioStore

/// A change made in this session that `u` takes back: what the store needs to undo each
/// record it changed, and the change in words ("acknowledging alert 12").
public struct UndoStep: Sendable, Hashable {
    public var changes: [UndoDesk.Change]
    public var what: String
    /// A change `u` does not take back (it told someone), and what does instead: `u` says so
    /// and drops it, rather than quietly taking back the change before it.
    public var instead: String?

    public init(_ changes: [UndoDesk.Change], what: String, instead: String? = nil) {
        self.changes = changes
        self.what = what
        self.instead = instead
    }

    /// The step a finished change leaves, when it is one `u` can take back.
    static func after(_ outcome: ChangeOutcome) -> UndoStep? {
        switch outcome {
        case let .alertsChanged(.handOver(to, _), done, _):
            // Handing over told someone; it is not taken back by a key (hand it back instead).
            let ids = done.compactMap(\.id)
            let what = ids.count == 1 ? "handing alert \(ids[0]) over" : "handing \(ids.count) alerts over"
            return UndoStep([], what: what, instead: "\(to) was told and keeps it; h hands it back")
        case let .accountReassigned(done):
            return UndoStep([], what: "giving \(done.accountID) to \(done.to)",
                            instead: "\(done.to) was told and has it now; T gives it back to \(done.from)")
        case let .alertsChanged(change, done, _):
            let changes = done.compactMap { alert in alert.id.map { UndoDesk.Change.alert(id: $0, after: alert) } }
            guard !changes.isEmpty else { return nil }
            let verb = switch change {
            case .acknowledge: "acknowledging"
            case .snooze: "snoozing"
            case .resolve: "resolving"
            case .handOver: "handing over"
            }
            let ids = done.compactMap(\.id)
            return UndoStep(changes, what: ids.count == 1 ? "\(verb) alert \(ids[0])" : "\(verb) \(ids.count) alerts")
        case let .activityLogged(logged, account):
            return UndoStep([.activity(id: logged.activity.id, accountID: account.id)],
                            what: "logging the \(logged.activity.kind.rawValue) on \(account.id)")
        case let .renewalMoved(id, stage, moved):
            return UndoStep([.renewal(before: moved.before, after: moved.after, rolledFrom: moved.renewalRolled?.from,
                                      rolledTo: moved.renewalRolled?.to, churned: moved.accountChurned)],
                            what: "moving renewal \(id) to \(stage.rawValue)")
        case let .sequenceStarted(sequence, account, _, enrolment?):
            return UndoStep([.sequence(enrolmentID: enrolment, accountID: account.id, sequence: sequence)],
                            what: "starting \(sequence) on \(account.id)")
        default:
            return nil
        }
    }
}

/// `u`: the store takes back the last change of the session still on the list.
func undoLast(in state: inout AppState) -> [Effect] {
    guard let step = state.undoable.last else {
        state.flash = Flash("nothing to undo: no change of yours in this session is left to take back")
        return []
    }
    if let instead = step.instead {
        // Said once; the next `u` is for the change before it.
        state.undoable.removeLast()
        state.flash = Flash("\(step.what) is not taken back by u: \(instead)")
        return []
    }
    state.flash = Flash("taking back \(step.what)\(state.glyphs.underWay)")
    return [.undo(step)]
}
