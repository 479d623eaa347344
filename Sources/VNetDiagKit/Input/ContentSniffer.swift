/// Looks at the first bytes of an input to tell text from binary and to spot UTF-16.
///
/// Windows PowerShell 5 writes `ipconfig /all > out.txt` as UTF-16LE (with a byte-order mark);
/// such a file is half NUL bytes but is text. Anything else whose first 64 KiB are more than a
/// tenth NUL bytes (`/dev/zero`, a core dump), or more than a twentieth other control bytes (random
/// or compressed data, an image: about one byte in ten), is binary: reading it further only costs
/// time and memory, since no command prints such bytes. TAB, LF, VT, FF, CR and ESC (colour
/// codes) are text.
public enum ContentSniffer {
    public enum UTF16Order: Sendable, Equatable { case littleEndian, bigEndian }

    /// How many leading bytes decide.
    public static let sniffLength = 1 << 16

    public static func utf16Order(_ bytes: UnsafeRawBufferPointer) -> UTF16Order? {
        if bytes.count >= 2 {
            if bytes[0] == 0xFF && bytes[1] == 0xFE { return .littleEndian }
            if bytes[0] == 0xFE && bytes[1] == 0xFF { return .bigEndian }
        }
        // No mark: ASCII text in UTF-16 has a zero in every pair, always on the same side.
        let pairs = min(bytes.count, 4096) / 2
        guard pairs >= 8 else { return nil }
        var zeroHigh = 0
        var zeroLow = 0
        for pair in 0..<pairs {
            let first = bytes[2 * pair], second = bytes[2 * pair + 1]
            if second == 0 && first != 0 { zeroHigh += 1 }
            if first == 0 && second != 0 { zeroLow += 1 }
        }
        if zeroHigh * 10 >= pairs * 9 { return .littleEndian }
        if zeroLow * 10 >= pairs * 9 { return .bigEndian }
        return nil
    }

    public static func utf16Order(_ bytes: [UInt8]) -> UTF16Order? {
        bytes.withUnsafeBytes { utf16Order($0) }
    }

    /// True when the first `sniffLength` bytes are not UTF-16 and hold more than a tenth NUL
    /// bytes or more than a twentieth other control bytes.
    public static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let prefix = UnsafeRawBufferPointer(rebasing: bytes.prefix(sniffLength))
        guard !prefix.isEmpty, utf16Order(prefix) == nil else { return false }
        var nul = 0
        var control = 0
        for byte in prefix where byte < 0x20 {
            if byte == 0 { nul += 1 } else if !(0x09...0x0D).contains(byte) && byte != 0x1B { control += 1 }
        }
        return nul * 10 > prefix.count || control * 20 > prefix.count
    }

    public static func looksBinary(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { looksBinary($0) }
    }

    /// The warning for an input that `looksBinary`.
    public static func binaryWarning(name: String) -> String {
        "\(name): looks binary (its first \(sniffLength / 1024) KiB hold NUL or control bytes that no command prints); not read further"
    }

    /// UTF-16 text as UTF-8 (the mark dropped, bad surrogates replaced by U+FFFD).
    public static func transcodeUTF16(_ bytes: [UInt8], order: UTF16Order) -> [UInt8] {
        var start = 0
        if bytes.count >= 2, (bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF) { start = 2 }
        let unitCount = (bytes.count - start) / 2
        var units: [UInt16] = []
        units.reserveCapacity(unitCount)
        for index in 0..<unitCount {
            let first = UInt16(bytes[start + 2 * index]), second = UInt16(bytes[start + 2 * index + 1])
            units.append(order == .littleEndian ? first | second << 8 : first << 8 | second)
        }
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { output.append($0) }
        return output
    }
}
