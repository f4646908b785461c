public import Foundation
import Synchronization

/// A tiny https server (python3's `ssl` module) with a self-signed certificate made by
/// openssl for 127.0.0.1: it answers every request 404 `wrong_code`, which is enough to
/// tell a refused certificate (no answer at all) from a trusted one (the server's refusal).
public final class TLSStub: Sendable {
    public let url: String
    /// The certificate, PEM: what a school gives its learners as `--ca-file`.
    public let certificate: String
    private let process: Process

    private static let script = """
        import http.server, json, ssl, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def answer(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.dumps({"error": "wrong_code", "message": "no workshop has this code"}).encode()
                self.send_response(404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_GET = answer
            do_POST = answer
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """

    public init() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("momentum-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        certificate = folder + "/cert.pem"
        let key = folder + "/key.pem"
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.runAlone()
        openssl.waitUntilExit()
        guard openssl.terminationStatus == 0 else { throw TestFailure("openssl could not make a certificate") }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, certificate, key]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        let port = Mutex("")
        try process.runAlone()
        readUntilEnd(pipe.fileHandleForReading) { data in port.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        self.process = process
        let started = await eventually(within: 10) { port.withLock { $0.hasSuffix("\n") } }
        guard started, let number = Int(port.withLock { $0 }.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            throw TestFailure("the python3 TLS server did not start")
        }
        url = "https://127.0.0.1:\(number)"
    }

    /// SIGKILL: the test process's children may inherit a signal mask that blocks SIGTERM.
    public func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
