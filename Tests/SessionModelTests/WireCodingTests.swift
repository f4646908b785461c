import Foundation
@testable import SessionModel
import Testing

@Suite("Wire coding")
struct WireCodingTests {
    let at = Date(timeIntervalSince1970: 1_800_000_000.123)

    static let kinds: [RoomEvent.Kind] = [
        .joined(Participant(id: "p1", name: "Chloé", role: .learner, joinedAt: Date(timeIntervalSince1970: 1_800_000_000))),
        .left(participantId: "p1"),
        .removed(participantId: "p1"),
        .presence(participantId: "p1", presence: .away),
        .message(ChatMessage(id: "m1", seq: 5, authorId: "p1", text: "Ça va ? 👩‍💻", at: Date(timeIntervalSince1970: 1_800_000_000.5), clientId: "c1")),
        .messageDeleted(messageId: "m1"),
        .handRaised(participantId: "p1"),
        .handLowered(participantId: "p1"),
        .allHandsLowered,
        .floor(participantId: "p1"),
        .floor(participantId: nil),
        .agenda(itemId: "a2"),
        .muted(participantId: "p1", muted: true),
        .locked(false),
    ]

    @Test(arguments: kinds)
    func everyEventSurvivesTheWire(_ kind: RoomEvent.Kind) throws {
        let event = RoomEvent(seq: 5, at: at, actor: "p9", kind: kind)
        let data = try WireCoding.encoder().encode(event)
        let back = try WireCoding.decoder().decode(RoomEvent.self, from: data)
        #expect(back.kind == kind)
        #expect(back.seq == 5)
        #expect(back.actor == "p9")
        #expect(abs(back.at.timeIntervalSince(at)) < 0.001)
    }

    @Test func anUnknownTypeDecodesToUnknown() throws {
        let json = #"{"seq": 9, "type": "poll_started", "at": "2026-11-23T10:00:00.000Z", "data": {"question": "?"}}"#
        let event = try WireCoding.decoder().decode(RoomEvent.self, from: Data(json.utf8))
        #expect(event.kind == .unknown(type: "poll_started"))
        #expect(event.seq == 9)
    }

    @Test func aKnownTypeWithUnreadableDataDecodesToUnknown() throws {
        let json = #"{"seq": 3, "type": "hand_raised", "at": "2026-11-23T10:00:00Z", "data": {"who": 1}}"#
        let event = try WireCoding.decoder().decode(RoomEvent.self, from: Data(json.utf8))
        #expect(event.kind == .unknown(type: "hand_raised"))
    }

    @Test func timesAreWrittenWithMilliseconds() {
        #expect(WireCoding.formatTime(Date(timeIntervalSince1970: 0.25)) == "1970-01-01T00:00:00.250Z")
        #expect(WireCoding.parseTime("1970-01-01T00:00:01Z") == Date(timeIntervalSince1970: 1))
    }

    @Test func aStateSurvivesTheWire() throws {
        var room = RoomScript()
        room.join("p1", "Sarah", role: .expert)
        room.say("p1", "Bienvenue", messageId: "m1")
        room.apply(.agenda(itemId: "a1"))
        let data = try WireCoding.encoder().encode(room.state)
        #expect(try WireCoding.decoder().decode(RoomState.self, from: data) == room.state)
    }

    @Test func agendaClockTimesAreChecked() {
        #expect(AgendaItem.parseClock("09:30") == 570)
        #expect(AgendaItem.parseClock("23:59") == 1439)
        for bad in ["9:30", "24:00", "09:60", "0930", "ab:cd", ""] { #expect(AgendaItem.parseClock(bad) == nil) }
    }

    /// The digit-by-digit reading of the server's own shape gives what Foundation's parser gives.
    @Test(arguments: ["2026-11-23T10:31:00.123Z", "1970-01-01T00:00:00.000Z", "2024-02-29T23:59:59.999Z", "2000-03-01T00:00:00.001Z",
                      "2100-12-31T12:00:00.500Z", "2026-01-01T00:00:00.000Z", "2399-02-28T08:07:06.050Z"])
    func serverTimesAreReadAsFoundationReadsThem(text: String) throws {
        let fast = try #require(WireCoding.serverTimeMilliseconds(text))
        let foundation = try #require(try? Date(text, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)))
        #expect(fast == Int64((foundation.timeIntervalSince1970 * 1000).rounded()))
        #expect(WireCoding.formatTime(try #require(WireCoding.parseTime(text))) == text)
    }

    /// The digit-by-digit writing gives Foundation's formatter's text: every day from 1970 to
    /// 2500 at a time of day that moves through the hours, the edges of the years and of the
    /// day, and the times it leaves to Foundation.
    @Test func serverTimesAreWrittenAsFoundationWritesThem() throws {
        var milliseconds: [Int64] = [0, 1, 999, 86_399_999, 86_400_000, 951_782_400_000, 4_107_542_399_999, 253_402_300_799_999]
        for day in Int64(0)..<193_000 { milliseconds.append(day * 86_400_000 + (day * 7_919_993) % 86_400_000) }
        for value in milliseconds {
            #expect(WireCoding.serverTimeText(value) == WireCoding.foundationTime(value), "\(value)")
        }
        for outside: Int64 in [-1, -86_400_001, 253_402_300_800_000] {
            #expect(WireCoding.serverTimeText(outside) == nil)
            #expect(WireCoding.formatTime(Date(timeIntervalSince1970: Double(outside) / 1000)) == WireCoding.foundationTime(outside))
        }
    }

    @Test(arguments: ["2026-02-30T10:31:00.123Z", "2026-13-01T10:31:00.123Z", "2026-11-23T24:00:00.000Z", "2026-11-23T10:31:00Z",
                      "2026-11-23T10:31:00.123+01:00", "2026-11-23 10:31:00.123Z", "x026-11-23T10:31:00.123Z"])
    func otherShapesAreLeftToFoundation(text: String) {
        #expect(WireCoding.serverTimeMilliseconds(text) == nil)
    }

    @Test func datesNoClockGivesAreWrittenWithoutTrapping() {
        for seconds in [1e13, 1e16, 1e300, -1e300, Double.infinity, -Double.infinity, Double.nan] {
            #expect(!WireCoding.formatTime(Date(timeIntervalSince1970: seconds)).isEmpty, "\(seconds)")
        }
    }
}
