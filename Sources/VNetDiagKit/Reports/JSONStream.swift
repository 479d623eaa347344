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

    private init(pretty: Bool, buffer: ByteBuffer) {
        self.pretty = pretty
        self.buffer = buffer
    }

    /// Where finished output goes. Set, a large array is written in small pieces on every core, each
    /// handed over as soon as the pieces before it are and its buffer used again: the output is never
    /// held whole (a 3 MB parse answer touched a thousand fresh pages) and writing overlaps the work.
    /// `bytes` and `parts` then hold only what has not been handed over yet; `flush` hands it over.
    public var output: JSONOutput? = nil

    /// Items per piece of an array written to `output` (a few tens of kilobytes of records).
    static let itemsPerOutputPiece = 64
    /// Without a large array to flush before it, the buffer is handed over once it holds this much.
    static let flushFrom = 1 << 20

    /// Output that comes before `buffer`: the pieces of an array written on several cores are kept
    /// as they were written, not copied into one buffer (3.5 MB of jc JSON: a copy and 400 page faults).
    public private(set) var earlierParts: [ByteBuffer] = []

    /// Everything written so far, in order.
    public var parts: [ByteBuffer] { earlierParts + [buffer] }

    public var bytes: [UInt8] {
        guard !earlierParts.isEmpty else { return buffer.bytes }
        return parts.flatMap(\.bytes)
    }

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
        if let output, items.count >= parallelThreshold {
            elementsInOrder(items, to: output, write)
            return
        }
        let cores = ParallelMap.activeProcessorCount
        let pieces = cores * ParallelMap.piecesPerCore
        guard items.count >= parallelThreshold, cores > 1 else {
            for item in items { write(&self, item) }
            if output != nil, buffer.count >= Self.flushFrom { flush() }
            return
        }
        let ranges = ParallelMap.pieces(of: 0..<items.count, count: pieces)
        // The first piece is written in place; the others into buffers sized like the room left
        // (reserved, not touched), so that none grows by copying, then kept as parts after it.
        let first = InPlacePiece(self)
        let (pretty, depth, hasItems) = (self.pretty, self.depth, self.hasItems)
        let pieceCapacity = max(1 << 16, buffer.spareCapacity / pieces)
        let parts = ParallelMap.map(ranges) { range -> ByteBuffer? in
            guard range.lowerBound > 0 else {
                for index in range { write(&first.stream, items[index]) }
                return nil
            }
            // Each piece continues the open array at the same depth, after an item.
            var piece = JSONStream(pretty: pretty, capacity: pieceCapacity)
            piece.parallelThreshold = Int.max
            piece.depth = depth
            piece.hasItems = true
            for index in range { write(&piece, items[index]) }
            return piece.buffer
        }
        let threshold = parallelThreshold
        self = first.stream
        parallelThreshold = threshold
        let written = parts.compactMap { $0 }
        if !written.isEmpty {
            earlierParts.append(buffer)
            earlierParts.append(contentsOf: written)
            buffer = ByteBuffer(capacity: 4096)
        }
        self.hasItems = hasItems || !items.isEmpty
    }

    /// `elements` for a stream with an `output`: what came before goes out first, then the pieces
    /// in order as they finish (on one core too: the buffers are used again either way).
    private mutating func elementsInOrder<Item: Sendable>(_ items: [Item], to output: JSONOutput,
                                                          _ write: @Sendable (inout JSONStream, Item) -> Void) {
        flush()
        let ranges = ParallelMap.pieces(of: 0..<items.count, size: Self.itemsPerOutputPiece)
        let pieces = OrderedPieceOutput(output)
        let (pretty, depth, hasItems) = (self.pretty, self.depth, self.hasItems)
        _ = ParallelMap.map(Array(ranges.indices)) { index in
            // Each piece continues the open array at the same depth, after an item unless it is the first.
            var piece = JSONStream(pretty: pretty, buffer: pieces.takeBuffer())
            piece.parallelThreshold = Int.max
            piece.depth = depth
            piece.hasItems = hasItems || index > 0
            for item in ranges[index] { write(&piece, items[item]) }
            pieces.finish(index, piece.buffer)
        }
        self.hasItems = hasItems || !items.isEmpty
    }

    /// Hands everything not yet handed over to `output` and empties the buffer; nothing happens
    /// without an output.
    public mutating func flush() {
        guard let output else { return }
        for part in earlierParts + [buffer] where part.count > 0 { part.withUnsafeBytes(output.write) }
        earlierParts.removeAll()
        buffer.removeAll()
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
        if !pretty, case .literal(let literal) = name.storage {
            // Compact output: comma, quoted key and colon in one write (a sixth of the jc JSON's work
            // was writing keys).
            JSONWriter.writeObjectKey(literal, comma: hasItems, spaced: false, into: &buffer)
            hasItems = true
            afterKey = true
            return
        }
        separate()
        switch name.storage {
        case .literal(let literal):
            // Keys written in the source are plain identifiers: their bytes between quotes, then
            // the colon, with one capacity check.
            JSONWriter.writeObjectKey(literal, comma: false, spaced: pretty, into: &buffer)
        case .text(let text):
            JSONWriter.writeString(text, into: &buffer)
            buffer.append(UInt8(ascii: ":"))
            if pretty { buffer.append(0x20) }
        }
        afterKey = true
    }

    public mutating func string(_ value: String) {
        beforeValue()
        JSONWriter.writeString(value, into: &buffer)
    }

    public mutating func string(joining parts: [String], eachFollowedBy suffix: String) {
        beforeValue()
        buffer.append(UInt8(ascii: "\""))
        for part in parts {
            JSONWriter.writeUnquoted(part, into: &buffer)
            JSONWriter.writeUnquoted(suffix, into: &buffer)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    public mutating func ipv4(_ address: IPv4Address) {
        beforeValue()
        JSONWriter.writeIPv4(address, into: &buffer)
    }

    public mutating func mac(_ address: MACAddress) {
        beforeValue()
        JSONWriter.writeMAC(address, into: &buffer)
    }

    public mutating func int(_ value: Int) {
        beforeValue()
        JSONWriter.writeInt(value, into: &buffer)
    }

    public mutating func field(_ name: JSONKey, _ value: Int?) {
        guard let value else { return }
        guard !pretty, case .literal(let literal) = name.storage else {
            key(name)
            int(value)
            return
        }
        // Compact output: comma, quoted key, colon and number with one capacity check.
        let comma = hasItems
        buffer.appendInPlace(maximum: JSONWriter.objectKeyLength(literal) + JSONWriter.maximumIntLength) { target in
            let keyLength = JSONWriter.writeObjectKey(literal, comma: comma, spaced: false, to: target)
            return keyLength + JSONWriter.writeInt(value, to: target + keyLength)
        }
        hasItems = true
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

/// The stream itself, lent to the worker that writes the first piece of a parallel array; the
/// caller takes it back when every piece is done and does not touch it meanwhile.
private final class InPlacePiece: @unchecked Sendable {
    var stream: JSONStream

    init(_ stream: JSONStream) {
        self.stream = stream
        self.stream.parallelThreshold = Int.max
    }
}
