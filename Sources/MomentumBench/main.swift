// momentum-bench: the speed targets of docs/DECISIONS.md, measured (never asserted in tests).
// Run with `make bench` (release build). Prints medians and 90th percentiles.
import Foundation
import Widgets

/// Times `body` `runs` times after `warmup` runs; returns sorted durations in microseconds.
func measure(runs requested: Int, warmup: Int = 20, _ body: () -> Void) -> [Double] {
    let runs = ProcessInfo.processInfo.environment["BENCH_RUNS"].flatMap(Int.init) ?? requested
    for _ in 0..<warmup { body() }
    var samples: [Double] = []
    samples.reserveCapacity(runs)
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let elapsed = clock.measure(body)
        samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
    }
    return samples.sorted()
}

func report(_ name: String, _ samples: [Double], goal: Double) {
    let median = samples[samples.count / 2], p90 = samples[samples.count * 9 / 10]
    let verdict = median < goal ? "under" : "OVER"
    print(String(format: "%-44@ median %8.1f µs   p90 %8.1f µs   %@ the %.0f µs goal (x%.2f)", name as NSString, median, p90, verdict as NSString, goal, median / goal))
}

let names = ["Sarah", "Karim", "Chloé", "Dominique", "Florent", "Aïcha", "Mathis", "Léa", "Yanis", "Inès"]
let phrases = [
    "Bonjour à tous, ravi d'être là !", "Est-ce qu'il faut savoir coder pour devenir UX designer ?",
    "Je viens de la vente, est-ce que ça peut servir dans le numérique ? J'ai l'impression que le contact client est une vraie compétence.",
    "👍🏽 merci", "日本語も大丈夫？", "C'est quoi la différence entre front-end et back-end, concrètement, dans une journée de travail ?",
    "On peut revoir la maquette de tout à l'heure ?", "Le SEO, c'est surtout de la rédaction ou aussi de la technique ?",
]

func chatLine(_ i: Int) -> LogLine {
    let name = names[i % names.count]
    let prefix = String(format: "%02d:%02d ", 9 + (i / 60) % 9, i % 60)
    return LogLine([Span(prefix, style: .dim), Span(name + " ", style: .bold), Span(phrases[i % phrases.count])],
                   id: "m\(i)", hangingIndent: 6)
}

let theme = Theme.color
let size = Size(width: 200, height: 60)

// 1. A full 200x60 room frame: header, three bordered panes, wrapped chat, roster, status bar,
//    with one new message wrapped per frame.
var chat = TextLog(newLinesLabel: { "\($0) new" })
for i in 0..<2_000 { chat.append(chatLine(i)) }
var roster = ListView(rows: names.map { ListView.Row($0, style: .plain, suffix: "", suffixStyle: .plain) }, state: ListState(selected: 0, offset: 0), focused: false, placeholder: "")
var next = 2_000
let frame = measure(runs: 2_000) {
    var buffer = CellBuffer(size: size)
    let rows = Layout.split(Rect(size: size), .vertical, [.fixed(1), .fill(1), .fixed(1), .fixed(1)])
    buffer.write(" Les métiers du Web · jour 2/5", x: 0, y: 0, style: theme.title)
    let columns = Layout.split(rows[1], .horizontal, [.ratio(1, 5), .fill(1), .ratio(1, 5)])
    Box(title: "Programme").render(in: columns[0], buffer: &buffer, theme: theme)
    Box(title: "Discussion", focused: true).render(in: columns[1], buffer: &buffer, theme: theme)
    Box(title: "Participants").render(in: columns[2], buffer: &buffer, theme: theme)
    chat.append(chatLine(next))
    next += 1
    chat.render(in: Box.inner(of: columns[1]), buffer: &buffer, theme: theme)
    roster.render(in: Box.inner(of: columns[2]), buffer: &buffer, theme: theme)
    StatusBar(hints: [KeyHint(key: "F1", label: "aide"), KeyHint(key: "F2", label: "main"), KeyHint(key: "F10", label: "quitter")]).render(in: rows[3], buffer: &buffer, theme: theme)
}
report("full 200x60 room frame, wrapped chat", frame, goal: 1_000)

// 2. Scrolling a 100,000-line log, a page per frame.
var big = TextLog(newLinesLabel: { "\($0) new" })
for i in 0..<100_000 { big.append(chatLine(i)) }
var buffer = CellBuffer(size: size)
let area = Rect(x: 0, y: 0, width: 200, height: 60)
big.render(in: area, buffer: &buffer, theme: theme)
var goingUp = true
let scroll = measure(runs: 2_000) {
    if goingUp { big.pageUp() } else { big.pageDown() }
    if big.isTopReached { goingUp = false }
    if big.isAtBottom { goingUp = true }
    big.render(in: area, buffer: &buffer, theme: theme)
}
report("100,000-line log, one page scrolled per frame", scroll, goal: 1_000)

// 3. The first frame after a resize of that log (re-wraps what is visible only).
var width = 120
let resize = measure(runs: 200, warmup: 5) {
    width = width == 120 ? 121 : 120
    var narrow = CellBuffer(width: width, height: 60)
    big.render(in: Rect(x: 0, y: 0, width: width, height: 60), buffer: &narrow, theme: theme)
}
report("100,000-line log, first frame after a resize", resize, goal: 1_000)
