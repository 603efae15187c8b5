// The mouse does only what keys do (never required): a click on a tab shows its view, a
// click on a row selects it and a double click opens it, the wheel moves three rows.

/// Rows the wheel moves at a notch.
let wheelStep = 3

func click(_ event: MouseEvent, in state: inout AppState) -> [Effect] {
    guard !state.isTooSmall else { return [] }
    switch state.mode {
    case .normal:
        break
    case .help(let scroll, let search):
        // The wheel scrolls help; a click does nothing there.
        let step = event.kind == .wheelDown ? wheelStep : event.kind == .wheelUp ? -wheelStep : 0
        if step != 0 { state.mode = .help(scroll: max(0, scroll + step), search: search) }
        return []
    case .confirm(var confirmation):
        // A long question scrolls with the wheel; answering takes a key.
        guard event.kind == .wheelDown || event.kind == .wheelUp else { return [] }
        _ = confirmation.apply(event.kind == .wheelDown ? .moveDown : .moveUp)
        state.mode = .confirm(confirmation)
        return []
    default:
        return []
    }
    state.flash = nil
    let layout = Layout(state)
    switch event.kind {
    case .wheelDown:
        move(by: wheelStep, in: &state)
    case .wheelUp:
        move(by: -wheelStep, in: &state)
    case .press(.left):
        if event.row == layout.tabRow {
            guard let tab = TabBar.tabs(state).first(where: { $0.columns.contains(event.column) }),
                  let view = state.tabs.first(where: { $0.kind == tab.kind }),
                  let command = state.keymap.viewCommand(view) else { return [] }
            return run(command.name, argument: nil, in: &state)
        }
        guard let shown = state.shown, shown.screen == state.screens.topID,
              state.onTop({ screen, _ in screen.select(at: event.row, shown: shown) }) else { return [] }
        if event.clicks >= 2 { return run(.open, argument: nil, in: &state) }
    default:
        break
    }
    return []
}
