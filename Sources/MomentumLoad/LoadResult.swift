import Foundation

/// What a run measured, for people (text) and for docs/BENCHMARKS.md (JSON).
struct LoadResult {
    var label: String
    var deliveries: Int
    var seconds: Double
    var p50, p90, p99, p999, max: Double
    var lost: Int
    var duplicates: Int
    var errors: [String: Int]
    var ownCPUShare: Double
    var serverCPUShare: Double?
    var serverCPUPerDelivery: Double?
    var serverRSS: Int?
    /// Bytes each parked poll adds to the server's memory (RSS with the polls parked, less
    /// RSS before they connected).
    var rssPerParkedPoll: Double?
    var members: Int
    var reconnections: Int

    init(label: String, run: LoadRun, before: Usage, after: Usage, parkedRSS: Int?, baselineRSS: Int?, members: Int) {
        self.label = label
        deliveries = run.deliveries
        seconds = after.wall - before.wall
        func ms(_ percentile: Double) -> Double { Double(run.latency.valueAtPercentile(percentile)) / 1000 }
        p50 = ms(50); p90 = ms(90); p99 = ms(99); p999 = ms(99.9)
        max = Double(run.latency.max) / 1000
        lost = run.lost
        duplicates = run.duplicates
        errors = run.errors
        ownCPUShare = (after.ownCPU - before.ownCPU) / seconds
        if let start = before.serverCPU, let end = after.serverCPU {
            serverCPUShare = (end - start) / seconds
            serverCPUPerDelivery = deliveries > 0 ? (end - start) / Double(deliveries) * 1e6 : nil
        }
        serverRSS = parkedRSS
        if let parkedRSS, let baselineRSS, members > 0 { rssPerParkedPoll = Double(parkedRSS - baselineRSS) / Double(members) }
        self.members = members
        reconnections = run.reconnections
    }

    var valid: Bool { ownCPUShare <= 0.7 }

    var text: String {
        var lines = ([
            "\(label): \(deliveries) deliveries in \(String(format: "%.1f", seconds)) s = \(Int(Double(deliveries) / seconds))/s",
            String(format: "  latency ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f", p50, p90, p99, p999, max),
            reconnections > 0 ? "  \(reconnections) reconnections on purpose (churn)" : nil,
            "  lost \(lost), duplicates \(duplicates), errors \(errors.isEmpty ? "none" : errors.map { "\($0) x\($1)" }.sorted().joined(separator: ", "))",
            String(format: "  generator CPU %.0f%% of a core%@", ownCPUShare * 100, valid ? "" : "  INVALID: the generator was the bottleneck"),
        ] as [String?]).compactMap { $0 }
        if let share = serverCPUShare {
            lines.append(String(format: "  server CPU %.0f%% of a core, %.1f µs per delivery", share * 100, serverCPUPerDelivery ?? 0))
        }
        if let rss = serverRSS {
            lines.append(String(format: "  server RSS with %d parked polls: %.1f MiB (%.1f KB per poll over the server before they connected)", members, Double(rss) / 1_048_576, (rssPerParkedPoll ?? 0) / 1024))
        }
        return lines.joined(separator: "\n")
    }

    var json: String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "null" }
        let errorList = errors.map { "\"\($0)\": \($1)" }.sorted().joined(separator: ", ")
        return """
            {"label": "\(label)", "deliveries": \(deliveries), "seconds": \(number(seconds)), "deliveriesPerSecond": \(number(Double(deliveries) / seconds)), \
            "latencyMs": {"p50": \(number(p50)), "p90": \(number(p90)), "p99": \(number(p99)), "p999": \(number(p999)), "max": \(number(max))}, \
            "lost": \(lost), "duplicates": \(duplicates), "errors": {\(errorList)}, "generatorCPU": \(number(ownCPUShare)), "valid": \(valid), \
            "serverCPU": \(number(serverCPUShare)), "serverMicrosecondsPerDelivery": \(number(serverCPUPerDelivery)), "serverRSSBytes": \(serverRSS.map(String.init) ?? "null"), "rssPerParkedPollBytes": \(number(rssPerParkedPoll)), "members": \(members), "reconnections": \(reconnections)}
            """
    }
}
