import Glibc

/// What the generator drives: `momentum serve` or nginx + Nchan, with the same workload.
protocol LoadTarget {
    var port: UInt16 { get }
    /// Creates the rooms and the members; answers each member's first poll state.
    mutating func setup(rooms: Int, participants: Int) throws -> [MemberPlan]
    func pollRequest(_ member: Member) -> [UInt8]
    /// The message texts of a poll answer; updates the member's cursor.
    func received(_ response: WireResponse, by member: Member) -> [String]?
    func publishRequest(room: Int, text: String, serial: Int) -> [UInt8]
}

struct MemberPlan {
    var room: Int
    var cursor: String
    var token: String
}

struct LoadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `momentum serve`: rooms through the admin API, members joined from many addresses.
struct MomentumTarget: LoadTarget {
    let port: UInt16
    let adminToken: String
    private(set) var roomIds: [String] = []
    private(set) var publisherTokens: [String] = []

    init(port: UInt16, adminToken: String) {
        self.port = port
        self.adminToken = adminToken
    }

    private var host: String { "127.0.0.1:\(port)" }

    mutating func setup(rooms: Int, participants: Int) throws -> [MemberPlan] {
        var plans: [MemberPlan] = []
        var address = 0
        for room in 0..<rooms {
            let body = #"{"title":"Banc d'essai \#(room)","agenda":[{"title":"Accueil","day":1,"start":"09:00","minutes":30}]}"#
            guard let created = Sockets.exchange(port: port, source: Sockets.sourceAddress(address), Wire.request("POST", "/v1/rooms", host: host, headers: ["Authorization: Bearer \(adminToken)"], body: body)),
                  created.status == 201,
                  let (roomId, _) = Wire.string("roomId", in: created.body), let (code, _) = Wire.string("code", in: created.body)
            else { throw LoadError("creating room \(room) failed: is --admin-token right?") }
            roomIds.append(roomId)
            for member in 0...participants {
                address += 1
                let join = #"{"code":"\#(code)","name":"m\#(member)"}"#
                guard let joined = Sockets.exchange(port: port, source: Sockets.sourceAddress(address), Wire.request("POST", "/v1/join", host: host, body: join)),
                      joined.status == 200,
                      let (token, _) = Wire.string("token", in: joined.body), let (cursor, _) = Wire.string("cursor", in: joined.body)
                else { throw LoadError("member \(member) of room \(room) could not join") }
                // Member 0 publishes; the others listen.
                if member == 0 { publisherTokens.append(token) } else { plans.append(MemberPlan(room: room, cursor: cursor, token: token)) }
            }
        }
        return plans
    }

    func pollRequest(_ member: Member) -> [UInt8] {
        Wire.request("GET", "/v1/rooms/\(roomIds[member.room])/events?after=\(member.cursor)&timeout=25", host: host, headers: ["Authorization: Bearer \(member.token)"])
    }

    func received(_ response: WireResponse, by member: Member) -> [String]? {
        guard response.status == 200, let (cursor, _) = Wire.string("cursor", in: response.body) else { return nil }
        member.cursor = cursor
        return Wire.texts(in: response.body)
    }

    func publishRequest(room: Int, text: String, serial: Int) -> [UInt8] {
        Wire.request("POST", "/v1/rooms/\(roomIds[room])/messages", host: host, headers: ["Authorization: Bearer \(publisherTokens[room])"],
                     body: #"{"text":"\#(text)","clientId":"p\#(serial)"}"#)
    }
}

/// nginx + Nchan: a channel per room, long-poll subscribers, one message per line.
struct NchanTarget: LoadTarget {
    let port: UInt16
    private var host: String { "127.0.0.1:\(port)" }

    mutating func setup(rooms: Int, participants: Int) throws -> [MemberPlan] {
        var plans: [MemberPlan] = []
        for room in 0..<rooms {
            for _ in 0..<participants { plans.append(MemberPlan(room: room, cursor: "", token: "")) }
        }
        return plans
    }

    func pollRequest(_ member: Member) -> [UInt8] {
        var headers: [String] = []
        if let modified = member.lastModified { headers.append("If-Modified-Since: \(modified)") }
        if let etag = member.etag { headers.append("If-None-Match: \(etag)") }
        return Wire.request("GET", "/sub/r\(member.room)", host: host, headers: headers)
    }

    func received(_ response: WireResponse, by member: Member) -> [String]? {
        if response.status == 304 || response.status == 408 { return [] }
        guard response.status == 200 else { return nil }
        member.lastModified = response.lastModified ?? member.lastModified
        member.etag = response.etag ?? member.etag
        return response.body.split(separator: UInt8(ascii: "\n")).map { String(decoding: $0, as: UTF8.self) }
    }

    func publishRequest(room: Int, text: String, serial: Int) -> [UInt8] {
        Wire.request("POST", "/pub/r\(room)", host: host, body: text)
    }
}
