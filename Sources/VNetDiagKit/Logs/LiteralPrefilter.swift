#if canImport(Glibc)
import Glibc
#endif

/// Finds where any of a set of literals occurs, at a few instructions per byte: the four bytes at
/// every `stride`-th position are hashed into a 64-kilobit table built from the literals' four-byte
/// windows at offsets 0..<stride (a Rabin–Karp style fingerprint), and only table hits are compared
/// with the literals. With literals of five bytes or more the stride is 2, so half the positions
/// are looked at. A regex alternation of the same literals ran ten times slower.
struct LiteralPrefilter: Sendable {
    let literals: [[UInt8]]
    private let table: [UInt64]
    /// (literal, offset of the window in it) by the window's four bytes.
    private let byWindow: [UInt32: [(literal: Int, offset: Int)]]
    /// Literals under four bytes, searched with memchr/memcmp instead.
    private let short: [Int]
    private let stride: Int

    init(_ literals: [[UInt8]]) {
        self.literals = literals
        var table = [UInt64](repeating: 0, count: 1024)
        var byWindow: [UInt32: [(Int, Int)]] = [:]
        var short: [Int] = []
        let long = literals.filter { $0.count >= 4 }
        let stride = max(1, min(4, (long.map(\.count).min() ?? 4) - 3))
        for (index, literal) in literals.enumerated() {
            guard literal.count >= 4 else { short.append(index); continue }
            for offset in 0..<stride {
                let window = UInt32(literal[offset]) | UInt32(literal[offset + 1]) << 8
                    | UInt32(literal[offset + 2]) << 16 | UInt32(literal[offset + 3]) << 24
                let hash = Self.hash(window)
                table[Int(hash >> 6)] |= 1 << UInt64(hash & 63)
                byWindow[window, default: []].append((index, offset))
            }
        }
        self.table = table
        self.byWindow = byWindow
        self.short = short
        self.stride = stride
    }

    @inline(__always)
    static func hash(_ value: UInt32) -> UInt32 { (value &* 0x9E37_79B1) >> 16 }

    /// The offset of the first occurrence of any literal at or after `start`, or nil.
    func firstOccurrence(in buffer: UnsafeRawBufferPointer, from start: Int) -> Int? {
        let count = buffer.count
        guard let base = buffer.baseAddress else { return nil }
        var best: Int? = nil
        if !short.isEmpty {
            for index in short {
                let literal = literals[index]
                if let found = literal.withUnsafeBufferPointer({ needle in
                    findBytes(base.assumingMemoryBound(to: UInt8.self) + start, count: count - start,
                              needle: needle.baseAddress!, needleCount: needle.count)
                }) {
                    best = min(best ?? Int.max, start + found)
                }
            }
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
