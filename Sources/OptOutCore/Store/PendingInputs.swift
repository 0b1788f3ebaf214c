/// The valid inputs of one batch of a manual change, waiting to be applied: most in 16 bytes each.
///
/// A bulk change applies a batch in match-key order, so the fewer batches a file takes, the fewer
/// times the indexes keyed on the identifier are swept (each sweep of a big list rewrites nearly every
/// page of them). An input is held `compact` when everything about it can be told again from its
/// number's digits and two small offsets: a phone number that is its own match key (not one of the
/// folded Mexican, Argentine or Brazilian forms), from a line of the file the batch's first line
/// input came from, with no time of its own. The others (arguments, user IDs, folded numbers, rows
/// with a time) are held whole, each weighing against `capacity` as many compact ones as its size
/// (`weight(of:)`).
///
/// What an input is rebuilt as lacks only the text as typed, which nothing applied needs: its
/// identifier, position and place are those it was appended with.
struct PendingInputs {
    /// An input told by its number (which is its match key), its position and its line, both counted
    /// from the batch's first.
    struct Compact {
        var digits: UInt64
        var position: UInt32
        var line: UInt32
    }

    private var compact: [Compact] = []
    private var whole: [ManualChange.Pending] = []
    /// What the inputs held weigh against `capacity`: one for each compact input.
    private var weight = 0
    /// The position and line the compact inputs count from, and the file they come from.
    private var origin: (position: Int, line: Int, name: String)?

    /// How much a batch holds: 1,048,576 compact inputs (16 MiB, and half as much again to sort them),
    /// or fewer as some are held whole. 1M numbers of a file are one batch.
    static let capacity = 1 << 20
    /// What an input held whole counts for against `capacity`: its size, and that of a user ID's text
    /// when it is too long to be stored inline (a Swift string of more than 15 bytes is an object of
    /// its own: about 48 bytes and the text), in compact inputs.
    static func weight(of pending: ManualChange.Pending) -> Int {
        var bytes = MemoryLayout<ManualChange.Pending>.stride
        if case .user(let user) = pending.identifier, user.text.utf8.count > 15 { bytes += 48 + user.text.utf8.count }
        let unit = MemoryLayout<Compact>.stride
        return (bytes + unit - 1) / unit
    }

    init(reservingFor expected: Int) {
        compact.reserveCapacity(min(expected, Self.capacity))
    }

    var count: Int { compact.count + whole.count }

    /// Whether the batch holds as much as it may.
    var isFull: Bool { weight >= Self.capacity }

    /// Holds `pending`.
    mutating func append(_ pending: ManualChange.Pending) {
        if let compact = compactForm(of: pending) {
            self.compact.append(compact)
            weight += 1
        } else {
            whole.append(pending)
            weight += Self.weight(of: pending)
        }
    }

    /// `pending` as a compact input, when it can be one.
    private mutating func compactForm(of pending: ManualChange.Pending) -> Compact? {
        guard pending.rowTime == nil, case .phone(let number) = pending.identifier, number.matchKey == number.digits,
            case .line(let line, let name) = pending.place
        else { return nil }
        if origin == nil { origin = (pending.position, line, name) }
        guard let origin, name == origin.name, let position = UInt32(exactly: pending.position - origin.position),
            let lineOffset = UInt32(exactly: line - origin.line)
        else { return nil }
        return Compact(digits: number.digits, position: position, line: lineOffset)
    }

    /// The input `compact` stands for.
    private func pending(_ compact: Compact) -> ManualChange.Pending? {
        guard let origin, let number = PhoneNumber(digits: compact.digits) else { return nil }
        return ManualChange.Pending(
            place: .line(origin.line + Int(compact.line), of: origin.name), position: origin.position + Int(compact.position),
            identifier: .phone(number), rowTime: nil)
    }

    /// The smallest and largest match key held, nil when none is.
    var keySpan: ClosedRange<UInt64>? {
        var low = UInt64.max
        var high = UInt64.min
        for input in compact {
            low = min(low, input.digits)
            high = max(high, input.digits)
        }
        for input in whole {
            let key = input.identifier.matchKey
            low = min(low, key)
            high = max(high, key)
        }
        return count == 0 ? nil : low...high
    }

    /// Calls `body` with every input held, in input order or, `inKeyOrder`, by match key (inputs of one
    /// key in input order). The compact inputs are sorted in place into the order asked for.
    mutating func forEach(inKeyOrder: Bool, _ body: (ManualChange.Pending) throws -> Void) throws {
        var wholeOrder = Array(whole.indices)
        if !inKeyOrder {
            // As appended, unless a pass in key order came first.
            compact.sort { $0.position < $1.position }
        } else {
            compact.sort { ($0.digits, $0.position) < ($1.digits, $1.position) }
            // The keys apart, so that comparing two does not copy two inputs; they were appended in
            // input order.
            let keys = whole.map(\.identifier.matchKey)
            wholeOrder.sort { (keys[$0], $0) < (keys[$1], $1) }
        }
        let base = origin?.position ?? 0
        // The two kinds merged: each is in order already.
        func comesFirst(_ compact: Compact, _ other: ManualChange.Pending) -> Bool {
            let position = base + Int(compact.position)
            return inKeyOrder
                ? (compact.digits, position) < (other.identifier.matchKey, other.position) : position < other.position
        }
        var next = wholeOrder.startIndex
        for input in compact {
            while next < wholeOrder.endIndex, !comesFirst(input, whole[wholeOrder[next]]) {
                try body(whole[wholeOrder[next]])
                next += 1
            }
            guard let pending = pending(input) else { throw OptOutError(.internal, "a held number could not be read back") }
            try body(pending)
        }
        for index in wholeOrder[next...] { try body(whole[index]) }
    }

    /// Forgets every input, keeping the memory for the next batch.
    mutating func removeAll() {
        compact.removeAll(keepingCapacity: true)
        whole.removeAll(keepingCapacity: true)
        weight = 0
        origin = nil
    }
}
