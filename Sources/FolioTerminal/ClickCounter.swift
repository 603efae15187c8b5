import FolioTUI

/// Tells a double click from two clicks: a second press of the same button on the same
/// cell within `interval` counts 2 (a third starts again at 1).
struct ClickCounter {
    var interval: Duration = .milliseconds(400)
    private var last: (event: MouseEvent, at: ContinuousClock.Instant)?

    init(interval: Duration = .milliseconds(400)) {
        self.interval = interval
    }

    mutating func count(_ event: MouseEvent, at now: ContinuousClock.Instant) -> MouseEvent {
        guard case .press = event.kind else { return event }
        var counted = event
        if let last, last.event.clicks == 1, last.event.kind == event.kind, last.event.column == event.column,
           last.event.row == event.row, now - last.at <= interval {
            counted.clicks = 2
        }
        last = (counted, now)
        return counted
    }
}
