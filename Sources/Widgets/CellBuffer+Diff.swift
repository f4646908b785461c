extension CellBuffer {
    /// The columns of row `y` a terminal must write to go from `previous` to this frame:
    /// every column when there is no previous frame (or its size differs), else the cells
    /// that changed, plus the left half of a wide character whose right half changed (a
    /// terminal writes a wide character from its left half only). A row that did not
    /// change costs one comparison of cells.
    public func changedColumns(row y: Int, since previous: CellBuffer?) -> [Int] {
        guard y >= 0 && y < height else { return [] }
        let start = y * width
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<width) }
        let row = start..<(start + width)
        if cells[row] == previous.cells[row] { return [] }
        var columns: [Int] = []
        for x in 0..<width where cells[start + x] != previous.cells[start + x] {
            if cells[start + x].isContinuation, x > 0, columns.last != x - 1 { columns.append(x - 1) }
            columns.append(x)
        }
        return columns
    }
}
