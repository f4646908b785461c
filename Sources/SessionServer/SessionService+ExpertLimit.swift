import Foundation

extension SessionService {
    /// One bucket for all of an expert's actions (moderation, answers, polls): every
    /// mutation is rate limited per participant, the experts' generously.
    func expertLimit(_ caller: Credential, at: Date) -> CommitLimit {
        CommitLimit(key: "expert:" + caller.participantId, burst: config.expertBurst, refillSeconds: config.expertRefillSeconds, now: at)
    }
}
