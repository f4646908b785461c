import Hummingbird
import SessionModel

extension Routes {
    /// The exercise timer and the close of a day: expert actions under `moderation/`, with
    /// bodies of their own (registered before `moderation/:action`, whose constant paths win).
    func addWorkshop(to room: RouterGroup<ServerContext>) {
        room.post("moderation/timer") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(TimerRequest.self, from: request, context: context)
            return raw(try await service.timer(body, by: caller))
        }
        room.post("moderation/close-day") { request, context in
            let caller = try await authenticate(request, context)
            let body = try await decode(CloseDayRequest.self, from: request, context: context)
            return raw(try await service.closeDay(body, by: caller))
        }
    }
}
