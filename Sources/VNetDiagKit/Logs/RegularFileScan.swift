import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file is scanned in rounds of `chunkSize` bytes, each round cut into a few pieces per
/// core; every worker reads its own piece (pread) and scans it. Reading the chunk on the main
/// thread first and copying it into the scan buffer had kept one core waiting for a sixth of the
/// run. A line belongs to the piece its first byte lies in: a piece skips the line it starts
/// inside of and reads on past its end to finish its own last line.
extension LogScanner {
    /// What one piece found, with line numbers counted from the piece's start.
    struct PieceScan: Sendable {
        var events: [LogEvent] = []
        var stats = LogScanStats()
        /// Newlines within the piece's own byte range (not the line it reads on to finish).
        var newlines = 0
        /// Bytes of the piece's range that could be read (fewer when the file shrank).
        var bytesRead = 0
        var lastByte: UInt8? = nil
        var failure: InputError? = nil
    }

    func scanRegularFile(_ file: RegularFile, name: String, envelopes: EnvelopeReader, options: LogScanOptions,
                         stats: inout LogScanStats, emit: (LogEvent) -> Void) throws(InputError) {
        let head = UnsafeMutableRawBufferPointer.allocate(byteCount: min(file.size, ContentSniffer.sniffLength), alignment: 8)
        defer { head.deallocate() }
        let headCount = try Self.read(file, name: name, into: head, at: 0)
        if ContentSniffer.looksBinary(UnsafeRawBufferPointer(rebasing: head[0..<headCount])) {
            stats.bytes += headCount
            stats.binaryInputs.append(name)
            return
        }
        let pieces = max(1, options.parallelism) * ParallelMap.piecesPerCore
        let pieceSize = max(1, options.chunkSize / pieces)
        let buffers = BufferPool(byteCount: pieceSize + 1)
        defer { buffers.deallocateAll() }
        var newlinesBefore = 0
        var lastByte: UInt8? = nil
        var roundStart = 0
        while roundStart < file.size {
            let roundEnd = min(file.size, roundStart + pieceSize * pieces)
            let ranges = ParallelMap.pieces(of: roundStart..<roundEnd, size: pieceSize)
            let scans = ParallelMap.map(ranges) { range in
                scanPiece(range, of: file, name: name, envelopes: envelopes, options: options, buffers: buffers)
            }
            for scan in scans {
                if let failure = scan.failure { throw failure }
                emitShifted(scan.events, by: newlinesBefore, emit)
                stats.add(scan.stats)
                stats.bytes += scan.bytesRead
                newlinesBefore += scan.newlines
                lastByte = scan.lastByte ?? lastByte
            }
            roundStart = roundEnd
        }
        stats.lines += newlinesBefore + (lastByte.map { $0 != 0x0A } ?? false ? 1 : 0)
    }

