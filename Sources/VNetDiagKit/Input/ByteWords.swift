/// Eight bytes at a time ("SWAR"): tests on a 64-bit word that say whether any of its bytes has
/// some property, for the scans that run over whole inputs.
enum ByteWords {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The byte repeated in all eight lanes.
    @inline(__always)
    static func splat(_ byte: UInt8) -> UInt64 { ones &* UInt64(byte) }

    /// Flags (high bit of the lane) the zero bytes of `word`: the lowest flag is exact, a borrow may
    /// flag a lane above a real zero, so the result answers "any?" exactly and "where?" from the bottom.
    @inline(__always)
    static func zeroLanes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }

    /// Flags exactly the zero bytes of `word` (no borrow between lanes): for counting them.
    @inline(__always)
    static func exactZeroLanes(_ word: UInt64) -> UInt64 { ~(((word & ~highs) &+ ~highs) | word | ~highs) }

    /// Whether any byte of `word` is below `limit` (at most 0x80).
    @inline(__always)
    static func hasByteBelow(_ word: UInt64, _ limit: UInt8) -> Bool { (word &- splat(limit)) & ~word & highs != 0 }

    /// Whether `word` holds `byte` somewhere.
    @inline(__always)
    static func contains(_ word: UInt64, _ byte: UInt8) -> Bool { zeroLanes(word ^ splat(byte)) != 0 }
}
