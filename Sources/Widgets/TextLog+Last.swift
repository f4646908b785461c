extension TextLog {
    /// The id of the bottom line, if it has one: whether a line may still be updated in
    /// place instead of adding another (repeated hand changes collapse into one line).
    public var lastLineID: String? { entries.last?.line.id }
}
