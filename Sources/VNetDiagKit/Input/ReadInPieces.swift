#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension InputReader {
    /// A regular file's rest at least this large is read by all cores at once.
    static let readInPiecesFrom = 1 << 20

    /// Reads `buffer[start..<end]` from the descriptor's current offset on, one piece per core at
    /// once (pread, each piece's pages made present by its own thread), then moves the offset past
    /// what was read, so that a later read(2) goes on from there (a file that grew). Making 2.5 MB
    /// of fresh pages present and copying into them took a twentieth of `parse` on one core while
    /// the other waited. Returns the bytes read before the first short piece (the file ended
    /// sooner) and the first error; nil when the descriptor's offset cannot be asked (the caller
    /// reads on in order).
    static func readInPieces(_ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, from start: Int,
                             to end: Int) -> (count: Int, failure: Int32)? {
        let offset = lseek(descriptor, 0, SEEK_CUR)
        guard offset >= 0 else { return nil }
        let ranges = ParallelMap.pieces(of: start..<end, count: ParallelMap.activeProcessorCount)
        let base = UInt(bitPattern: buffer)
        let results = ParallelMap.map(ranges) { range -> (count: Int, failure: Int32) in
            let piece = UnsafeMutablePointer<UInt8>(bitPattern: base)! + range.lowerBound
            populatePages(piece, count: range.count)
            return preadFully(descriptor, piece, range.count, at: offset + off_t(range.lowerBound - start))
        }
        var count = 0
        for (range, result) in zip(ranges, results) {
            count += result.count
            if result.failure != 0 { return (count, result.failure) }
            if result.count < range.count { break }
        }
        lseek(descriptor, offset + off_t(count), SEEK_SET)
        return (count, 0)
    }

    /// Fills `count` bytes at `buffer` from file offset `offset` (pread, so the descriptor's own offset
    /// stays): the bytes read, fewer when the file ends first, and errno when a read failed.
    static func preadFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int,
                           at offset: off_t) -> (count: Int, failure: Int32) {
        var done = 0
        while done < count {
            let got = pread(descriptor, buffer + done, count - done, offset + off_t(done))
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return (done, errno) }
            if got == 0 { break }
            done += got
        }
        return (done, 0)
    }
}
