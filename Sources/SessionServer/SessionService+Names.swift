import SessionModel

/// The names a join gives: two participants never show the same name, even in old messages.
extension SessionService {
    /// The name itself, or with " (2)", " (3)"... when someone removed from the room had it.
    /// A name whose holders all left on their own is given again as it is: a clean quit and
    /// a rejoin is "Leo" again, not "Leo (2)"; clients tell the earlier seat's messages apart.
    static func unusedName(_ name: String, in state: RoomState) -> String {
        let taken = Set(state.participants.filter { $0.membership != .left }.map { RoomState.nameKey($0.name) })
        if !taken.contains(RoomState.nameKey(name)) { return name }
        var n = 2
        while true {
            let suffix = " (\(n))"
            // Shorten the name so that it keeps within the limit with its number.
            let candidate = String(name.prefix(Limits.nameMaxLength - suffix.count)) + suffix
            if !taken.contains(RoomState.nameKey(candidate)) { return candidate }
            n += 1
        }
    }

    /// The last participant who left the room with this name on their own, if any.
    static func departed(named name: String, in state: RoomState) -> Participant? {
        let key = RoomState.nameKey(name)
        return state.participants.last { $0.membership == .left && RoomState.nameKey($0.name) == key }
    }
}
