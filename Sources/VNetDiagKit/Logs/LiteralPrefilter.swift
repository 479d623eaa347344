#if canImport(Glibc)
import Glibc
#endif

/// Finds where any of a set of literals occurs, at a few instructions per byte: the four bytes at
/// every `stride`-th position are hashed into a 64-kilobit table built from the literals' four-byte
/// windows at offsets 0..<stride (a Rabin–Karp style fingerprint), and only table hits are compared
/// with the literals. With literals of seven bytes or more the stride is 4, so a quarter of the
/// positions are looked at; a few shorter literals (the rules' `VNet/`) are searched on their own
/// instead, each occurrence remembered by a `Cursor` so that the buffer is read once for each, and
/// do not hold the stride down. A regex alternation of the same literals ran ten times slower.
struct LiteralPrefilter: Sendable {
    let literals: [[UInt8]]
    private let table: [UInt64]
    /// (literal, offset of the window in it) by the window's four bytes.
    private let byWindow: [UInt32: [(literal: Int, offset: Int)]]
    /// Literals searched on their own (memchr/memcmp) instead of through the table: those under four
    /// bytes, and up to `mostSearchedAlone` under seven when longer ones remain for the table.
    private let short: [Int]
    private let stride: Int
    /// For `literals(in:)`: a bit per hash of each literal's first four bytes, and those literals
    /// by their first four bytes; literals under four bytes are searched on their own.
    private let startTable: [UInt64]
    private let byStart: [UInt32: [Int]]
    private let underFour: [Int]

    /// Literals of this length or more allow the largest stride, 4.
    static let fullStrideLength = 7
    static let mostSearchedAlone = 4

    init(_ literals: [[UInt8]]) {
        self.literals = literals
        var table = [UInt64](repeating: 0, count: 1024)
        var byWindow: [UInt32: [(Int, Int)]] = [:]
        var short: [Int] = []
        let belowFullStride = literals.filter { $0.count < Self.fullStrideLength }.count
        let windowedFrom = belowFullStride <= Self.mostSearchedAlone && belowFullStride < literals.count
            ? Self.fullStrideLength : 4
        let windowed = literals.filter { $0.count >= windowedFrom }
        let stride = max(1, min(4, (windowed.map(\.count).min() ?? 4) - 3))
        for (index, literal) in literals.enumerated() {
            guard literal.count >= windowedFrom else { short.append(index); continue }
            for offset in 0..<stride {
                let window = Self.window(of: literal, at: offset, markingIn: &table)
                byWindow[window, default: []].append((index, offset))
            }
        }
        self.table = table
        self.byWindow = byWindow
        self.short = short
        self.stride = stride
        var startTable = [UInt64](repeating: 0, count: 1024)
        var byStart: [UInt32: [Int]] = [:]
        for (index, literal) in literals.enumerated() where literal.count >= 4 {
            byStart[Self.window(of: literal, at: 0, markingIn: &startTable), default: []].append(index)
        }
        self.startTable = startTable
        self.byStart = byStart
        underFour = literals.indices.filter { literals[$0].count < 4 }
    }

    /// Every literal that occurs in `line`, each once, in literal order: the line's every position
    /// is looked up by its four bytes, instead of searching the line once per literal.
    func literals(in line: UnsafeRawBufferPointer) -> [Int] {
        guard let base = line.baseAddress else { return [] }
        var found = underFour.filter { matchesSomewhere(literals[$0], base, line.count) }
        if line.count >= 4 {
            startTable.withUnsafeBufferPointer { bits in
                for position in 0...(line.count - 4) {
                    let word = base.loadUnaligned(fromByteOffset: position, as: UInt32.self)
                    let hash = Self.hash(word)
                    guard bits[Int(hash >> 6)] & (1 << UInt64(hash & 63)) != 0, let candidates = byStart[word] else { continue }
                    for index in candidates where !found.contains(index) && matches(literals[index], base, position, line.count) {
                        found.append(index)
                    }
                }
            }
        }
        found.sort()
        return found
    }

