/// Writes JSON objects straight into a byte buffer, field by field, without building `JSONValue`s:
/// for the records of a bulk run (one object a message). The text is what `JSONValue.object(…)`
/// writes for the same fields.
public struct JSONObjectWriter {
    /// The objects written so far.
    public var bytes: [UInt8] = []
    private var fieldCount = 0

    public init() {}

    /// Starts an object.
    public mutating func begin() {
        bytes.append(UInt8(ascii: "{"))
        fieldCount = 0
    }

    /// Writes a text field, `null` when `value` is nil.
    public mutating func field(_ key: StaticString, _ value: String?) {
        if fieldCount > 0 { bytes.append(UInt8(ascii: ",")) }
        fieldCount += 1
        // Keys are names written in the code, which need no escape. Byte by byte and from static
        // storage: an array literal here was an allocation per field.
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if let value {
            JSONValue.writeString(value, to: &bytes)
        } else {
            bytes.append(contentsOf: UnsafeBufferPointer(start: Self.null.utf8Start, count: Self.null.utf8CodeUnitCount))
        }
    }

    private static let null: StaticString = "null"

    /// Ends the object.
    public mutating func end() { bytes.append(UInt8(ascii: "}")) }
}
