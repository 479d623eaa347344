import Foundation
import Testing
@testable import VNetDiagKit

/// A large regular file is read by all cores at once (pread per piece), and a large document's
/// lines are found by all cores at once; the bytes, the file offset left for whatever reads on and
/// the line index must be those of doing it in order.
@Suite struct ReadInPiecesTests {
    /// Bytes that differ with their position, so a piece read to the wrong place shows (written for this test).
    static func content(_ count: Int) -> [UInt8] {
        (0..<count).map { 0x20 + UInt8(truncatingIfNeeded: ($0 &* 2654435761) >> 13) % 95 }
    }

    static func file(_ bytes: [UInt8]) -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vnetdiag-pieces-\(UUID()).txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    @Test(arguments: [(1 << 16) + (1 << 20), 3 << 20 | 12_345])
    func aLargeFileReadsAsInOrder(size: Int) throws {
        let bytes = Self.content(size)
        let path = Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let documents = try InputReader().read(paths: [path])
        #expect(documents.first?.bytes == bytes)
    }

    /// Standard input redirected from a file that something already read from: reading starts at
    /// the offset it was left at, and ends with the offset at the end of the file.
    @Test func standardInputIsReadFromItsOffset() throws {
        let bytes = Self.content(2 << 20)
        let path = Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: 1000)
        let documents = try InputReader().read(paths: ["-"], standardInput: { handle })
        #expect(documents.first?.bytes == Array(bytes[1000...]))
        #expect(try handle.offset() == UInt64(bytes.count))
    }

    /// A descriptor whose offset cannot be asked (a pipe) is left to the caller's own reading.
    @Test func aPipeIsNotReadInPieces() {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        defer { buffer.deallocate() }
        #expect(InputReader.readInPieces(ends[0], into: buffer, from: 0, to: 16) == nil)
    }

    /// A file shorter than expected (it shrank after its size was read) gives what it has.
    @Test func aShortFileGivesWhatItHas() throws {
        let bytes = Self.content(2 << 20)
        let path = Self.file(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 3 << 20)
        defer { buffer.deallocate() }
        let (count, failure) = try #require(InputReader.readInPieces(descriptor, into: buffer, from: 0, to: 3 << 20))
        #expect(count == bytes.count)
        #expect(failure == 0)
        #expect(Array(UnsafeBufferPointer(start: buffer, count: count)) == bytes)
        #expect(lseek(descriptor, 0, SEEK_CUR) == off_t(bytes.count))
    }

    /// Line starts and the longest line by a plain loop, for comparison.
    static func plainIndex(_ bytes: [UInt8]) -> ([Int], Int) {
        guard !bytes.isEmpty else { return ([], 0) }
        var starts = [0]
        var longest = 0
        var lineStart = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            longest = max(longest, index - lineStart)
            lineStart = index + 1
            if lineStart < bytes.count { starts.append(lineStart) }
        }
        return (starts, max(longest, bytes.count - lineStart))
    }

    /// Pieces end anywhere: inside a line, on a newline, just after one; the longest line may be
    /// the one cut, the first or the last; the text may end with a newline or not.
    @Test(arguments: [0, 1, 2, 5, 1 << 20, (1 << 20) + 1, (3 << 19) + 7])
    func linesFoundInPiecesAreTheLinesFoundInOrder(size: Int) {
        var bytes = Self.content(size).map { $0 % 7 == 0 ? UInt8(0x0A) : $0 }
        for text in [bytes, bytes + [0x0A], [0x0A] + bytes, bytes.isEmpty ? [] : Array(bytes.dropLast())] {
            let (starts, longest) = TextDocument.lineIndex(text)
            let (plainStarts, plainLongest) = Self.plainIndex(text)
            let same = starts == plainStarts  // compared first: a failing #expect would print both arrays
            #expect(same, "size \(text.count): \(starts.count) starts, \(plainStarts.count) by the plain loop")
            #expect(longest == plainLongest, "size \(text.count)")
        }
        if size > 3 << 19 {
            // A line across the middle of the text longer than any other.
            bytes.replaceSubrange((size / 2 - 5000)..<(size / 2 + 5000), with: Array(repeating: UInt8(ascii: "x"), count: 10_000))
            #expect(TextDocument.lineIndex(bytes).longest == Self.plainIndex(bytes).1)
            #expect(TextDocument.lineIndex(bytes).longest >= 10_000)
        }
    }
}
