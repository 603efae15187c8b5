import FolioTUI

extension Key {
    /// The key as the interface sees it; nil for a resize (an action of its own).
    public var press: KeyPress? {
        switch self {
        case .char(let character): return .char(character)
        case .up: return .up
        case .down: return .down
        case .left: return .left
        case .right: return .right
        case .pageUp: return .pageUp
        case .pageDown: return .pageDown
        case .home: return .home
        case .end: return .end
        case .enter: return .enter
        case .escape: return .escape
        case .backspace: return .backspace
        case .delete: return .delete
        case .tab: return .tab
        case .backTab: return .backTab
        case .ctrl(let character): return .ctrl(character)
        case .function(let number): return .function(number)
        case .resize: return nil
        }
    }
}

/// The interface loop (DESIGN §1.1): read a key, reduce, run the effects it asks for
/// and feed their results back, draw the new frame. Restores the terminal on every way
/// out: quit, a signal (thrown by `readKey`), or an error from a draw.
public final class InterfaceLoop {
    public typealias EffectRunner = (Effect) -> Action?

    private let terminal: Terminal
    private let runEffect: EffectRunner
    private let log: (String) -> Void
    public private(set) var state: AppState

    /// How long a key read waits before the loop checks for signals again.
    public static let keyTimeout = 100

    public init(terminal: Terminal, state: AppState, runEffect: @escaping EffectRunner, log: @escaping (String) -> Void = { _ in }) {
        self.terminal = terminal
        self.state = state
        self.runEffect = runEffect
        self.log = log
    }

    /// Runs until quit or a signal; returns the exit code (0, or 128 + the signal).
    public func run(initialEffects: [Effect] = [.loadBook]) -> Int32 {
        defer { terminal.restore() }
        state.size = terminal.size
        terminal.draw(InterfaceView.render(state))
        perform(initialEffects)
        terminal.draw(InterfaceView.render(state))
        do {
            while !state.isQuitting {
                guard let key = try terminal.readKey(timeout: Self.keyTimeout) else { continue }
                let action: Action
                if case .resize(let width, let height) = key {
                    action = .resized(ScreenSize(width: width, height: height))
                    log("resized to \(width)×\(height)")
                } else if let press = key.press {
                    action = .key(press)
                } else {
                    continue
                }
                perform(reduce(&state, action))
                terminal.draw(InterfaceView.render(state))
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

    /// Runs effects one after another; each result is reduced at once and may ask for more.
    private func perform(_ effects: [Effect]) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if effect == .redraw {
                terminal.invalidate()
                continue
            }
            let started = ContinuousClock.now
            guard let result = runEffect(effect) else { continue }
            log("\(effect) took \(ContinuousClock.now - started)")
            queue += reduce(&state, result)
        }
    }
}
