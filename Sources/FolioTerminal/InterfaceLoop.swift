import Foundation
import FolioTUI

/// The interface loop (DESIGN §1.1): read a key, reduce, run the effects it asks for
/// and feed their results back, draw the new frame. Slow effects (the whole book) run
/// on a background queue, one after another, and their results are reduced between
/// keys. Restores the terminal on every way out: quit, a signal (thrown by `readKey`),
/// or an error from a draw.
public final class InterfaceLoop {
    public typealias EffectRunner = @Sendable (Effect) -> Action?

    private let terminal: Terminal
    private let runEffect: EffectRunner
    private let log: @Sendable (String) -> Void
    /// Says whether someone else changed the data since it last asked (`ChangeWatch`).
    private let hasDataChanged: (@Sendable () -> Bool)?
    let background = BackgroundEffects()
    public private(set) var state: AppState

    /// How long a key read waits before the loop checks for signals again.
    public static let keyTimeout = 100
    /// How long it waits while a background effect is under way: its result is drawn
    /// at most this late.
    public static let busyKeyTimeout = 10
    /// How often the loop asks whether the data changed: a change by another session shows
    /// within about this, plus a load.
    public static let changePollInterval: Duration = .seconds(1)
    /// How often SLA countdowns are brought up to date when nothing else happens.
    public static let clockInterval: Duration = .seconds(30)

    public init(terminal: Terminal, state: AppState, runEffect: @escaping EffectRunner,
                log: @escaping @Sendable (String) -> Void = { _ in }, hasDataChanged: (@Sendable () -> Bool)? = nil) {
        self.terminal = terminal
        self.state = state
        self.runEffect = runEffect
        self.log = log
        self.hasDataChanged = hasDataChanged
    }

    /// Runs until quit or a signal; returns the exit code (0, or 128 + the signal).
    /// `initialEffects` defaults to `Effect.start`: the book's first screenful.
    public func run(initialEffects: [Effect]? = nil) -> Int32 {
        defer { terminal.restore() }
        state.size = terminal.size.clamped
        draw()
        perform(initialEffects ?? Effect.start(state))
        draw()
        var lastPoll = ContinuousClock.now
        var lastClock = ContinuousClock.now
        do {
            while !state.isQuitting {
                let key = try terminal.readKey(timeout: background.isBusy ? Self.busyKeyTimeout : Self.keyTimeout)
                // Results that arrived before the key are reduced before it.
                var changed = false
                if let hasDataChanged, ContinuousClock.now - lastPoll >= Self.changePollInterval {
                    lastPoll = ContinuousClock.now
                    if hasDataChanged() {
                        log("the data changed; loading again")
                        perform(reduce(&state, .dataChanged))
                        changed = true
                    }
                }
                if ContinuousClock.now - lastClock >= Self.clockInterval {
                    lastClock = ContinuousClock.now
                    perform(reduce(&state, .timePassed))
                }
                for result in background.takeResults() {
                    perform(reduce(&state, result))
                    changed = true
                }
                if let action = key.flatMap(action(for:)) {
                    perform(reduce(&state, action))
                    changed = true
                }
                if changed { draw() }
            }
            log("quit")
            return 0
        } catch let error as TerminalError {
            log("stopping: \(error.message)")
            return error.exitCode
        } catch {
            log("stopping: \(error)")
            return 1
        }
    }

    private func action(for event: TerminalEvent) -> Action? {
        switch event {
        case .key(let key):
            return .key(key)
        case .resize(let size):
            log("resized to \(size.width)×\(size.height)")
            return .resized(size)
        }
    }

    /// Draws a frame and tells the state what it showed, so the next key pages by it and
    /// the next frame scrolls from there.
    private func draw() {
        let frame = InterfaceView.frame(state)
        terminal.draw(frame.canvas)
        if let shown = frame.shown { _ = reduce(&state, .drawn(shown)) }
    }

    /// Runs effects one after another; each result is reduced at once and may ask for more.
    private func perform(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if effect == .redraw {
                terminal.invalidate()
                continue
            }
            if effect.runsInBackground {
                background.run(effect, with: runEffect, log: log)
                continue
            }
            let started = ContinuousClock.now
            guard let result = runEffect(effect) else { continue }
            log("\(effect) took \(ContinuousClock.now - started)")
            queue += reduce(&state, result)
        }
    }
}

/// Effects running off the loop's thread, in order on one serial queue, and the actions
/// they produced, waiting for the loop to take them.
final class BackgroundEffects: @unchecked Sendable {
    private let queue = DispatchQueue(label: "folio.interface.effects")
    private let lock = NSLock()
    private var running = 0
    private var results: [Action] = []
    /// Queued and not started yet.
    private var waiting: Set<Effect> = []

    /// True while an effect runs or its result waits.
    var isBusy: Bool {
        lock.lock()
        defer { lock.unlock() }
        return running > 0 || !results.isEmpty
    }

    func run(_ effect: Effect, with runner: @escaping InterfaceLoop.EffectRunner, log: @escaping @Sendable (String) -> Void) {
        lock.lock()
        // The same load already waiting will read the newest data when it starts: once is enough
        // (a change noticed twice, by the action and by the watch, loads a big book once).
        if waiting.contains(effect) {
            lock.unlock()
            return
        }
        waiting.insert(effect)
        running += 1
        lock.unlock()
        queue.async { [self] in
            lock.lock()
            waiting.remove(effect)
            lock.unlock()
            let started = ContinuousClock.now
            let result = runner(effect)
            log("\(effect) took \(ContinuousClock.now - started) in the background")
            lock.lock()
            running -= 1
            if let result { results.append(result) }
            lock.unlock()
        }
    }

    /// The results so far, oldest first; each is handed out once.
    func takeResults() -> [Action] {
        lock.lock()
        defer { lock.unlock() }
        let taken = results
        results.removeAll()
        return taken
    }
}