    /// Reads and scans the lines that start in `range`.
    func scanPiece(_ range: Range<Int>, of file: RegularFile, name: String, envelopes: EnvelopeReader,
                   options: LogScanOptions, buffers: BufferPool) -> PieceScan {
        var piece = PieceScan()
        // One byte before the range says whether a line starts at its first byte.
        let readFrom = max(0, range.lowerBound - 1)
        var buffer = buffers.take()
        defer { buffers.give(buffer) }
        let wanted = range.upperBound - readFrom
        var count: Int
        do {
            count = try Self.read(file, name: name, into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]), at: readFrom)
        } catch {
            piece.failure = error
            return piece
        }
        let rangeStart = range.lowerBound - readFrom
        guard count > rangeStart else { return piece }
        let own = UnsafeRawBufferPointer(rebasing: buffer[rangeStart..<count])
        piece.bytesRead = own.count
        piece.newlines = countNewlines(own)
        piece.lastByte = own.last
        let firstLineStart: Int
        if range.lowerBound == 0 || buffer[0] == 0x0A {
            firstLineStart = rangeStart
        } else if let newline = UnsafeRawBufferPointer(rebasing: buffer[rangeStart..<count]).firstIndex(of: 0x0A) {
            firstLineStart = rangeStart + newline + 1
        } else {
            return piece  // inside a line that started in an earlier piece
        }
        // The range ends inside its last line unless it ends at a newline or at the end of the file.
        var end = count
        let cut = count == wanted && range.upperBound < file.size && buffer[count - 1] != 0x0A
        if cut {
            let lastLineStart = UnsafeRawBufferPointer(rebasing: buffer[firstLineStart..<count]).lastIndex(of: 0x0A)
                .map { firstLineStart + $0 + 1 } ?? firstLineStart
            switch finishLine(from: lastLineStart, in: &buffer, count: &count, bufferOffset: readFrom, file: file,
                               name: name, options: options) {
            case .finished(let lineEnd): end = lineEnd
            case .tooLong:
                piece.stats.skippedLongLines += 1
                end = lastLineStart
            case .failed(let error):
                piece.failure = error
                return piece
            }
        }
        guard end > firstLineStart else { return piece }
        let region = UnsafeRawBufferPointer(rebasing: buffer[firstLineStart..<end])
        // Line numbers from the piece's start: one newline lies before the first line when the
        // piece began inside a line.
        let firstLine = 1 + (firstLineStart > rangeStart ? 1 : 0)
        scanRegion(region, name: name, firstLine: firstLine, envelopes: envelopes, options: options,
                   stats: &piece.stats, emit: { piece.events.append($0) })
        return piece
    }

    enum LineEnding {
        case finished(at: Int)
        case tooLong
        case failed(InputError)
    }

    /// Reads on past the buffer (which starts at `bufferOffset` in the file) until the line starting
    /// at `lineStart` ends: after its newline, or at the size the file had when opened. The buffer
    /// grows as needed; a line longer than the limit is given up once the limit is passed.
    private func finishLine(from lineStart: Int, in buffer: inout UnsafeMutableRawBufferPointer, count: inout Int,
                            bufferOffset: Int, file: RegularFile, name: String, options: LogScanOptions) -> LineEnding {
        while true {
            let lineSoFar = count - lineStart
            if lineSoFar > options.maxLineLength { return .tooLong }
            let wanted = min(max(1 << 12, lineSoFar), options.maxLineLength + 1 - lineSoFar,
                             file.size - (bufferOffset + count))
            guard wanted > 0 else { return .finished(at: count) }
            if count + wanted > buffer.count {
                let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count + wanted, buffer.count * 2), alignment: 32)
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                buffer.deallocate()
                buffer = grown
            }
            let got: Int
            do {
                got = try Self.read(file, name: name, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count..<(count + wanted)]),
                                    at: bufferOffset + count)
            } catch {
                return .failed(error)
            }
            guard got > 0 else { return .finished(at: count) }
            if let newline = UnsafeRawBufferPointer(rebasing: buffer[count..<(count + got)]).firstIndex(of: 0x0A) {
                return count + newline - lineStart > options.maxLineLength ? .tooLong : .finished(at: count + newline + 1)
            }
            count += got
        }
    }

    /// Fills `buffer` from `offset` (counted from `file.start`) until it is full or the file ends;
    /// returns the bytes read.
    static func read(_ file: RegularFile, name: String, into buffer: UnsafeMutableRawBufferPointer,
                     at offset: Int) throws(InputError) -> Int {
        let read = InputReader.preadFully(file.descriptor, buffer.baseAddress!, buffer.count, at: off_t(file.start + offset))
        if read.failure != 0 { throw .unreadable(path: name, reason: InputReader.reason(read.failure)) }
        return read.count
    }
}

/// Piece buffers kept for the next piece: a fresh half-megabyte allocation per piece was mapped
/// and unmapped each time, and its page faults tripled the scan's system time.
final class BufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [UnsafeMutableRawBufferPointer] = []
    private let byteCount: Int

    init(byteCount: Int) { self.byteCount = byteCount }

    /// A buffer of at least `byteCount` bytes (more when an earlier piece grew it).
    func take() -> UnsafeMutableRawBufferPointer {
        lock.lock(); defer { lock.unlock() }
        return free.popLast() ?? UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 32)
    }

    /// Hands a buffer back; it may be one that replaced a taken buffer when a line ran past it.
    func give(_ buffer: UnsafeMutableRawBufferPointer) {
        lock.lock(); defer { lock.unlock() }
        free.append(buffer)
    }

    /// Frees the buffers; every taken one must have been given back.
    func deallocateAll() {
        lock.lock(); defer { lock.unlock() }
        for buffer in free { buffer.deallocate() }
        free.removeAll()
    }
}
