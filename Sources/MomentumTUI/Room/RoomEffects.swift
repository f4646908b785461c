import Logging
import SessionClient
import Widgets

/// The one interpreter of the room's effects: changes and reads go to the room session, the
/// bell to the terminal, log lines to `--log-file`. The full screen and plain mode share it.
struct RoomEffects {
    let session: RoomSession
    /// Nil in plain mode, which rings no bell.
    var terminal: (any Terminal)?
    var logger: Logger?

    func run(_ effect: RoomEffect) -> RunnerFlow {
        switch effect {
        case .quit: return .stop
        case .bell: terminal?.bell()
        case .send(let kind): session.enqueue(kind)
        case .retry(let id): session.retry(id)
        case .dismiss(let id): session.remove(id)
        case .moderate(let action, let request): session.enqueue(.moderation(action, request))
        case .fetchHistory(let before): session.fetchHistory(before: before)
        case .fetchReport(let request): session.fetchReport(request)
        case .log(let line): logger?.warning("\(line)")
        }
        return .proceed
    }
}
