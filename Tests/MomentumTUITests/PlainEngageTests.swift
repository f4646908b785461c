import Foundation
import SessionClient
import SessionModel
import Synchronization
import Testing
import TestSupport

/// Plain mode (screen readers, pipes): a French learner votes, signals, asks and reacts; an
/// English expert reads the counts and the questions and answers, all as plain lines.
@Suite("Engaging the room in plain mode")
struct PlainEngageTests {
    /// `momentum join --plain` through pipes: what it printed so far, and a line to type.
    final class PlainClient: Sendable {
        let process = Process()
        let input = Pipe()
        let text = Mutex("")
        var seen: String { text.withLock { $0 } }

        init(url: String, code: String, arguments: [String]) throws {
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: ServerProcess.binary)
            process.arguments = ["join", url, "--code", code, "--plain"] + arguments
            var environment = ProcessInfo.processInfo.environment
            environment["XDG_CONFIG_HOME"] = NSTemporaryDirectory() + "momentum-config-" + UUID().uuidString
            environment["XDG_STATE_HOME"] = NSTemporaryDirectory() + "momentum-state-" + UUID().uuidString
            process.environment = environment
            process.standardInput = input
            process.standardOutput = output
            process.standardError = output
            readUntilEnd(output.fileHandleForReading) { [self] data in
                self.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
            try process.runAlone()
        }

        func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

        func stop() async {
            send("/quit")
            _ = await eventually { !process.isRunning }
            if process.isRunning { process.terminate() }
        }
    }

    @Test func aFrenchLearnerVotesSignalsAsksAndReacts() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = TestClient(url: server.url, name: "Sarah")
        sarah.start(code: room.code, moderatorKey: room.moderatorKey)
        #expect(await eventually { sarah.credentials != nil })
        let karim = try PlainClient(url: server.url, code: room.code, arguments: ["--name", "Karim", "--lang", "fr"])
        #expect(await eventually(within: 15) { karim.seen.contains("Les métiers du Web") }, "\(karim.seen)")

        await sarah.sender.enqueue(.engage(.openPoll(question: "Qui a déjà codé ?", options: ["oui", "non"], anonymous: true)))
        #expect(await eventually { karim.seen.contains("Sondage : Qui a déjà codé ? — réponds avec une touche de 1 à 2: 1 oui · 2 non") }, "\(karim.seen)")
        karim.send("2")
        #expect(await eventually { karim.seen.contains("Ton choix : non") }, "\(karim.seen)")
        #expect(await eventually { sarah.state?.openPoll?.counts == [0, 1] })

        karim.send("/perdu")
        #expect(await eventually { karim.seen.contains("Signal de Karim : perdu·e") }, "\(karim.seen)")
        #expect(await eventually { sarah.state?.signalCounts[.lost] == 1 })

        karim.send("/question C'est quoi le DOM ?")
        #expect(await eventually { karim.seen.contains("Ta question aux expert·e·s : C'est quoi le DOM ?") }, "\(karim.seen)")
        #expect(await eventually { sarah.state?.openQuestions.first?.text == "C'est quoi le DOM ?" })

        await sarah.sender.enqueue(.message("Bienvenue"))
        #expect(await eventually { karim.seen.contains("Sarah : Bienvenue") }, "\(karim.seen)")
        karim.send("+1")
        #expect(await eventually { karim.seen.contains("Karim réagit « +1 » sur « Bienvenue »") }, "\(karim.seen)")
        #expect(await eventually { sarah.state?.reactions.values.contains { $0[Reaction.thumbsUp.rawValue]?.isEmpty == false } == true })
        #expect(!karim.seen.contains("\u{1B}"), "plain mode writes no escape sequence")
        await karim.stop()
        await sarah.stop()
        await server.stop()
    }

    @Test func anEnglishExpertReadsCountsAndQuestionsAndAnswers() async throws {
        let server = try await TestServer()
        let room = try await server.createRoom()
        let sarah = try PlainClient(url: server.url, code: room.code, arguments: ["--name", "Sarah", "--moderator-key", room.moderatorKey, "--lang", "en"])
        #expect(await eventually(within: 15) { sarah.seen.contains("Les métiers du Web") }, "\(sarah.seen)")
        let karim = TestClient(url: server.url, name: "Karim")
        karim.start(code: room.code)
        #expect(await eventually { karim.credentials != nil })

        sarah.send("/poll \"Coffee?\" yes no")
        #expect(await eventually { karim.state?.openPoll != nil })
        let pollId = try #require(karim.state?.openPoll?.id)
        await karim.sender.enqueue(.engage(.vote(pollId: pollId, option: 0)))
        #expect(await eventually { sarah.seen.contains("Poll \"Coffee?\", 1 vote: yes 1 · no 0") }, "\(sarah.seen)")

        await karim.sender.enqueue(.engage(.signal(.lost)))
        #expect(await eventually { sarah.seen.contains("Karim's signal: lost") }, "\(sarah.seen)")

        await karim.sender.enqueue(.engage(.ask(text: "What is the DOM?", anonymous: false)))
        #expect(await eventually { sarah.seen.contains("Karim asks (privately): What is the DOM?") }, "\(sarah.seen)")
        sarah.send("/questions-list")
        #expect(await eventually { sarah.seen.contains("1. Karim") }, "\(sarah.seen)")
        sarah.send("/answer 1 The tree of the page")
        #expect(await eventually { karim.state?.questions.first?.answer == "The tree of the page" })
        #expect(await eventually { sarah.seen.contains("Sarah answers Karim (privately): The tree of the page") }, "\(sarah.seen)")
        await sarah.stop()
        await karim.stop()
        await server.stop()
    }
}
