import Hummingbird
import NIOCore
import NIOHTTPTypes
import SessionModel

/// Answers the common long-poll on the connection's event loop, before Hummingbird's router.
///
/// Hummingbird hands each request to a task on Swift's pool and the answer back to the event
/// loop: for a poll parked for 30 s and answered with the same bytes as 14 others, those
/// hand-offs and the router cost more than the work. This handler sits after the HTTP codec;
/// a `GET /v1/rooms/{id}/events` that `LongPollFastPath` accepts is answered or parked here
/// and never reaches Hummingbird. Every other request, and every poll the fast path
/// declines, goes on unchanged. Responses stay in request order: a request that arrives
/// while a poll is held here waits, and no poll is taken here while Hummingbird still owes
/// an answer on the connection.
final class LongPollHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// Hummingbird or nobody has the connection.
        case idle
        /// A poll's head was taken; its `.end` has not arrived yet.
        case reading(HTTPRequest, LongPollFastPath.Request)
        /// The poll is parked in the hub.
        case parked(LongPollFastPath.Request, waiterId: UInt64, viewer: Viewer)
        /// The answer needs the store; a task reads it.
        case readingStore
    }

    private let fastPath: LongPollFastPath
    private var phase = Phase.idle
    /// Requests handed to Hummingbird whose response has not ended yet.
    private var owed = 0
    /// Parts of requests that arrived while a poll was held here, replayed after its answer.
    private var queued: [HTTPRequestPart] = []
    private var context: ChannelHandlerContext?

    init(fastPath: LongPollFastPath) {
        self.fastPath = fastPath
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch phase {
        case .parked, .readingStore:
            queued.append(part)
            return
        case .reading(let head, let request):
            switch part {
            case .head:
                queued.append(part)
            case .body:
                // A GET with a body is unusual: the router answers it.
                hand(head, to: context)
                context.fireChannelRead(data)
            case .end:
                serve(request, head: head, context: context)
            }
        case .idle:
            if !queued.isEmpty {
                queued.append(part)
                return
            }
            if case .head(let head) = part, owed == 0, let request = candidate(head) {
                phase = .reading(head, request)
                return
            }
            if case .head = part { owed += 1 }
            context.fireChannelRead(data)
        }
    }

    /// The poll this request is, when the fast path may answer it.
    private func candidate(_ head: HTTPRequest) -> LongPollFastPath.Request? {
        guard head.method == .get, let target = head.path,
              head.headerFields[.contentLength] == nil, head.headerFields[.transferEncoding] == nil,
              head.headerFields[.connection] == nil
        else { return nil }
        return fastPath.request(target: target, authorization: head.headerFields[.authorization])
    }

    /// Gives a request whose head this handler held to Hummingbird after all.
    private func hand(_ head: HTTPRequest, to context: ChannelHandlerContext) {
        phase = .idle
        owed += 1
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    private func serve(_ request: LongPollFastPath.Request, head: HTTPRequest, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let delivery = RoomHub.Delivery { answer in
            loop.execute { bound.value.delivered(answer) }
        }
        switch fastPath.poll(request, delivery: delivery) {
        case .answered(let bytes):
            phase = .idle
            respond(bytes)
        case .parked(let waiterId, let viewer):
            phase = .parked(request, waiterId: waiterId, viewer: viewer)
        case .declined:
            hand(head, to: context)
            context.fireChannelRead(wrapInboundOut(.end(nil)))
        }
    }

    /// The hub's answer for the parked poll, on the event loop; nil: the window moved past it.
    private func delivered(_ answer: ByteBuffer?) {
        guard case .parked(let request, _, let viewer) = phase else { return }
        fastPath.ended(roomId: request.roomId, participantId: viewer.participantId)
        guard let answer else {
            phase = .readingStore
            let fastPath = self.fastPath
            let loop = context?.eventLoop
            let bound = loop.map { NIOLoopBound(self, eventLoop: $0) }
            Task {
                let answer = try? await fastPath.storeAnswer(roomId: request.roomId, after: request.after, for: viewer)
                loop?.execute { bound?.value.readFromStore(answer) }
            }
            return
        }
        phase = .idle
        respond(answer)
    }

    private func readFromStore(_ answer: ByteBuffer?) {
        guard case .readingStore = phase else { return }
        phase = .idle
        if let answer {
            respond(answer)
        } else {
            respond(ErrorMiddleware.unavailableBody, status: .serviceUnavailable, retryAfter: 2)
        }
    }

    private func respond(_ body: ByteBuffer, status: HTTPResponse.Status = .ok, retryAfter: Int? = nil) {
        guard let context else { return }
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(body.readableBytes)]
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        replayQueued(context)
    }

    /// Requests that waited behind the poll, read again in order.
    private func replayQueued(_ context: ChannelHandlerContext) {
        guard !queued.isEmpty else { return }
        let parts = queued
        queued.removeAll()
        for part in parts {
            if case .idle = phase, queued.isEmpty {
                channelRead(context: context, data: wrapInboundOut(part))
            } else {
                queued.append(part)
            }
        }
        // Reads fired outside the channel's own read cycle reach Hummingbird only with this.
        context.fireChannelReadComplete()
    }

    /// Hummingbird lets a client half-close its side. A client that closes while its poll is
    /// parked is gone (or will read only what comes now): the poll gets its empty answer at
    /// once and leaves the hub, instead of waiting for Hummingbird's task to close the
    /// connection, which took seconds on a loaded machine.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed, case .parked(let request, let waiterId, let viewer) = phase {
            fastPath.service.hub.forget(waiterId: waiterId, roomId: request.roomId)
            fastPath.ended(roomId: request.roomId, participantId: viewer.participantId)
            phase = .idle
            respond(EventBatch.empty(cursor: request.after))
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .parked(let request, let waiterId, let viewer) = phase {
            // The client went away: the poll leaves the hub now, not at the end of its hold.
            fastPath.service.hub.forget(waiterId: waiterId, roomId: request.roomId)
            fastPath.ended(roomId: request.roomId, participantId: viewer.participantId)
        }
        phase = .idle
        queued.removeAll()
        context.fireChannelInactive()
    }

    // MARK: Outbound

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            owed = max(0, owed - 1)
            context.write(data, promise: promise)
            if owed == 0 { replayQueued(context) }
            return
        }
        context.write(data, promise: promise)
    }
}