    private func matchesSomewhere(_ literal: [UInt8], _ base: UnsafeRawPointer, _ count: Int) -> Bool {
        literal.withUnsafeBufferPointer { needle in
            findBytes(base.assumingMemoryBound(to: UInt8.self), count: count, needle: needle.baseAddress!,
                      needleCount: needle.count) != nil
        }
    }

    @inline(__always)
    static func hash(_ value: UInt32) -> UInt32 { (value &* 0x9E37_79B1) >> 16 }

    /// The four bytes of `literal` at `offset` as one word (as `loadUnaligned` reads them), its
    /// hash's bit set in `table`.
    private static func window(of literal: [UInt8], at offset: Int, markingIn table: inout [UInt64]) -> UInt32 {
        let window = UInt32(literal[offset]) | UInt32(literal[offset + 1]) << 8
            | UInt32(literal[offset + 2]) << 16 | UInt32(literal[offset + 3]) << 24
        let hash = Self.hash(window)
        table[Int(hash >> 6)] |= 1 << UInt64(hash & 63)
        return window
    }

    /// Where each literal searched on its own next occurs in one buffer: searches move forward only.
    struct Cursor {
        /// Per entry of `short`: the next occurrence at or after `searchedFrom`, or nil when none.
        fileprivate var next: [Int?]
        fileprivate var searchedFrom: [Int]
    }

    /// A cursor for a new buffer.
    func cursor() -> Cursor {
        Cursor(next: Array(repeating: nil, count: short.count), searchedFrom: Array(repeating: Int.max, count: short.count))
    }

    /// The offset of the first occurrence of any literal at or after `start`, or nil. Calls with
    /// the same `cursor` must be for the same buffer, with `start` never going back.
    func firstOccurrence(in buffer: UnsafeRawBufferPointer, from start: Int, cursor: inout Cursor) -> Int? {
        let count = buffer.count
        guard let base = buffer.baseAddress else { return nil }
        var best: Int? = nil
        for (slot, index) in short.enumerated() {
            // A remembered occurrence still ahead, or none at all after an earlier start, stands.
            if cursor.searchedFrom[slot] > start || (cursor.next[slot].map { $0 < start } ?? false) {
                let literal = literals[index]
                cursor.next[slot] = literal.withUnsafeBufferPointer { needle in
                    findBytes(base.assumingMemoryBound(to: UInt8.self) + start, count: count - start,
                              needle: needle.baseAddress!, needleCount: needle.count).map { start + $0 }
                }
                cursor.searchedFrom[slot] = start
            }
            if let found = cursor.next[slot] { best = min(best ?? Int.max, found) }
        }
        let limit = min(count - 3, best ?? Int.max)
        // Start a little early so a literal beginning just before `start` is not missed.
        var position = start
        var found: Int? = nil
        table.withUnsafeBufferPointer { bits in
            while position < limit {
                let word = base.loadUnaligned(fromByteOffset: position, as: UInt32.self)
                let hash = Self.hash(word)
                if bits[Int(hash >> 6)] & (1 << UInt64(hash & 63)) != 0, let candidates = byWindow[word] {
                    for (index, offset) in candidates where position - offset >= start
                        && matches(literals[index], base, position - offset, count) {
                        found = min(found ?? Int.max, position - offset)
                    }
                    if found != nil { return }
                }
                position += stride
            }
        }
        if let found { return min(found, best ?? Int.max) }
        // The last few positions before the end, one by one.
        var tail = max(start, limit)
        while tail < min(count, best ?? Int.max) {
            for literal in literals where matches(literal, base, tail, count) { return tail }
            tail += 1
        }
        return best
    }

    @inline(__always)
    private func matches(_ literal: [UInt8], _ base: UnsafeRawPointer, _ position: Int, _ count: Int) -> Bool {
        guard position + literal.count <= count else { return false }
        return literal.withUnsafeBytes { memcmp(base + position, $0.baseAddress!, literal.count) == 0 }
    }
}
