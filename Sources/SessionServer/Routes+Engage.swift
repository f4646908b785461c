import Hummingbird
import SessionModel

extension Routes {
    /// Questions, polls, pace signals and reactions (clearing signals is a moderation action).
    func addEngagement(to room: RouterGroup<ServerContext>) {
        room.post("questions") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(AskQuestionRequest.self, from: request, context: context)
            return raw(try await service.askQuestion(body, by: caller), status: .created)
        }
        room.post("questions/:questionId/answer") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(AnswerQuestionRequest.self, from: request, context: context)
            return raw(try await service.answerQuestion(context.parameters.get("questionId") ?? "", body, by: caller))
        }
        room.post("polls") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(OpenPollRequest.self, from: request, context: context)
            return raw(try await service.openPoll(body, by: caller), status: .created)
        }
        room.post("polls/:pollId/vote") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(VoteRequest.self, from: request, context: context)
            return raw(try await service.vote(context.parameters.get("pollId") ?? "", body, by: caller))
        }
        for (name, reveal) in [("close", false), ("reveal", true)] {
            room.post("polls/:pollId/\(name)") { request, context in
                let caller = try await authenticate(request, context)
                let body = try await decode(PollActionRequest.self, from: request, context: context)
                return raw(try await service.pollAction(context.parameters.get("pollId") ?? "", reveal: reveal, body, by: caller))
            }
        }
        room.post("signal") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(SignalRequest.self, from: request, context: context)
            return raw(try await service.setSignal(body, by: caller))
        }
        room.post("messages/:messageId/reactions") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(ReactionRequest.self, from: request, context: context)
            return raw(try await service.react(context.parameters.get("messageId") ?? "", body, by: caller))
        }
    }
}
