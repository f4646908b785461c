import NIOCore

/// Takes a request's body out of the connection's bytes as they arrive: a known length,
/// or chunks. It keeps at most `keep` bytes (the router refuses a body past
/// `Limits.requestBodyMax` with 413, so one byte more than that is all it needs to see)
/// and reads past the rest, so the next request on the connection starts where it should.
struct RequestBodyReader {
    enum Failure: Error, Equatable {
        case malformedChunk
    }

    private enum Phase {
        case length(remaining: Int)
        /// Waiting for a chunk-size line.
        case chunkSize
        case chunkData(remaining: Int)
        /// The CRLF after a chunk's data.
        case chunkEnd
        /// Trailer lines after the last chunk, up to an empty line.
        case trailers
        case done
    }

    private var phase: Phase
    private(set) var body: ByteBuffer
    /// Bytes of body seen, kept or not.
    private(set) var total = 0
    let keep: Int

    init(_ framing: RequestHead.Body, keep: Int, allocator: ByteBufferAllocator) {
        self.keep = keep
        switch framing {
        case .none: phase = .done
        case .length(let length): phase = .length(remaining: length)
        case .chunked: phase = .chunkSize
        }
        body = allocator.buffer(capacity: 0)
    }

    var isDone: Bool {
        if case .done = phase { return true }
        return false
    }

    /// True once more than `keep` bytes came: the request will be refused.
    var overflowed: Bool { total > keep }

    /// Consumes what it can of `buffer`; returns when the body is done or the bytes ran out.
    mutating func read(_ buffer: inout ByteBuffer) throws(Failure) {
        while !isDone, buffer.readableBytes > 0 {
            switch phase {
            case .length(let remaining):
                let left = take(remaining, from: &buffer)
                phase = left == 0 ? .done : .length(remaining: left)
            case .chunkSize:
                guard let line = try Self.line(&buffer) else { return }
                guard let size = Self.chunkSize(line) else { throw .malformedChunk }
                phase = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let left = take(remaining, from: &buffer)
                phase = left == 0 ? .chunkEnd : .chunkData(remaining: left)
            case .chunkEnd:
                guard let line = try Self.line(&buffer) else { return }
                guard line.readableBytes == 0 else { throw .malformedChunk }
                phase = .chunkSize
            case .trailers:
                guard let line = try Self.line(&buffer) else { return }
                if line.readableBytes == 0 { phase = .done }
            case .done:
                return
            }
        }
    }

    /// Takes up to `wanted` bytes of body from `buffer`; answers how many are still wanted.
    private mutating func take(_ wanted: Int, from buffer: inout ByteBuffer) -> Int {
        let count = min(wanted, buffer.readableBytes)
        keepSome(buffer.readSlice(length: count)!)
        return wanted - count
    }

    private mutating func keepSome(_ slice: ByteBuffer) {
        total += slice.readableBytes
        let room = keep + 1 - body.readableBytes
        if room > 0 { body.writeImmutableBuffer(slice.getSlice(at: slice.readerIndex, length: min(room, slice.readableBytes))!) }
    }

    /// A line up to CRLF (without it), consumed; nil when its end has not arrived. A line
    /// longer than 4 KB is malformed (a chunk size with a huge extension).
    private static func line(_ buffer: inout ByteBuffer) throws(Failure) -> ByteBuffer? {
        let view = buffer.readableBytesView
        guard let lf = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > 4096 { throw .malformedChunk }
            return nil
        }
        let length = lf - view.startIndex
        guard length >= 1, view[lf - 1] == UInt8(ascii: "\r") else { throw .malformedChunk }
        let line = buffer.readSlice(length: length - 1)!
        buffer.moveReaderIndex(forwardBy: 2)
        return line
    }

    /// The hexadecimal size before any `;extension`.
    private static func chunkSize(_ line: ByteBuffer) -> Int? {
        var size = 0, digits = 0
        for byte in line.readableBytesView {
            let digit: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = Int(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "\t"):
                return digits > 0 ? size : nil
            default: return nil
            }
            digits += 1
            if digits > 12 { return nil }
            size = size * 16 + digit
        }
        return digits > 0 ? size : nil
    }
}
