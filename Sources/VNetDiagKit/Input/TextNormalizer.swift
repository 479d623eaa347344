/// What normalisation changed, so reports can say the text was repaired.
public struct NormalizationReport: Sendable, Equatable {
    public var removedByteOrderMark = false
    public var carriageReturns = 0
    public var ansiSequences = 0
    /// Lines whose encoding was repaired (mojibake, CP850 read as CP1252, Latin-1/CP850 bytes).
    public var repairedLines = 0
    public var noBreakSpaces = 0
    public var nulBytes = 0
    /// The input was UTF-16 (PowerShell redirection) and was read as such.
    public var decodedUTF16 = false

    public init() {}
}

/// Turns raw input bytes into clean UTF-8 with LF line ends.
///
/// TABs are kept: they are real separators in `/proc/net/route` and `brctl show`; every parser
/// treats TAB and space alike when splitting fields.
public enum TextNormalizer {
    /// Lines longer than `maxLineLength` are not parsed, so they only get their NULs replaced:
    /// repairing the encoding of a 50 MB line would cost gigabytes for nothing.
    public static func normalize(_ original: [UInt8], maxLineLength: Int = Section.maxParsedLineLength)
        -> ([UInt8], NormalizationReport) {
        var report = NormalizationReport()
        var input = original
        if let order = ContentSniffer.utf16Order(original) {
            input = ContentSniffer.transcodeUTF16(original, order: order)
            report.decodedUTF16 = true
        }
        if isAlreadyClean(input) { return (input, report) }
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var start = 0
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            start = 3
            report.removedByteOrderMark = true
        }
        input.withUnsafeBufferPointer { buffer in
            var lineStart = start
            var index = start
            let count = buffer.count
            while index <= count {
                let atEnd = index == count
                let byte: UInt8 = atEnd ? 0x0A : buffer[index]
                if byte == 0x0A || byte == 0x0D {
                    appendLine(buffer[lineStart..<index], to: &output, report: &report, maxLineLength: maxLineLength)
                    if !atEnd || index > lineStart { output.append(0x0A) }
                    if byte == 0x0D {
                        report.carriageReturns += 1
                        if index + 1 < count, buffer[index + 1] == 0x0A { index += 1 }
                    }
                    lineStart = index + 1
                }
                index += 1
            }
        }
        // The loop adds a final LF for the last line; drop it when the input did not end with one.
        if let last = input.last, last != 0x0A, last != 0x0D, output.last == 0x0A { output.removeLast() }
        return (output, report)
    }

    /// Plain ASCII with LF line ends and no escapes or NULs needs no copy (the common case).
    static func isAlreadyClean(_ input: [UInt8]) -> Bool {
        input.withUnsafeBytes { raw in
            // 128 bytes at a time: four 32-byte compares against the bytes that need work, one
            // test per block (twice as fast as eight-byte words, which needed a second look at
            // every word holding a LF or TAB).
            let high = SIMD32<UInt8>(repeating: 0x80), nul = SIMD32<UInt8>(repeating: 0)
            let carriageReturn = SIMD32<UInt8>(repeating: 0x0D), escape = SIMD32<UInt8>(repeating: 0x1B)
            var offset = 0
            while offset + 128 <= raw.count {
                var unclean = SIMDMask<SIMD32<Int8>>(repeating: false)
                for block in 0..<4 {
                    let bytes = raw.loadUnaligned(fromByteOffset: offset + 32 * block, as: SIMD32<UInt8>.self)
                    unclean = unclean .| (bytes .>= high) .| (bytes .== nul) .| (bytes .== carriageReturn) .| (bytes .== escape)
                }
                if any(unclean) { return false }
                offset += 128
            }
            for byte in raw[offset...] where byte >= 0x80 || byte == 0x0D || byte == 0x1B || byte == 0 { return false }
            return true
        }
    }

    private static func appendLine(_ line: Slice<UnsafeBufferPointer<UInt8>>, to output: inout [UInt8],
                                   report: inout NormalizationReport, maxLineLength: Int) {
        var needsWork = false
        var highBytes = false
        for byte in line where byte >= 0x80 || byte == 0x1B || byte == 0 {
            needsWork = true
            if byte >= 0x80 { highBytes = true }
        }
        guard needsWork else {
            output.append(contentsOf: line)
            return
        }
        if line.count > maxLineLength {
            appendReplacingNULs(line, to: &output, report: &report)
            return
        }
        var bytes = stripANSI(Array(line), report: &report)
        if bytes.contains(0) {
            report.nulBytes += bytes.lazy.filter { $0 == 0 }.count
            bytes = bytes.map { $0 == 0 ? 0x20 : $0 }
        }
        guard highBytes else {
            output.append(contentsOf: bytes)
            return
        }
        let repaired = EncodingRepair.repair(bytes)
        if repaired.changed { report.repairedLines += 1 }
        report.noBreakSpaces += repaired.noBreakSpaces
        output.append(contentsOf: repaired.bytes)
    }

    private static func appendReplacingNULs(_ line: Slice<UnsafeBufferPointer<UInt8>>, to output: inout [UInt8],
                                            report: inout NormalizationReport) {
        let start = output.count
        output.append(contentsOf: line)
        for index in start..<output.count where output[index] == 0 {
            output[index] = 0x20
            report.nulBytes += 1
        }
    }

    /// Removes CSI (`ESC [ ... letter`) and two-byte escape sequences left by `ip -c`, `grep --color`.
    static func stripANSI(_ bytes: [UInt8], report: inout NormalizationReport) -> [UInt8] {
        guard bytes.contains(0x1B) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x1B {
                report.ansiSequences += 1
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "[") {
                    index += 1
                    while index < bytes.count, !(0x40...0x7E).contains(bytes[index]) { index += 1 }
                    index += 1
                } else if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    // OSC: runs to BEL or ESC \
                    while index < bytes.count, bytes[index] != 0x07, bytes[index] != 0x1B { index += 1 }
                    index += bytes.count > index && bytes[index] == 0x1B ? 2 : 1
                } else {
                    index += 1
                }
                continue
            }
            result.append(byte)
            index += 1
        }
        return result
    }
}
