internal import CCurl
import Foundation
import Synchronization

/// libcurl once per process, before any handle exists (curl_global_init is not thread-safe).
private let curlGlobalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

/// HTTP over libcurl: one thread drives a curl multi handle for every request in flight.
///
/// Blocking in curl on Swift's cooperative pool (2 threads here) would freeze every task,
/// so the engine owns a thread that waits in `curl_multi_poll`; `send` queues a transfer,
/// wakes that thread with `curl_multi_wakeup`, and suspends until the transfer completes.
/// This is the only file that imports CCurl.
public final class CurlEngine: HTTPTransport, Sendable {
    /// The largest answer accepted; more is an error, not a memory spike.
    public static let maxResponseBytes = 8 * 1024 * 1024

    private struct Shared {
        var incoming: [Transfer] = []
        var cancelled: [UInt64] = []
        var stopping = false
        var nextId: UInt64 = 1
    }

    /// What `send` hands to the engine thread.
    private final class Inbox: Sendable {
        let state = Mutex(Shared())
        func withLock<T>(_ body: (inout Shared) -> T) -> T { state.withLock { body(&$0) } }
    }

    private let shared = Inbox()
    /// The multi handle, used by the engine thread only, except `curl_multi_wakeup` which is thread-safe.
    private let multi: MultiHandle
    /// A PEM file of the authorities to trust instead of the system's (`--ca-file`).
    private let caFile: String?

    /// `caFile`: a PEM bundle of certificate authorities trusted instead of the system's,
    /// for a school whose server's certificate comes from its own authority.
    public init(caFile: String? = nil) {
        self.caFile = caFile
        _ = curlGlobalInit
        multi = MultiHandle()
        // The thread holds the multi handle and the inbox itself: it outlives the engine
        // until it has cancelled what is in flight, so `shutdown` never has to wait for it.
        let thread = Thread { [multi, shared] in
            CurlEngine.loop(multi: multi, shared: shared)
        }
        thread.name = "momentum-curl"
        thread.start()
    }

    /// Stops the engine thread; requests in flight fail with `.cancelled`. Does not block
    /// (it is called from async code, where waiting would hold a cooperative thread).
    public func shutdown() {
        let already = shared.withLock { state -> Bool in
            defer { state.stopping = true }
            return state.stopping
        }
        guard !already else { return }
        curl_multi_wakeup(multi.handle)
    }

    deinit { shutdown() }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let id = shared.withLock { state -> UInt64 in
            defer { state.nextId += 1 }
            return state.nextId
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) in
                let transfer = Transfer(id: id, request: request, caFile: caFile, continuation: continuation)
                let accepted = shared.withLock { state -> Bool in
                    guard !state.stopping else { return false }
                    state.incoming.append(transfer)
                    return true
                }
                if accepted {
                    curl_multi_wakeup(multi.handle)
                } else {
                    transfer.complete(.failure(TransportError.cancelled))
                }
            }
        } onCancel: {
            shared.withLock { $0.cancelled.append(id) }
            curl_multi_wakeup(multi.handle)
        }
        return try result.get()
    }

    // MARK: The engine thread

    private static func loop(multi: MultiHandle, shared: Inbox) {
        var active: [UInt64: Transfer] = [:]
        var byHandle: [UnsafeMutableRawPointer: UInt64] = [:]
        while true {
            let (incoming, cancelled, stopping) = shared.withLock { state in
                defer {
                    state.incoming.removeAll()
                    state.cancelled.removeAll()
                }
                return (state.incoming, state.cancelled, state.stopping)
            }
            for transfer in incoming {
                if let error = transfer.prepare() {
                    transfer.complete(.failure(error))
                    continue
                }
                active[transfer.id] = transfer
                byHandle[transfer.easy] = transfer.id
                curl_multi_add_handle(multi.handle, transfer.easy)
            }
            let toCancel = stopping ? Array(active.keys) : cancelled
            for id in toCancel {
                guard let transfer = active.removeValue(forKey: id) else { continue }
                byHandle[transfer.easy] = nil
                curl_multi_remove_handle(multi.handle, transfer.easy)
                transfer.complete(.failure(.cancelled))
            }
            if stopping { return }

            var running: Int32 = 0
            curl_multi_perform(multi.handle, &running)
            var left: Int32 = 0
            while let message = curl_multi_info_read(multi.handle, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                      let id = byHandle.removeValue(forKey: easy), let transfer = active.removeValue(forKey: id)
                else { continue }
                let code = message.pointee.data.result
                curl_multi_remove_handle(multi.handle, easy)
                transfer.finish(code: code)
            }
            // No periodic timeout: curl shortens the wait to its own next timer while
            // transfers are in flight, and `send`, cancellation and `shutdown` wake the
            // thread with curl_multi_wakeup; an idle client sleeps (curl_multi_poll(3)).
            curl_multi_poll(multi.handle, nil, 0, Int32.max, nil)
        }
    }
}

