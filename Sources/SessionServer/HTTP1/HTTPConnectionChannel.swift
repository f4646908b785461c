import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's server with `HTTPConnection` as each connection's pipeline.
///
/// Hummingbird's `Server` keeps the listening socket, the service lifecycle and the graceful
/// shutdown (it asks each connection to quiesce, then waits for them to close). Its child
/// channel decides what a connection is: here, one handler on the event loop, and no task
/// of its own (`handle` returns at once). Requests for the router still run in tasks, one
/// per request, for as long as the request lasts.
struct HTTPConnectionChannel: ServerChildChannel {
    struct Connection: ServerChildChannelValue {
        let channel: any Channel
    }

    let shared: HTTPConnection.Shared

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(HTTPConnection(shared: shared))
            return Connection(channel: channel)
        }
    }

    func handle(value: Connection, logger: Logger) async {}
}
