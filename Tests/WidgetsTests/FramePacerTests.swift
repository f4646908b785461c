import Testing
import Widgets

/// While chat floods in, frames come at most once per interval; keys are drawn at once.
@Suite("Frame pacing")
struct FramePacerTests {
    @Test func keysAreDrawnAtOnceAndAFloodAtTheInterval() {
        let start = ContinuousClock.now
        var pacer = FramePacer(interval: .milliseconds(33))
        #expect(pacer.holdBack(at: start, urgent: false) == .zero)
        pacer.drew(at: start)
        #expect(pacer.holdBack(at: start.advanced(by: .milliseconds(10)), urgent: false) == .milliseconds(23))
        #expect(pacer.holdBack(at: start.advanced(by: .milliseconds(10)), urgent: true) == .zero)
        #expect(pacer.holdBack(at: start.advanced(by: .milliseconds(40)), urgent: false) == .zero)
        #expect(FramePacer(interval: .zero).holdBack(at: start, urgent: false) == .zero)
    }
}