/// Owns the multi handle and frees it when the engine goes.
private final class MultiHandle: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    init() {
        handle = curl_multi_init()
        // Reuse connections across transfers; a long-poll and a send may each hold one.
        momentum_multi_setopt_long(handle, CURLMOPT_MAXCONNECTS, 8)
    }

    deinit { curl_multi_cleanup(handle) }
}

/// One request in flight: its easy handle, header list, received bytes, and who waits for it.
/// Touched by the engine thread only, after `send` hands it over.
private final class Transfer: @unchecked Sendable {
    let id: UInt64
    let request: HTTPRequest
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private var continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>?
    var body = Data()
    var headers: [String: String] = [:]
    var overflowed = false
    /// The authorities to trust instead of the system's, for a school's own CA.
    let caFile: String?
    /// curl writes its sentence for a failed transfer here (CURLOPT_ERRORBUFFER).
    let errorBuffer: UnsafeMutablePointer<CChar>

    init(id: UInt64, request: HTTPRequest, caFile: String?, continuation: CheckedContinuation<Result<HTTPResponse, TransportError>, Never>) {
        self.id = id
        self.request = request
        self.caFile = caFile
        self.continuation = continuation
        easy = curl_easy_init()
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    }

    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Sets every option; nil when the request can go, otherwise why not.
    func prepare() -> TransportError? {
        let url = request.url.lowercased()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { return .invalidURL(request.url) }
        var failed: CURLcode = CURLE_OK
        func set(_ code: CURLcode) { if code != CURLE_OK && failed == CURLE_OK { failed = code } }
        set(momentum_easy_setopt_string(easy, CURLOPT_URL, request.url))
        // Only http and https, never a redirect: a bearer token must not follow a Location header.
        set(momentum_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https"))
        set(momentum_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        set(momentum_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, 0))
        set(momentum_easy_setopt_long(easy, CURLOPT_SSL_VERIFYPEER, 1))
        set(momentum_easy_setopt_long(easy, CURLOPT_SSL_VERIFYHOST, 2))
        if let caFile { set(momentum_easy_setopt_string(easy, CURLOPT_CAINFO, caFile)) }
        set(momentum_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer))
        // Signals would interrupt the UI thread; curl must not use them for timeouts.
        set(momentum_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1))
        set(momentum_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, 10_000))
        set(momentum_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, Int(request.timeout * 1000)))
        // No low-speed limit: over the whole timeout it cut off nothing the timeout does not,
        // and its check woke the network thread every second of every idle long-poll.
        set(momentum_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(CurlEngine.maxResponseBytes)))
        set(momentum_easy_setopt_long(easy, CURLOPT_TCP_KEEPALIVE, 1))
        set(momentum_easy_setopt_string(easy, CURLOPT_USERAGENT, "momentum/0.1"))

        var list: UnsafeMutablePointer<curl_slist>? = nil
        // "Expect:" turns off the 100-continue round trip on POST.
        for line in ["Accept: application/json", "Expect:"] + request.headers.sorted(by: { $0.key < $1.key }).map({ "\($0.key): \($0.value)" }) {
            list = curl_slist_append(list, line)
        }
        headerList = list
        set(momentum_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list))

        switch request.method {
        case "GET":
            set(momentum_easy_setopt_long(easy, CURLOPT_HTTPGET, 1))
        case "POST":
            let body = request.body ?? Data()
            set(momentum_easy_setopt_long(easy, CURLOPT_POST, 1))
            set(momentum_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)))
            body.withUnsafeBytes { raw in
                // COPYPOSTFIELDS copies now, so the Data need not outlive this call.
                set(momentum_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!)))
            }
        default:
            set(momentum_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, request.method))
        }

        let me = Unmanaged.passUnretained(self).toOpaque()
        set(momentum_easy_setopt_callback(easy, CURLOPT_WRITEFUNCTION, { pointer, size, count, userdata in
            guard let userdata, let pointer else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
            let length = size * count
            if transfer.body.count + length > CurlEngine.maxResponseBytes {
                transfer.overflowed = true
                return 0
            }
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) { transfer.body.append($0, count: length) }
            return length
        }))
        set(momentum_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, me))
        set(momentum_easy_setopt_callback(easy, CURLOPT_HEADERFUNCTION, { pointer, size, count, userdata in
            guard let userdata, let pointer else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(userdata).takeUnretainedValue()
            let length = size * count
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                transfer.header(UnsafeBufferPointer(start: $0, count: length))
            }
            return length
        }))
        set(momentum_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, me))
        if failed != CURLE_OK { return .other("libcurl refused an option: " + String(cString: curl_easy_strerror(failed))) }
        return nil
    }

    /// One header line as curl hands it over ("Name: value\r\n"; a status line starts the
    /// headers of a new answer, after a redirect or a 100): the name lowercased, the value
    /// without the spaces, tabs and line end around it. Read as bytes: header names are ASCII
    /// tokens, and Foundation's trimming ran for every line of every poll answer.
    func header(_ line: UnsafeBufferPointer<UInt8>) {
        if line.starts(with: "HTTP/".utf8) { headers.removeAll() }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        var start = colon + 1
        var end = line.count
        while start < end, blank(line[start]) { start += 1 }
        while end > start, blank(line[end - 1]) { end -= 1 }
        let name = String(decoding: line[..<colon].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        headers[name] = String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self)
    }

    func finish(code: CURLcode) {
        if code == CURLE_OK {
            var status = 0
            momentum_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
            complete(.success(HTTPResponse(status: status, headers: headers, body: body)))
        } else {
            complete(.failure(Self.error(code, overflowed: overflowed, message: String(cString: errorBuffer))))
        }
    }

    func complete(_ result: Result<HTTPResponse, TransportError>) {
        continuation?.resume(returning: result)
        continuation = nil
    }

    /// The one place where curl's error codes become Swift errors.
    /// `message` is curl's own sentence for this transfer (CURLOPT_ERRORBUFFER: "SSL certificate
    /// problem: self-signed certificate"), more precise than the code's generic one.
    static func error(_ code: CURLcode, overflowed: Bool, message: String = "") -> TransportError {
        let detail = message.isEmpty ? String(cString: curl_easy_strerror(code)) : message
        switch code {
        case CURLE_WRITE_ERROR where overflowed, CURLE_FILESIZE_EXCEEDED: return .responseTooLarge
        case CURLE_OPERATION_TIMEDOUT: return .timedOut
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .cannotResolve(detail)
        case CURLE_COULDNT_CONNECT, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING: return .cannotConnect(detail)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT: return .invalidURL(detail)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .certificate(detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM:
            return .tls(detail)
        default: return .other(detail)
        }
    }
}
