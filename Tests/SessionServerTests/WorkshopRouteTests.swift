import Foundation
import SessionClient
import SessionModel
import Testing
import SessionServer
import TestSupport

/// The exercise timer and the close of a day over HTTP: roles, refusals that append
/// nothing, idempotent retries, the server's own end event, and the workshop over.
@Suite("HTTP API: the timer and the workshop's days")
struct WorkshopRouteTests {
    typealias Room = EngageRouteTests.Room

    /// The timer event of a committed answer.
    func timerEvent(_ room: Room, _ answer: HTTPResponse) throws -> (TimerStep, ExerciseTimer)? {
        guard case .timer(let step, let timer)? = try room.committed(answer).events.last?.kind else { return nil }
        return (step, timer)
    }

    @Test func onlyTheExpertDrivesTheTimerAndBadInputIsRefused() async throws {
        let room = try await Room()
        let path = "moderation/timer"
        try await room.refused(room.karim, path, #"{"action": "start", "seconds": 60, "clientId": "t-0"}"#, 403, "forbidden")
        try await room.refused(room.sarah, path, #"{"action": "explode", "seconds": 60, "clientId": "t-1"}"#, 400, "invalid_action")
        try await room.refused(room.sarah, path, #"{"action": "start", "clientId": "t-2"}"#, 400, "invalid_seconds")
        try await room.refused(room.sarah, path, #"{"action": "start", "seconds": 0, "clientId": "t-3"}"#, 400, "invalid_seconds")
        try await room.refused(room.sarah, path, #"{"action": "start", "seconds": 14401, "clientId": "t-4"}"#, 400, "invalid_seconds")
        try await room.refused(room.sarah, path, #"{"action": "start", "seconds": "soon", "clientId": "t-5"}"#, 400, "invalid_json")
        try await room.refused(room.sarah, path, #"{"action": "pause", "clientId": "t-6"}"#, 409, "no_timer")
        try await room.refused(room.sarah, path, #"{"action": "add", "seconds": 60, "clientId": "t-7"}"#, 409, "no_timer")
        try await room.refused(room.karim, "moderation/close-day", #"{"clientId": "d-0"}"#, 403, "forbidden")

        let started = try await room.post(room.sarah, path, #"{"action": "start", "seconds": 900, "clientId": "t-8"}"#)
        #expect(started.status == 200)
        let (step, timer) = try #require(try timerEvent(room, started))
        #expect(step == .started)
        #expect(timer.total == 900 && timer.isRunning)
        let retry = try await room.post(room.sarah, path, #"{"action": "start", "seconds": 900, "clientId": "t-8"}"#)
        #expect(retry.body == started.body, "a retry gets the first answer and starts nothing")
        try await room.refused(room.karim, path, #"{"action": "stop", "clientId": "t-9"}"#, 403, "forbidden")

        let paused = try #require(try timerEvent(room, try await room.post(room.sarah, path, #"{"action": "pause", "clientId": "t-10"}"#)))
        #expect(paused.0 == .paused && paused.1.endsAt == nil && (paused.1.remaining ?? 0) > 890)
        let again = try await room.post(room.sarah, path, #"{"action": "pause", "clientId": "t-11"}"#)
        #expect(try room.committed(again).events.isEmpty, "pausing a paused timer changes nothing")
        let added = try #require(try timerEvent(room, try await room.post(room.sarah, path, #"{"action": "add", "seconds": 300, "clientId": "t-12"}"#)))
        #expect(added.0 == .added && added.1.total == 1200 && (added.1.remaining ?? 0) > 1190)
        let resumed = try #require(try timerEvent(room, try await room.post(room.sarah, path, #"{"action": "resume", "clientId": "t-13"}"#)))
        #expect(resumed.0 == .resumed && resumed.1.isRunning)
        let stopped = try #require(try timerEvent(room, try await room.post(room.sarah, path, #"{"action": "stop", "clientId": "t-14"}"#)))
        #expect(stopped.0 == .stopped)
        #expect(try await room.server.api.state(room.karim.credentials).state.timer == nil)
        let stopAgain = try await room.post(room.sarah, path, #"{"action": "stop", "clientId": "t-15"}"#)
        #expect(try room.committed(stopAgain).events.isEmpty)
        await room.stop()
    }

    @Test func theServerEndsADueTimerOnceForEveryone() async throws {
        let room = try await Room()
        let cursor = try await room.server.api.state(room.karim.credentials).cursor
        let started = try await room.post(room.sarah, "moderation/timer", #"{"action": "start", "seconds": 1, "clientId": "t-1"}"#)
        let endsAt = try #require(try timerEvent(room, started)?.1.endsAt)
        var seen: [RoomEvent] = []
        var after = cursor
        #expect(try await eventually(within: 15) {
            let page = try await room.server.api.events(room.karim.credentials, after: after, timeout: 2)
            seen += page.events
            after = page.cursor
            return seen.contains { $0.kind.type == "timer.ended" }
        })
        let ended = seen.filter { $0.kind.type == "timer.ended" }
        #expect(ended.count == 1)
        #expect(ended.first?.actor == nil, "the server itself ends it")
        #expect(ended.first.map { $0.at >= endsAt } == true, "not before its time")
        // Nothing more comes for it: no second end.
        let later = try await room.server.api.events(room.karim.credentials, after: after, timeout: 1)
        #expect(!later.events.contains { $0.kind.type == "timer.ended" })
        #expect(try await room.server.api.state(room.karim.credentials).state.timer == nil)
        await room.stop()
    }

    @Test func closingTheLastDayEndsTheWorkshopAndLearnersCanNoLongerWrite() async throws {
        let room = try await Room()
        let items = try await room.server.api.state(room.sarah.credentials).state.agenda
        _ = try await room.post(room.sarah, "moderation/agenda", #"{"itemId": "\#(items[1].id)"}"#)
        _ = try await room.openPoll()
        let first = try await room.post(room.sarah, "moderation/close-day", #"{"clientId": "d-1"}"#)
        #expect(first.status == 200)
        guard case .dayClosed(let close)? = try room.committed(first).events.first?.kind else { throw TestFailure("no day.closed in \(first)") }
        #expect(close.day == 1 && close.itemsDone == 2 && close.polls == 1 && close.questionsAnswered == 0)
        #expect(close.nextItemId == items[2].id && !close.over)
        let retry = try await room.post(room.sarah, "moderation/close-day", #"{"clientId": "d-1"}"#)
        #expect(retry.body == first.body, "a retry closes nothing more")
        let state = try await room.server.api.state(room.karim.credentials).state
        #expect(state.currentItemId == items[2].id && state.closedDays.count == 1)

        let last = try await room.post(room.sarah, "moderation/close-day", #"{"clientId": "d-2"}"#)
        guard case .dayClosed(let end)? = try room.committed(last).events.first?.kind else { throw TestFailure("no day.closed") }
        #expect(end.over && end.nextItemId == nil && end.day == 2)

        try await room.refused(room.karim, "messages", #"{"text": "Merci !", "clientId": "m-1"}"#, 409, "workshop_over")
        try await room.refused(room.sarah, "moderation/close-day", #"{"clientId": "d-3"}"#, 409, "workshop_over")
        try await room.refused(room.sarah, "moderation/timer", #"{"action": "start", "seconds": 60, "clientId": "t-1"}"#, 409, "workshop_over")
        let expert = try await room.post(room.sarah, "messages", #"{"text": "Merci à toutes et à tous", "clientId": "m-2"}"#)
        #expect(expert.status == 201, "experts can still post")
        // The room stays readable.
        #expect(try await room.server.api.messages(room.karim.credentials, before: nil, limit: 10).messages.last?.text == "Merci à toutes et à tous")
        await room.stop()
    }
}
