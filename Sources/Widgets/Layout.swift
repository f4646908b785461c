/// How much room one part of a layout wants.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells, if there is room.
    case fixed(Int)
    /// At least this many cells, and a share of what is left, like `fill(1)`.
    case min(Int)
    /// A share of what is left after fixed and minimum parts, by weight.
    case fill(Int)
    /// This fraction of the whole.
    case ratio(Int, Int)
}

/// Splits rectangles into rows or columns.
public enum Layout {
    public enum Axis: Sendable { case horizontal, vertical }

    /// Splits `rect` along `axis`; the parts cover it exactly, in order, and never overlap.
    public static func split(_ rect: Rect, _ axis: Axis, _ constraints: [Constraint]) -> [Rect] {
        let total = axis == .horizontal ? rect.width : rect.height
        var sizes = constraints.map { constraint -> Int in
            switch constraint {
            case .fixed(let n), .min(let n): Swift.max(0, n)
            case .ratio(let a, let b): b > 0 ? Swift.max(0, total * a / b) : 0
            case .fill: 0
            }
        }
        // Not enough room: shrink from the last part back.
        var overflow = sizes.reduce(0, +) - total
        var index = sizes.count - 1
        while overflow > 0 && index >= 0 {
            let cut = Swift.min(overflow, sizes[index])
            sizes[index] -= cut
            overflow -= cut
            index -= 1
        }
        // Room to spare: share it among fill and min parts by weight.
        let spare = total - sizes.reduce(0, +)
        let weights = constraints.map { constraint -> Int in
            switch constraint {
            case .fill(let w): Swift.max(0, w)
            case .min: 1
            case .fixed, .ratio: 0
            }
        }
        let weightSum = weights.reduce(0, +)
        if spare > 0 && weightSum > 0 {
            var given = 0
            var seen = 0
            for i in sizes.indices where weights[i] > 0 {
                seen += weights[i]
                let share = spare * seen / weightSum - given
                sizes[i] += share
                given += share
            }
        }
        var offset = axis == .horizontal ? rect.x : rect.y
        return sizes.map { size in
            defer { offset += size }
            return axis == .horizontal
                ? Rect(x: offset, y: rect.y, width: size, height: rect.height)
                : Rect(x: rect.x, y: offset, width: rect.width, height: size)
        }
    }
}
