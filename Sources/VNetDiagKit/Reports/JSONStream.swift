import Foundation

/// Writes JSON text as it goes: compact (`{"a":1}`) or indented by two spaces, same bytes as
/// writing the equivalent `JSONValue`.
public struct JSONStream: JSONSink {
    public var buffer: ByteBuffer
    public let pretty: Bool
    private var depth = 0
    /// The open container already holds an item, so the next one needs a comma.
    private var hasItems = false
    /// A key was just written; its value follows without comma or newline.
    private var afterKey = false

    public init(pretty: Bool, capacity: Int = 4096) {
        self.pretty = pretty
        buffer = ByteBuffer(capacity: capacity)
    }

    public var bytes: [UInt8] { buffer.bytes }

    @inline(__always)
    private mutating func newline() {
        buffer.append(0x0A)
        buffer.append(repeating: 0x20, count: depth * 2)
    }

    /// Comma and indentation before an array item or a key.
    @inline(__always)
    private mutating func separate() {
        if hasItems { buffer.append(UInt8(ascii: ",")) }
        if pretty && depth > 0 { newline() }
        hasItems = true
    }

    @inline(__always)
    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
        } else {
            separate()
        }
    }

    /// Arrays with at least this many elements are written in parallel pieces.
    public var parallelThreshold = 2048

    public mutating func elements<Item: Sendable>(_ items: [Item], _ write: @Sendable (inout JSONStream, Item) -> Void) {
        let pieces = ParallelMap.activeProcessorCount
        guard items.count >= parallelThreshold, pieces > 1 else {
            for item in items { write(&self, item) }
            return
        }
        let size = (items.count + pieces - 1) / pieces
        let ranges = stride(from: 0, to: items.count, by: size).map { $0..<min($0 + size, items.count) }
        let (pretty, depth, hasItems) = (self.pretty, self.depth, self.hasItems)
        let parts = ParallelMap.map(ranges) { range in
            // Each piece continues the open array at the same depth; all but the first after an item.
            var piece = JSONStream(pretty: pretty, capacity: 1 << 16)
            piece.parallelThreshold = Int.max
            piece.depth = depth
            piece.hasItems = range.lowerBound > 0 || hasItems
            for index in range { write(&piece, items[index]) }
            return piece.buffer
        }
        for part in parts { part.withUnsafeBytes { buffer.append($0) } }
        self.hasItems = hasItems || !items.isEmpty
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        beforeValue()
        buffer.append(bracket)
        depth += 1
        hasItems = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if pretty && hasItems { newline() }
        buffer.append(bracket)
        hasItems = true
    }

    public mutating func key(_ name: JSONKey) {
        separate()
        switch name.storage {
        case .literal(let literal):
            // Keys written in the source are plain identifiers: copy their bytes between quotes.
            buffer.append(UInt8(ascii: "\""))
            buffer.append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            buffer.append(UInt8(ascii: "\""))
        case .text(let text):
            JSONWriter.writeString(text, into: &buffer)
        }
        buffer.append(UInt8(ascii: ":"))
        if pretty { buffer.append(0x20) }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        beforeValue()
        JSONWriter.writeString(value, into: &buffer)
    }

    public mutating func int(_ value: Int) {
        beforeValue()
        JSONWriter.writeInt(value, into: &buffer)
    }

    public mutating func double(_ value: Double) {
        beforeValue()
        buffer.append(Array((value.isFinite ? value.description : "null").utf8))
    }

    public mutating func bool(_ value: Bool) {
        beforeValue()
        buffer.append(value ? JSONWriter.trueBytes : JSONWriter.falseBytes)
    }

    public mutating func null() {
        beforeValue()
        buffer.append(JSONWriter.nullBytes)
    }
}
