/// One listening participant: a keep-alive connection with one long-poll at a time.
final class Member {
    let room: Int
    let token: String
    let source: UInt32
    var cursor: String
    var lastModified: String?
    var etag: String?
    var fd: Int32 = -1
    var connected = false
    var buffer: [UInt8] = []
    /// Which of the room's messages arrived (bit n for message n), to count loss and repeats.
    var seen: [UInt64] = []
    var received = 0
    var duplicates = 0

    init(plan: MemberPlan, source: UInt32) {
        room = plan.room
        token = plan.token
        cursor = plan.cursor
        self.source = source
    }

    /// Records message `n` of the room; false when it had arrived before.
    func record(_ n: Int) -> Bool {
        let word = n / 64, bit = UInt64(1) << UInt64(n % 64)
        if word >= seen.count { seen += [UInt64](repeating: 0, count: word - seen.count + 1) }
        if seen[word] & bit != 0 { duplicates += 1; return false }
        seen[word] |= bit
        received += 1
        return true
    }
}

/// A connection that posts one room's messages, one request at a time.
final class Publisher {
    let room: Int
    let fd: Int32
    var connected = false
    var busy = false
    var waiting: [UInt8]?
    var buffer: [UInt8] = []

    init(room: Int, fd: Int32) {
        self.room = room
        self.fd = fd
    }
}
