/// Many bytes at a time, for the scans that run over whole inputs: tests on a 64-bit word that say
/// whether any of its bytes has some property ("SWAR"), and a 32-byte SIMD count.
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

    /// Whether `word` holds `byte` somewhere.
    @inline(__always)
    static func contains(_ word: UInt64, _ byte: UInt8) -> Bool { zeroLanes(word ^ splat(byte)) != 0 }

    /// How many times `byte` occurs in `bytes`, 32 bytes at a time: a compare gives -1 in each
    /// matching lane, subtracted into per-lane counters that are summed before they can wrap.
    /// Word-at-a-time counting needed a software popcount (the baseline x86-64 target has none)
    /// and was a tenth of `events`.
    static func count(_ byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int {
        let target = SIMD32<UInt8>(repeating: byte)
        var count = 0
        var offset = 0
        while offset + 32 <= bytes.count {
            var lanes = SIMD32<UInt8>()
            let stop = min(bytes.count - 31, offset + 32 * Int(UInt8.max))
            while offset < stop {
                let block = bytes.loadUnaligned(fromByteOffset: offset, as: SIMD32<UInt8>.self)
                lanes &-= unsafeBitCast(block .== target, to: SIMD32<UInt8>.self)
                offset += 32
            }
            count += Int(SIMD32<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while offset < bytes.count {
            if bytes[offset] == byte { count += 1 }
            offset += 1
        }
        return count
    }
}
