import SessionModel

extension RoomSession {
    /// Takes a saved seat back: reads the room's state with the saved token, then polls from
    /// there as if the client had never stopped. False when the seat is gone (left, expired):
    /// a fresh join follows. While the server cannot be reached, tries again with backoff.
    func resume(_ saved: SavedSeat) async -> Bool {
        var attempt = 0
        while !Task.isCancelled {
            do throws(ClientError) {
                let answer = try await api.state(saved.credentials)
                let response = JoinResponse(
                    token: saved.token, participant: answer.participant, room: answer.state.room, state: answer.state,
                    cursor: answer.cursor, pollTimeout: saved.pollTimeout)
                received(.joinedRoom(response))
                received(.update(state: answer.state, events: [], reloaded: true))
                // The server just answered: online now, not after the first poll's whole hold
                // (up to 25 s of "connecting" on a quiet room).
                received(.status(.online))
                let machine = LongPoll(
                    resume: answer.state, me: answer.participant, cursor: answer.cursor, pollTimeout: saved.pollTimeout, backoff: timing.stream,
                    batchWait: timing.batchWait)
                await follow(machine, credentials: saved.credentials)
                return true
            } catch where error.code == "removed" {
                received(.status(.ended(.removed)))
                return true
            } catch where !error.isTransient {
                keeper?.forget()
                return false
            } catch {
                attempt += 1
                let wait = timing.stream.delay(attempt: attempt, jitter: timing.random())
                deliver(.stream(.status(.reconnecting(attempt: attempt, retryIn: wait, reason: error.description))))
                do { try await timing.sleeper.sleep(seconds: wait) } catch { return true }
            }
        }
        return true
    }
}
