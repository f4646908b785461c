import Hummingbird
import HTTPTypes
import Logging
import NIOCore
import SessionModel

/// One HTTP/1.1 connection, served on its event loop: the server's whole pipeline.
///
/// Hummingbird's server gave every connection a Swift task for its lifetime (about 7 KB
/// each, 15,000 of them for a programme's parked polls), NIO's decoder and swift-http-types
/// made every header a `String` twice, and a poll crossed to the task and back. Here a
/// connection is this one handler: it reads request heads in place (`RequestHeadParser`),
/// answers or parks the common long-poll without leaving the event loop
/// (`LongPollFastPath`), and hands every other request, with its body read, to
/// Hummingbird's router in a task of its own, writing the response when it comes.
///
/// Requests are served one at a time, in order: bytes that arrive meanwhile (a pipelined
/// request) wait, and reading stops while they pile up. It also admits the connection
/// through the `ConnectionBook` and closes it when it holds the server without using it:
/// idle (no request in progress, or a head trickling in) for `idle`, or a body not done
/// `body` after its head. A request in progress, a parked poll included, is never cut.
final class HTTPConnection: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// What every connection of a server shares.
    struct Shared: Sendable {
        let fastPath: LongPollFastPath?
        let responder: RouterResponder<ServerContext>
        let book: ConnectionBook
        let timeouts: Timeouts
        let logger: Logger
    }

    struct Timeouts: Sendable {
        var idle: TimeAmount
        var body: TimeAmount
    }

    private enum Phase {
        /// Waiting for a request head (or reading one that has not ended).
        case idle
        /// Reading the body of a request for the router.
        case body(RequestHead, RequestBodyReader)
        /// The router has the request; its response is owed.
        case routing(Task<Void, Never>, cancellable: Bool)
        /// A long-poll parked in the hub.
        case parked(LongPollFastPath.Request, waiterId: UInt64, viewer: Viewer)
        /// A parked poll the window moved past: a task reads its answer from the store.
        case readingStore(LongPollFastPath.Request)
        case closed
    }

    private let shared: Shared
    private var phase = Phase.idle
    /// Bytes read and not yet consumed: the rest of a head, a body, pipelined requests.
    private var inbound: ByteBuffer?
    /// Close once the response in progress is written (`Connection: close`, a half-closed
    /// client, a server shutting down, a body too large to read on).
    private var closeAfterResponse = false
    /// A read NIO asked for while requests were piling up.
    private var readHeld = false
    private var registered = false
    private var ticket: ConnectionBook.Ticket?
    /// True while `process` runs: a response written from inside it lets the loop go on.
    private var processing = false
    /// When the connection closes if it stays as it is (idle, or a body unfinished); nil
    /// while a request is in progress.
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?
    private var timerDue: NIODeadline?
    private var context: ChannelHandlerContext?
    /// This connection's loop as a task executor, made for its first change.
    private var loopExecutor: EventLoopExecutor?

    /// Bytes a connection may hold unread while its current request is served.
    private static let pileUp = 64 * 1024
    /// A body past `Limits.requestBodyMax` is read to its end (the router refuses it with
    /// 413 and the connection goes on) up to this size; past it, the connection closes
    /// after the refusal, with the rest unread.
    private static let discardable = 1024 * 1024

    init(shared: Shared) {
        self.shared = shared
    }

    private var id: ObjectIdentifier { ObjectIdentifier(self) }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { register(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelActive(context: ChannelHandlerContext) {
        register(context)
        context.fireChannelActive()
    }

    private func register(_ context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        switch shared.book.open(id, address: address, channel: context.channel) {
        case .admitted(let ticket):
            self.ticket = ticket
            arm(shared.timeouts.idle)
        case .admittedAfterClosing(let ticket, let idle):
            self.ticket = ticket
            idle.close(promise: nil)
            arm(shared.timeouts.idle)
        case .refused(let reason):
            shared.logger.notice("connection refused", metadata: ["address": "\(address)", "why": "\(reason.rawValue)"])
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        timer?.cancel()
        timer = nil
        if registered { shared.book.close(id) }
        switch phase {
        case .parked(let request, let waiterId, let viewer):
            // The client went away: the poll leaves the hub now, not at the end of its hold.
            shared.fastPath?.service.hub.forget(waiterId: waiterId, roomId: request.roomId)
            shared.fastPath?.ended(roomId: request.roomId, participantId: viewer.participantId)
        case .routing(let task, let cancellable):
            // A general long-poll leaves the hub now. A write is not cancelled: GRDB would
            // interrupt its transaction, and a learner's post cut by a weak link commits
            // (its retry with the same clientId then gets the first answer) or not at all.
            if cancellable { task.cancel() }
        case .idle, .body, .readingStore, .closed:
            break
        }
        phase = .closed
        inbound = nil
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            // The client will send nothing more: serve what it sent, then close.
            finishThenClose(answeringPoll: true)
        } else if event is ChannelShouldQuiesceEvent {
            // The server is stopping: no new request on this connection.
            finishThenClose(answeringPoll: true)
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func finishThenClose(answeringPoll: Bool) {
        closeAfterResponse = true
        switch phase {
        case .idle:
            if !hasCompleteRequestPending { close() } else { process() }
        case .parked(let request, let waiterId, let viewer) where answeringPoll:
            // A client that closes its side while its poll is parked is gone (or reads only
            // what comes now): the poll gets its empty answer at once and leaves the hub.
            shared.fastPath?.service.hub.forget(waiterId: waiterId, roomId: request.roomId)
            shared.fastPath?.ended(roomId: request.roomId, participantId: viewer.participantId)
            respond(EventBatch.empty(cursor: request.after))
        case .body, .routing, .parked, .readingStore, .closed:
            break
        }
    }

    /// Whether the unread bytes begin with a whole head: worth serving before closing.
    private var hasCompleteRequestPending: Bool {
        guard let inbound, inbound.readableBytes > 0 else { return false }
        return (try? RequestHeadParser.parse(inbound)) != nil
    }

    private func close() {
        disarm()
        phase = .closed
        context?.close(promise: nil)
    }

    // MARK: Reading

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        if case .closed = phase { return }
        if inbound == nil || inbound!.readableBytes == 0 {
            inbound = bytes
        } else {
            inbound!.writeBuffer(&bytes)
        }
        process()
    }

    /// Serves what the unread bytes hold, as far as the current request allows.
    private func process() {
        processing = true
        defer { processing = false }
        while let context, var buffer = inbound, buffer.readableBytes > 0 {
            switch phase {
            case .idle:
                // The next request waits until the client reads the answers it has (`read`).
                guard context.channel.isWritable else { return }
                let head: RequestHead?
                do {
                    head = try RequestHeadParser.parse(buffer)
                } catch {
                    refuse(error.status, code: "bad_request", message: error.message)
                    return
                }
                guard let head else { return }
                buffer.moveReaderIndex(forwardBy: head.bytes.readableBytes)
                keep(buffer)
                begin(head, context: context)
            case .body(let head, var reader):
                do {
                    try reader.read(&buffer)
                } catch {
                    keep(buffer)
                    refuse(400, code: "bad_request", message: "The request's chunked body is malformed.")
                    return
                }
                keep(buffer)
                if reader.total > Self.discardable {
                    // Far too large to read on: the router refuses it, and the connection closes.
                    closeAfterResponse = true
                    inbound = nil
                    route(head, body: reader.body)
                } else if reader.isDone {
                    route(head, body: reader.body)
                } else {
                    phase = .body(head, reader)
                }
            case .routing, .parked, .readingStore, .closed:
                return
            }
        }
    }

    /// Keeps the bytes not read yet; none: the buffer goes, so that a parked poll's
    /// connection holds no read buffer (NIO's start at 2 KB).
    private func keep(_ buffer: ByteBuffer) {
        inbound = buffer.readableBytes > 0 ? buffer : nil
    }

    /// A head has arrived: a poll for the fast path, or a request for the router.
    private func begin(_ head: RequestHead, context: ChannelHandlerContext) {
        disarm()
        if let ticket { shared.book.setIdle(ticket, false) }
        if head.closes { closeAfterResponse = true }
        if let fastPath = shared.fastPath, head.body == .none, !head.closes, head.methodIs("GET"), let request = fastPath.request(head) {
            switch fastPath.poll(request, delivery: delivery(context)) {
            case .answered(let bytes):
                fastPath.answered.record(ContinuousClock.now - request.began)
                respond(bytes)
                return
            case .parked(let waiterId, let viewer):
                phase = .parked(request, waiterId: waiterId, viewer: viewer)
                return
            case .declined:
                break
            }
        }
        let reader = RequestBodyReader(head.body, keep: Limits.requestBodyMax, allocator: context.channel.allocator)
        if reader.isDone {
            route(head, body: reader.body)
            return
        }
        if head.expectsContinue {
            var buffer = context.channel.allocator.buffer(capacity: 32)
            buffer.writeStaticString("HTTP/1.1 100 Continue\r\n\r\n")
            context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        }
        arm(shared.timeouts.body)
        phase = .body(head, reader)
    }

    private func delivery(_ context: ChannelHandlerContext) -> RoomHub.Delivery {
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        return RoomHub.Delivery { answer in
            loop.execute { bound.value.delivered(answer) }
        }
    }

    // MARK: The long-poll

    /// The hub's answer for the parked poll, on the event loop; nil: the window moved past it.
    private func delivered(_ answer: ByteBuffer?) {
        guard case .parked(let request, _, let viewer) = phase, let fastPath = shared.fastPath else { return }
        fastPath.ended(roomId: request.roomId, participantId: viewer.participantId)
        guard let answer else {
            phase = .readingStore(request)
            let bound = context.map { NIOLoopBound(self, eventLoop: $0.eventLoop) }
            let loop = context?.eventLoop
            Task {
                let answer = try? await fastPath.storeAnswer(roomId: request.roomId, after: request.after, for: viewer)
                loop?.execute { bound?.value.readFromStore(answer) }
            }
            return
        }
        fastPath.answered.record(ContinuousClock.now - request.began)
        respond(answer)
    }

    private func readFromStore(_ answer: ByteBuffer?) {
        guard case .readingStore(let request) = phase else { return }
        if let answer {
            shared.fastPath?.answered.record(ContinuousClock.now - request.began)
            respond(answer)
        } else {
            respond(ErrorMiddleware.unavailableBody, status: .serviceUnavailable, retryAfter: 2)
        }
    }

    // MARK: The router

    /// Hands a request to Hummingbird's router in a task; its response is written on the loop.
    private func route(_ head: RequestHead, body: ByteBuffer) {
        disarm()
        guard let context else { return }
        guard let request = Self.request(head) else {
            refuse(400, code: "bad_request", message: "The request's method or a header name is not valid.")
            return
        }
        let loop = context.eventLoop
        let bound = NIOLoopBound(self, eventLoop: loop)
        let channel = context.channel
        let shared = self.shared
        let isHead = head.methodIs("HEAD")
        let reads = head.methodIs("GET") || isHead
        // Changes run on this loop but for their database work (`EventLoopExecutor`); reads,
        // reports and exports among them, stay on the pool, where a long one holds no loop.
        phase = .routing(Task(executorPreference: reads ? nil : executor(loop)) {
            let (response, body) = await shared.respond(to: Request(head: request, body: RequestBody(buffer: body)), channel: channel)
            let length = body.readableBytes, sent = isHead ? nil : body
            if loop.inEventLoop {
                bound.value.routed(response, body: sent, length: length)
            } else {
                loop.execute { bound.value.routed(response, body: sent, length: length) }
            }
        }, cancellable: reads)
    }

    private func executor(_ loop: any EventLoop) -> EventLoopExecutor {
        if let loopExecutor { return loopExecutor }
        let made = EventLoopExecutor(loop)
        loopExecutor = made
        return made
    }

    private func routed(_ response: HTTPResponse, body: ByteBuffer?, length: Int) {
        guard case .routing = phase, let context else { return }
        var head = context.channel.allocator.buffer(capacity: 256)
        ResponseHead.routed(response, length: length, closes: closeAfterResponse, into: &head)
        if let body, body.readableBytes > 0 {
            context.write(wrapOutboundOut(head), promise: nil)
            context.writeAndFlush(wrapOutboundOut(body), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(head), promise: nil)
        }
        responded()
    }

    /// swift-http-types' request for the router, or nil for a method or name it refuses.
    private static func request(_ head: RequestHead) -> HTTPRequest? {
        guard let method = HTTPRequest.Method(head.methodString) else { return nil }
        var fields = HTTPFields()
        fields.reserveCapacity(head.fields.count)
        for field in head.fields {
            guard let name = HTTPField.Name(head.string(field.name)) else { return nil }
            if name.canonicalName == "host" { continue }
            fields.append(HTTPField(name: name, value: head.string(field.value)))
        }
        return HTTPRequest(method: method, scheme: nil, authority: head.host.map(head.string), path: head.targetString, headerFields: fields)
    }

    // MARK: Writing

    /// Writes a JSON answer: the long-poll's, or an error of the connection's own.
    private func respond(_ body: ByteBuffer, status: HTTPResponse.Status = .ok, retryAfter: Int? = nil) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: 160 + body.readableBytes)
        ResponseHead.json(status: status, length: body.readableBytes, closes: closeAfterResponse, retryAfter: retryAfter, into: &buffer)
        buffer.writeImmutableBuffer(body)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
        responded()
    }

    /// After a response: close, or serve the next request.
    private func responded() {
        if closeAfterResponse {
            close()
            return
        }
        phase = .idle
        if let ticket { shared.book.setIdle(ticket, true) }
        arm(shared.timeouts.idle)
        if !processing { process() }
        resumeReading()
    }

    /// Answers a request this connection cannot read with `{error, message}`, and closes.
    private func refuse(_ status: Int, code: String, message: String) {
        closeAfterResponse = true
        inbound = nil
        let body = ByteBuffer(bytes: Array(#"{"error":"\#(code)","message":\#(JSONText.quoted(message))}"#.utf8))
        respond(body, status: HTTPResponse.Status(code: status))
    }

    /// Reading stops while the client does not read its answers (NIO's buffer of unwritten
    /// bytes is past its high mark) or while requests pile up behind the current one: a
    /// client pipelining thousands of requests it never reads the answers of would otherwise
    /// fill the server's memory with them.
    func read(context: ChannelHandlerContext) {
        let pilingUp: Bool
        if case .idle = phase { pilingUp = false } else { pilingUp = (inbound?.readableBytes ?? 0) >= Self.pileUp }
        if pilingUp || !context.channel.isWritable {
            readHeld = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            if case .idle = phase, !processing { process() }
            resumeReading()
        }
        context.fireChannelWritabilityChanged()
    }

    private func resumeReading() {
        guard readHeld, let context, context.channel.isWritable, (inbound?.readableBytes ?? 0) < Self.pileUp else { return }
        readHeld = false
        context.read()
    }

    // MARK: Timers

    /// Sets when the connection closes if nothing changes: `delay` from now.
    ///
    /// One timer serves every request: it is not cancelled and scheduled again per request
    /// (a tenth of the poll's own work), but scheduled for the earliest deadline and, when
    /// it fires, it closes the connection if the deadline has passed, or waits again for
    /// the current one.
    private func arm(_ delay: TimeAmount) {
        let due = NIODeadline.now() + delay
        deadline = due
        if let timerDue, timerDue <= due { return }
        schedule(at: due)
    }

    /// No deadline: a request is in progress.
    private func disarm() {
        deadline = nil
    }

    private func schedule(at due: NIODeadline) {
        timer?.cancel()
        guard let loop = context?.eventLoop else { return }
        timerDue = due
        let bound = NIOLoopBound(self, eventLoop: loop)
        timer = loop.scheduleTask(deadline: due) { bound.value.timerFired() }
    }

    private func timerFired() {
        timer = nil
        timerDue = nil
        guard let deadline else { return }
        if deadline <= .now() {
            context?.close(promise: nil)
        } else {
            schedule(at: deadline)
        }
    }
}

extension HTTPConnection.Shared {
    /// The router's response with its body read, as Hummingbird's application answered:
    /// an error no middleware turned into a response is a 500.
    func respond(to request: Request, channel: any Channel) async -> (HTTPResponse, ByteBuffer) {
        let context = ServerContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch {
            logger.debug("unhandled error", metadata: ["error": "\(error)"])
            return (HTTPResponse(status: .internalServerError), ByteBuffer())
        }
        let sink = CollectedBody()
        do {
            try await response.body.write(CollectingWriter(sink: sink))
        } catch {
            logger.debug("response body failed", metadata: ["error": "\(error)"])
            return (HTTPResponse(status: .internalServerError), ByteBuffer())
        }
        return (response.head, sink.buffer)
    }
}

/// A response body, gathered whole (answers are JSON of at most a few megabytes).
private final class CollectedBody: @unchecked Sendable {
    var buffer = ByteBuffer()
}

private struct CollectingWriter: ResponseBodyWriter {
    let sink: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        sink.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// JSON string literals for the connection's own error messages.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
