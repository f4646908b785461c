import Foundation
import SessionModel
import Testing

@Suite("RoomState.apply: the exercise timer and the workshop's days")
struct WorkshopStateTests {
    let t = Date(timeIntervalSince1970: 1_800_000_000)

    func room() -> RoomScript {
        var room = RoomScript()
        room.state.agenda.append(AgendaItem(id: "a3", title: "SEO", day: 2, start: "09:00", minutes: 45))
        room.join("e", "Sarah", role: .expert)
        room.join("k", "Karim")
        return room
    }

    @Test func theTimerIsStateUntilItIsStoppedOrEnds() {
        var room = room()
        let started = ExerciseTimer(total: 900, endsAt: t.addingTimeInterval(900), startedBy: "e")
        room.apply(.timer(.started, started), actor: "e")
        #expect(room.state.timer == started)
        #expect(started.secondsLeft(at: t) == 900)
        #expect(started.secondsLeft(at: t.addingTimeInterval(0.2)) == 900, "rounded up: 14:59.8 shows 15:00")
        #expect(started.secondsLeft(at: t.addingTimeInterval(1000)) == 0, "never negative")
        #expect(!started.isDue(at: t.addingTimeInterval(899.9)))
        #expect(started.isDue(at: t.addingTimeInterval(900)))

        let paused = ExerciseTimer(total: 900, endsAt: nil, remaining: 600, startedBy: "e")
        room.apply(.timer(.paused, paused), actor: "e")
        #expect(room.state.timer?.isRunning == false)
        #expect(room.state.timer?.secondsLeft(at: t.addingTimeInterval(5000)) == 600, "a paused timer does not count")
        #expect(room.state.timer?.isDue(at: t.addingTimeInterval(5000)) == false)

        room.apply(.timer(.stopped, paused), actor: "e")
        #expect(room.state.timer == nil)
        room.apply(.timer(.started, started), actor: "e")
        room.apply(.timer(.ended, started))
        #expect(room.state.timer == nil)
    }

    @Test func timerAndDayEventsKeepTheirTypeOnTheWire() throws {
        let timer = ExerciseTimer(total: 60, endsAt: t.addingTimeInterval(60), startedBy: "e")
        let close = DayClose(day: 1, at: t, itemsDone: 2, polls: 1, questionsAnswered: 3, nextItemId: "a3", over: false)
        for kind in TimerStep.allCases.map({ RoomEvent.Kind.timer($0, timer) }) + [.dayClosed(close)] {
            let event = RoomEvent(seq: 7, at: t, actor: "e", kind: kind)
            let data = try WireCoding.encoder().encode(event)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(json["type"] as? String == kind.type)
            #expect(try WireCoding.decoder().decode(RoomEvent.self, from: data) == event)
            #expect(event.isPublic, "everyone sees the timer and the days")
            #expect(event.seen(by: Viewer(participantId: "k", role: .learner)) == event)
        }
        #expect(RoomEvent.Kind.timer(.added, timer).type == "timer.added")
        let unknownStep = #"{"seq": 1, "type": "timer.rewound", "at": "2027-01-15T08:00:00Z", "data": {"total": 5}}"#
        #expect(try WireCoding.decoder().decode(RoomEvent.self, from: Data(unknownStep.utf8)).kind == .unknown(type: "timer.rewound"))
    }

    @Test func closingADayCountsItsWorkAndMovesToTheNextDay() {
        var room = room()
        room.apply(.agenda(itemId: "a1"), actor: "e")
        let poll = Poll(id: "v1", question: "Oui ?", options: ["oui", "non"], anonymous: true, openedBy: "e", openedAt: t.addingTimeInterval(5), counts: [0, 0])
        room.apply(.pollOpened(poll), actor: "e")
        let asked = Question(id: "q1", askerId: "k", text: "SEO ?", anonymous: false, askedAt: t)
        room.apply(.questionAsked(asked), actor: "k")
        var answered = asked
        answered.answer = "Plus tard"
        answered.answeredAt = t.addingTimeInterval(8)
        room.apply(.questionAnswered(answered), actor: "e")
        room.apply(.questionAsked(Question(id: "q2", askerId: "k", text: "Et ?", anonymous: false, askedAt: t)), actor: "k")
        room.apply(.agenda(itemId: "a2"), actor: "e")
        room.apply(.timer(.started, ExerciseTimer(total: 60, endsAt: t.addingTimeInterval(100))), actor: "e")

        let closing = room.state.closingDay(at: t.addingTimeInterval(50))
        #expect(closing == DayClose(day: 1, at: t.addingTimeInterval(50), itemsDone: 2, polls: 1, questionsAnswered: 1, nextItemId: "a3", over: false))
        room.apply(.dayClosed(closing), actor: "e")
        #expect(room.state.currentItemId == "a3")
        #expect(room.state.currentDay == 2)
        #expect(room.state.timer == nil, "the timer belongs to its day")
        #expect(!room.state.isOver)

        // Day 2: nothing done yet but its first item; no later day, so closing it ends the workshop.
        let last = room.state.closingDay(at: t.addingTimeInterval(90))
        #expect(last == DayClose(day: 2, at: t.addingTimeInterval(90), itemsDone: 1, polls: 0, questionsAnswered: 0, nextItemId: nil, over: true))
        room.apply(.dayClosed(last), actor: "e")
        #expect(room.state.isOver)
        #expect(room.state.currentItemId == "a3", "the last item stays current")
    }

    @Test func aMessageBelongsToTheDayOfItsTime() {
        var room = room()
        room.apply(.dayClosed(DayClose(day: 1, at: t.addingTimeInterval(100), itemsDone: 0, polls: 0, questionsAnswered: 0, nextItemId: "a3", over: false)), actor: "e")
        #expect(room.state.workshopDay(at: t) == 1)
        #expect(room.state.workshopDay(at: t.addingTimeInterval(99)) == 1)
        #expect(room.state.workshopDay(at: t.addingTimeInterval(100)) == 2)
        #expect(room.state.workshopDay(at: t.addingTimeInterval(100_000)) == 2)
    }

    @Test func aStateFromBeforeTheTimerReadsWithNone() throws {
        var room = room()
        room.apply(.timer(.started, ExerciseTimer(total: 60, endsAt: t.addingTimeInterval(60))), actor: "e")
        var json = try #require(try JSONSerialization.jsonObject(with: WireCoding.encoder().encode(room.state)) as? [String: Any])
        #expect(json["timer"] != nil)
        json["timer"] = nil
        json["closedDays"] = nil
        let old = try WireCoding.decoder().decode(RoomState.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(old.timer == nil)
        #expect(old.closedDays.isEmpty)
        #expect(!old.isOver)
    }
}
