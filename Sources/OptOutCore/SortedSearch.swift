// MARK: - Searching a sorted array

extension Array where Element: Comparable {
    /// The index of `value` in this array, which must be in ascending order (binary search), or nil
    /// when it is not there: the look-up of the generated tables (`CountryTable.regionCodes`,
    /// `CompatibilityTable.scalars`).
    func sortedIndex(of value: Element) -> Int? {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if self[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && self[low] == value ? low : nil
    }
}
