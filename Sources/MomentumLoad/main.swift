// momentum-load: the long-poll load generator of docs/BENCHMARKS.md. One thread, epoll and
// non-blocking sockets, HTTP parsed by hand: it must cost less per delivery than the
// servers it drives. `--nchan` drives nginx + Nchan with the same workload.
import ArgumentParser
import Foundation
import Glibc

struct MomentumLoad: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "momentum-load",
        abstract: "Drive a momentum server (or nginx + Nchan) with rooms of long-polling members and open-loop messages.",
        discussion: "Latency is measured from each message's scheduled send time to its arrival at each member. A run where the generator used more than 70% of its core is marked invalid.")

    @Option(help: "The server, http://127.0.0.1:PORT.") var target: String
    @Option(help: "The admin token of momentum serve (not needed with --nchan).") var adminToken = ""
    @Option(help: "Rooms.") var rooms = 10
    @Option(help: "Listening members per room.") var participants = 15
    @Option(help: "Messages per second, over all rooms.") var rate = 100.0
    @Flag(help: "Instead of --rate: every room publishes in the same instant, once a second.") var burst = false
    @Flag(help: "Publish nothing: hold every poll parked for --duration seconds and measure what that costs.") var idle = false
    @Option(help: "The share of members (0 to 1) that drop their connection and reconnect each second.") var churn = 0.0
    @Option(help: "Seconds of publishing.") var duration = 10.0
    @Option(help: "The server's process id, to read its CPU and memory from /proc.") var serverPid: Int32?
    @Option(help: "Also write the result as JSON to this file.") var json: String?
    @Option(help: "A name for this run in the report.") var label = ""
    @Flag(help: "Drive nginx + Nchan (/sub/ROOM, /pub/ROOM) instead of momentum.") var nchan = false
    @Option(help: "Instead of a load: post this many messages one after another and fail when the last ones cost more than --tolerance times the first ones.") var commits: Int?
    @Option(help: "With --commits: the largest ratio allowed.") var tolerance = 1.5

    func validate() throws {
        guard rooms > 0, participants > 0, rate > 0, duration > 0 else { throw ValidationError("rooms, participants, rate and duration must be positive.") }
        guard !(burst && idle) else { throw ValidationError("--burst and --idle cannot go together.") }
        guard (0...1).contains(churn) else { throw ValidationError("--churn is a share of the members, from 0 to 1.") }
        guard port != nil else { throw ValidationError("--target must be http://127.0.0.1:PORT.") }
    }

    var port: UInt16? { target.split(separator: ":").last.flatMap { UInt16($0.filter(\.isNumber)) } }

    func run() throws {
        if let commits {
            let outcome = try CommitGrowth(port: port!, adminToken: adminToken, count: max(4_000, commits), tolerance: tolerance).run()
            let verdict = outcome.ratio <= tolerance ? "holds" : "GROWS"
            print(String(format: "commit cost: median %.0f µs early, %.0f µs after %d commits: x%.2f, %@ (tolerance x%.2f)", outcome.firstMedian, outcome.lastMedian, commits, outcome.ratio, verdict, tolerance))
            if outcome.ratio > tolerance { throw ExitCode.failure }
            return
        }
        var loadTarget: any LoadTarget = nchan ? NchanTarget(port: port!) : MomentumTarget(port: port!, adminToken: adminToken)
        FileHandle.standardError.write(Data("momentum-load: setting up \(rooms) rooms of \(participants)...\n".utf8))
        let plans = try loadTarget.setup(rooms: rooms, participants: participants)
        let members = plans.enumerated().map { Member(plan: $1, source: Sockets.sourceAddress(10_000 + $0)) }
        let schedule: LoadSchedule = idle ? .idle : burst ? .burst : .steady(rate: rate)
        let run = LoadRun(target: loadTarget, members: members, rooms: rooms, schedule: schedule, duration: duration, churn: churn)
        // The server's memory once rooms and members exist but before any poll is open: what
        // the parked polls add is measured against it.
        let baseline = Usage.now(server: serverPid)
        var before = baseline, after = before
        run.run(onMeasuredStart: {
            before = Usage.now(server: serverPid)
            // A mark for profilers started from a script: the measured window begins now.
            FileHandle.standardError.write(Data("momentum-load: measuring\n".utf8))
        }, onMeasuredEnd: { after = Usage.now(server: serverPid) })
        let result = LoadResult(label: label.isEmpty ? (nchan ? "nchan" : "momentum") : label, run: run, before: before, after: after, parkedRSS: before.serverRSS, baselineRSS: baseline.serverRSS, members: members.count)
        print(result.text)
        if let json { try Data(result.json.utf8).write(to: URL(fileURLWithPath: json)) }
    }
}

/// CPU seconds of this process and of the server, and the server's resident memory.
struct Usage {
    var wall: Double
    var ownCPU: Double
    var serverCPU: Double?
    var serverRSS: Int?

    static func now(server: Int32?) -> Usage {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let own = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        var result = Usage(wall: Double(Nanos.elapsed) / 1e9, ownCPU: own)
        if let server {
            if let stat = try? String(contentsOfFile: "/proc/\(server)/stat", encoding: .utf8),
               let close = stat.lastIndex(of: ")") {
                let fields = stat[stat.index(after: close)...].split(separator: " ")
                // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
                if fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) {
                    result.serverCPU = (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
                }
            }
            if let status = try? String(contentsOfFile: "/proc/\(server)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) {
                result.serverRSS = Int(line.split(separator: " ").dropFirst().first ?? "").map { $0 * 1024 }
            }
        }
        return result
    }
}

MomentumLoad.main()
