public import Foundation

/// nginx in front of several servers, as docs/DEPLOY.md describes: round robin, the
/// next server on a refused connection, proxy timeouts longer than the long-poll hold.
public final class NginxProxy: Sendable {
    public let url: String
    private let process: Process
    private let folder: String

    public init(upstreams: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") else {
            throw TestFailure("nginx is not installed: run make deps")
        }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("momentum-nginx-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let port = try freePort()
        let servers = upstreams.map { "server \($0.replacingOccurrences(of: "http://", with: "")) max_fails=0;" }.joined(separator: "\n        ")
        let config = """
            daemon off;
            master_process off;
            worker_processes 1;
            error_log \(folder)/error.log warn;
            pid \(folder)/nginx.pid;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(folder)/body;
                proxy_temp_path \(folder)/proxy;
                fastcgi_temp_path \(folder)/fastcgi;
                uwsgi_temp_path \(folder)/uwsgi;
                scgi_temp_path \(folder)/scgi;
                upstream momentum {
                    \(servers)
                    keepalive 32;
                }
                server {
                    listen 127.0.0.1:\(port);
                    location / {
                        proxy_pass http://momentum;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_read_timeout 60s;
                        proxy_send_timeout 60s;
                        proxy_connect_timeout 2s;
                        proxy_buffering off;
                        proxy_next_upstream error timeout http_502 http_503;
                    }
                }
            }
            """
        try Data(config.utf8).write(to: URL(fileURLWithPath: folder + "/nginx.conf"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/nginx")
        process.arguments = ["-p", folder, "-c", folder + "/nginx.conf"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.runAlone()
        self.process = process
        url = "http://127.0.0.1:\(port)"
    }

    /// Waits until nginx accepts connections.
    public func ready() async -> Bool {
        let port = Int(url.split(separator: ":").last ?? "") ?? 0
        return await eventually(within: 10) { canConnect(port: port) }
    }

    public func stop() {
        // Without a master process nginx may wait on open keep-alive connections after SIGTERM; this one holds nothing worth keeping.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A port nobody listens on now (the kernel's pick for port 0).
public func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw TestFailure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

func canConnect(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}
