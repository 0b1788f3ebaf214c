import Foundation
import Testing
@testable import OptOutCore

/// `MessageText`'s compatibility decomposition (a generated table and the Hangul arithmetic) against
/// Foundation's NFKD, which the core no longer links: every scalar the table's Unicode version assigns.
@Suite struct CompatibilityTableTests {
    /// The scalars of `scalar`'s decomposition as `MessageText` makes it.
    static func decomposition(_ scalar: Unicode.Scalar) -> [UInt32] {
        var scalars: [UInt32] = []
        MessageText.forEachCompatibilityScalar(of: scalar) { scalars.append($0.value) }
        return scalars
    }

    @Test func everyAssignedScalarDecomposesAsFoundationDoes() {
        let version = CompatibilityTable.unicodeVersion.split(separator: ".").compactMap { Int($0) }
        #expect(version.count == 3)
        var compared = 0
        var mismatches: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value), let age = scalar.properties.age,
                  (age.major, age.minor) <= (version[0], version[1])
            else { continue }
            let expected = String(Character(scalar)).decomposedStringWithCompatibilityMapping.unicodeScalars.map(\.value)
            compared += 1
            if Self.decomposition(scalar) != expected, mismatches.count < 20 {
                mismatches.append(String(format: "U+%04X: %@ instead of %@", value,
                                         Self.decomposition(scalar).description, expected.description))
            }
        }
        #expect(compared > 140_000, "only \(compared) scalars compared")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "; "))")
    }

    @Test func examples() {
        #expect(Self.decomposition("Ｓ") == [0x53])
        #expect(Self.decomposition("é") == [0x65, 0x301])
        #expect(Self.decomposition("ﬁ") == [0x66, 0x69])
        #expect(Self.decomposition("①") == [0x31])
        #expect(Self.decomposition("각") == [0x1100, 0x1161, 0x11A8])
        #expect(Self.decomposition("가") == [0x1100, 0x1161])
        #expect(Self.decomposition("a") == [0x61])
        #expect(Self.decomposition("\u{10FFFF}") == [0x10FFFF])
    }
}
