import Logging
import NIOCore
import NIOHTTPTypes

/// Closes connections that hold the server without using it, and admits each one through
/// the `ConnectionBook`.
///
/// - idle: no request in progress for `idleTimeout` (this covers a request whose headers
///   trickle in a byte at a time: its head never completes);
/// - body: a request whose body has not ended `bodyTimeout` after its head.
///
/// A request in progress (a parked long-poll included) is never cut: its hold ends it.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    struct Timeouts: Sendable {
        var idle: TimeAmount
        var body: TimeAmount
    }

    private let book: ConnectionBook
    private let timeouts: Timeouts
    private let logger: Logger
    private var registered = false
    /// Requests whose head arrived and whose response has not ended.
    private var inProgress = 0
    private var timer: Scheduled<Void>?

    init(book: ConnectionBook, timeouts: Timeouts, logger: Logger) {
        self.book = book
        self.timeouts = timeouts
        self.logger = logger
    }

    private var id: ObjectIdentifier { ObjectIdentifier(self) }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { register(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        register(context)
        context.fireChannelActive()
    }

    private func register(_ context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        switch book.open(id, address: address, channel: context.channel) {
        case .admitted:
            arm(timeouts.idle, context)
        case .admittedAfterClosing(let idle):
            idle.close(promise: nil)
            arm(timeouts.idle, context)
        case .refused(let reason):
            logger.notice("connection refused", metadata: ["address": "\(address)", "why": "\(reason.rawValue)"])
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        book.close(id)
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            inProgress += 1
            if inProgress == 1 { book.setIdle(id, false) }
            let hasBody = head.headerFields[.contentLength].map { $0 != "0" } ?? (head.headerFields[.transferEncoding] != nil)
            if hasBody { arm(timeouts.body, context) } else { disarm() }
        case .end:
            disarm()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), inProgress > 0 {
            inProgress -= 1
            if inProgress == 0 {
                book.setIdle(id, true)
                arm(timeouts.idle, context)
            }
        }
        context.write(data, promise: promise)
    }

    private func arm(_ delay: TimeAmount, _ context: ChannelHandlerContext) {
        timer?.cancel()
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: delay) {
            channel.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }
}
