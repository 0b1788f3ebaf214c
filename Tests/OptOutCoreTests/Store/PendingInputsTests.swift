import Testing
@testable import OptOutCore

/// A batch of a manual change gives back every input it was given, with its identifier, position, place
/// and time, in input order or in match-key order, however each was held.
@Suite struct PendingInputsTests {
    /// What a user of an input sees of it.
    func described(_ pending: ManualChange.Pending) -> String {
        "\(pending.position) \(pending.place.origin) \(pending.identifier.text) \(pending.rowTime.map { "\($0.milliseconds)" } ?? "-")"
    }

    func pending(_ text: String, position: Int, place: NumberInput.Place, rowTime: Timestamp? = nil) throws -> ManualChange.Pending {
        let identifier = try #require(Identifier(stored: text))
        return ManualChange.Pending(place: place, position: position, identifier: identifier, rowTime: rowTime)
    }

    /// Inputs of every kind, mixed: numbers of a file (held compact), a repeated number, arguments, a
    /// user ID, folded Brazilian and Mexican forms (whose key is not their digits), a row with its own
    /// time, a line of another file, and positions and lines too far apart for the compact form.
    func mixed() throws -> [ManualChange.Pending] {
        let file = "numbers.txt"
        return [
            try pending("+15550000009", position: 0, place: .argument(1)),
            try pending("+15550000005", position: 1, place: .line(1, of: file)),
            try pending("+15550000001", position: 2, place: .line(2, of: file)),
            try pending("+5511987654321", position: 3, place: .line(4, of: file)),
            try pending("+15550000005", position: 4, place: .line(5, of: file)),
            try pending("US.13491208655302741918", position: 5, place: .line(6, of: file)),
            try pending("+5215512345678", position: 6, place: .line(7, of: file)),
            try pending("+15550000003", position: 7, place: .line(8, of: file), rowTime: Timestamp(seconds: 1_700_000_000)),
            try pending("+15550000002", position: 8, place: .line(1, of: "other.txt")),
            try pending("+15550000004", position: 9, place: .line(9, of: file)),
            try pending("+15550000000", position: 10, place: .line(9 + (1 << 33), of: file)),
            try pending("+15550000008", position: 11 + (1 << 33), place: .line(10 + (1 << 33), of: file)),
            try pending("+15550000007", position: 12 + (1 << 33), place: .line(11 + (1 << 33), of: file)),
        ]
    }

    @Test func givesBackEveryInputInInputOrder() throws {
        let inputs = try mixed()
        var batch = PendingInputs(reservingFor: inputs.count)
        for input in inputs { batch.append(input) }
        #expect(batch.count == inputs.count)
        var seen: [String] = []
        try batch.forEach(inKeyOrder: false) { seen.append(described($0)) }
        #expect(seen == inputs.map(described))
    }

    @Test func givesBackEveryInputInKeyOrderWithTheInputOrderWithinAKey() throws {
        let inputs = try mixed()
        var batch = PendingInputs(reservingFor: inputs.count)
        for input in inputs { batch.append(input) }
        let keys = inputs.map(\.identifier.matchKey)
        #expect(batch.keySpan == keys.min()!...keys.max()!)
        var seen: [String] = []
        try batch.forEach(inKeyOrder: true) { seen.append(described($0)) }
        let expected = inputs.sorted { ($0.identifier.matchKey, $0.position) < ($1.identifier.matchKey, $1.position) }
        #expect(seen == expected.map(described))
        #expect(seen.filter { $0.contains("+15550000005") } == ["1 line 1 of numbers.txt +15550000005 -", "4 line 5 of numbers.txt +15550000005 -"])
    }

    /// A pass in key order, then one in input order (the refused numbers are told so): the second gives
    /// the input order back.
    @Test func givesBackTheInputOrderAfterAPassInKeyOrder() throws {
        let inputs = try mixed()
        var batch = PendingInputs(reservingFor: inputs.count)
        for input in inputs { batch.append(input) }
        try batch.forEach(inKeyOrder: true) { _ in }
        var seen: [String] = []
        try batch.forEach(inKeyOrder: false) { seen.append(described($0)) }
        #expect(seen == inputs.map(described))
    }

    @Test func aBatchEmptiedStartsAgainFromItsNextInput() throws {
        var batch = PendingInputs(reservingFor: 4)
        batch.append(try pending("+15550000002", position: 0, place: .line(1, of: "a.txt")))
        batch.removeAll()
        #expect(batch.count == 0 && batch.keySpan == nil)
        let next = [
            try pending("+15550000001", position: 7, place: .line(20, of: "b.txt")),
            try pending("+15550000000", position: 8, place: .line(22, of: "b.txt")),
        ]
        for input in next { batch.append(input) }
        var seen: [String] = []
        try batch.forEach(inKeyOrder: true) { seen.append(described($0)) }
        #expect(seen == ["8 line 22 of b.txt +15550000000 -", "7 line 20 of b.txt +15550000001 -"])
    }

    /// A batch is full at `capacity` compact inputs; an input held whole counts for its size, and a
    /// user ID's text held on the heap for its own.
    @Test func isFullAtItsCapacityWithWholeInputsWeighingTheirSize() throws {
        let shortUser = try pending("US.1", position: 0, place: .argument(1))
        let longUser = try pending("US.13491208655302741918", position: 1, place: .argument(2))
        let folded = try pending("+5511987654321", position: 2, place: .argument(3))
        #expect(PendingInputs.weight(of: folded) == PendingInputs.weight(of: shortUser))
        #expect(PendingInputs.weight(of: folded) >= 4)
        #expect(PendingInputs.weight(of: longUser) >= PendingInputs.weight(of: folded) + 4)
        var batch = PendingInputs(reservingFor: 0)
        for input in [shortUser, longUser, folded] { batch.append(input) }
        let number = try #require(Identifier(stored: "+15550000001"))
        var count = 3
        while !batch.isFull {
            batch.append(ManualChange.Pending(place: .line(count, of: "a.txt"), position: count, identifier: number, rowTime: nil))
            count += 1
        }
        let wholeWeight = [shortUser, longUser, folded].map(PendingInputs.weight(of:)).reduce(0, +)
        #expect(count - 3 == PendingInputs.capacity - wholeWeight)
        #expect(batch.count == count)
    }
}
