import CZlib
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes of a log, a chunk at a time, so a log of any size is read in bounded memory.
public protocol ChunkSource {
    /// Appends up to `limit` bytes to `buffer`; returns how many (0 at the end).
    mutating func read(into buffer: inout [UInt8], limit: Int) throws(InputError) -> Int
    /// A regular file that can be read at any offset (pread), with the size it had when opened;
    /// nil for pipes, terminals and inflated streams, which are read in order.
    var regularFile: RegularFile? { get }
}

public struct RegularFile: Sendable {
    public let descriptor: Int32
    /// Where the bytes to read begin (standard input may have been read from before).
    public let start: Int
    /// Bytes from `start` to the end the file had when opened.
    public let size: Int
}

extension ChunkSource {
    public var regularFile: RegularFile? { nil }
}

/// A file descriptor read with read(2).
public struct DescriptorSource: ChunkSource {
    public let descriptor: Int32
    public let name: String
    /// Bytes left before the source ends, when it ends before read(2) says so (nil: at EOF).
    public var remaining: Int?
    /// The file offset the reading began at, when the descriptor is a regular file (nil: a stream).
    private let regularFileStart: Int?
    private let sizeWhenOpened: Int?

    /// `regularFileStart`: the descriptor is a regular file positioned there, `remaining` bytes before its end.
    public init(descriptor: Int32, name: String, remaining: Int? = nil, regularFileStart: Int? = nil) {
        self.descriptor = descriptor
        self.name = name
        self.remaining = remaining
        self.regularFileStart = regularFileStart
        sizeWhenOpened = remaining
    }

    public var regularFile: RegularFile? {
        guard let regularFileStart, let sizeWhenOpened else { return nil }
        return RegularFile(descriptor: descriptor, start: regularFileStart, size: sizeWhenOpened)
    }

    public mutating func read(into buffer: inout [UInt8], limit: Int) throws(InputError) -> Int {
        let wanted = min(limit, remaining ?? limit)
        guard wanted > 0 else { return 0 }
        // Read into scratch memory and append what came: zero-filling `limit` bytes first cost
        // more than the read when a followed file is polled.
        let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: wanted, alignment: 16)
        defer { scratch.deallocate() }
        while true {
            let got = Glibc.read(descriptor, scratch.baseAddress!, wanted)
            if got < 0 && errno == EINTR { continue }
            if got < 0 { throw .unreadable(path: name, reason: InputReader.reason(errno)) }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<got]))
            remaining = remaining.map { $0 - got }
            return got
        }
    }
}

/// A gzip stream (rotated logs: `syslog.2.gz`) inflated as it is read; several members in a row too.
public final class GzipSource: ChunkSource {
    private var inner: any ChunkSource
    private var stream = z_stream()
    private var compressed: [UInt8] = []
    private var consumed = 0
    private var finished = false
    private let name: String

    public init(_ inner: any ChunkSource, name: String) throws(InputError) {
        self.inner = inner
        self.name = name
        guard vnetdiag_inflate_init_gzip(&stream) == Z_OK else { throw .badGzip(path: name, reason: "zlib could not start") }
    }

    deinit { inflateEnd(&stream) }

    public func read(into buffer: inout [UInt8], limit: Int) throws(InputError) -> Int {
        var produced = 0
        while produced == 0 && !finished {
            if consumed == compressed.count {
                compressed.removeAll(keepingCapacity: true)
                consumed = 0
                if try inner.read(into: &compressed, limit: 1 << 18) == 0 {
                    finished = true
                    break
                }
            }
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: limit))
            var status: Int32 = Z_OK
            compressed.withUnsafeMutableBufferPointer { input in
                buffer.withUnsafeMutableBufferPointer { output in
                    stream.next_in = input.baseAddress! + consumed
                    stream.avail_in = UInt32(input.count - consumed)
                    stream.next_out = output.baseAddress! + start
                    stream.avail_out = UInt32(limit)
                    status = inflate(&stream, Z_NO_FLUSH)
                    consumed = input.count - Int(stream.avail_in)
                    produced = limit - Int(stream.avail_out)
                }
            }
            buffer.removeLast(limit - produced)
            if status == Z_STREAM_END {
                // Another member may follow (`cat a.gz b.gz`).
                inflateReset(&stream)
            } else if status != Z_OK && status != Z_BUF_ERROR {
                throw .badGzip(path: name, reason: stream.msg.map { String(cString: $0) } ?? "error \(status)")
            }
        }
        return produced
    }
}

public enum LogSources {
    /// Opens a path (or `-`) as a chunk source, inflating gzip when the first bytes say so.
    public static func open(_ path: String) throws(InputError) -> (source: any ChunkSource, modified: Date?) {
        let descriptor: Int32
        var modified: Date? = nil
        var size: Int? = nil
        var start: Int? = nil
        if path == "-" {
            descriptor = 0
            // Standard input redirected from a file (`events < syslog`) is read like the file,
            // from where its offset stands.
            var status = stat()
            let offset = lseek(0, 0, SEEK_CUR)
            if fstat(0, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, offset >= 0, Int(offset) <= Int(status.st_size) {
                start = Int(offset)
                size = Int(status.st_size) - Int(offset)
            }
        } else {
            descriptor = Glibc.open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw .unreadable(path: path, reason: InputReader.reason(errno))
            }
            var status = stat()
            if fstat(descriptor, &status) == 0 {
                if (status.st_mode & S_IFMT) == S_IFDIR {
                    Glibc.close(descriptor)
                    throw .unreadable(path: path, reason: "is a folder; name the log files")
                }
                modified = Date(timeIntervalSince1970: Double(status.st_mtim.tv_sec))
                // A log being written is read to the size it had when opened: read to the end
                // read(2) reports, it lasts as long as a writer faster than the scan keeps writing
                // (--follow is the way to keep reading).
                if (status.st_mode & S_IFMT) == S_IFREG {
                    size = Int(status.st_size)
                    start = 0
                }
            }
        }
        var plain = DescriptorSource(descriptor: descriptor, name: path, remaining: size, regularFileStart: start)
        var head: [UInt8] = []
        _ = try plain.read(into: &head, limit: 2)
        let prefixed = PrefixedSource(prefix: head, inner: plain)
        if head == [0x1f, 0x8b] {
            return (try GzipSource(prefixed, name: path), modified)
        }
        return (prefixed, modified)
    }
}

/// Gives back bytes already read (to sniff gzip) before the rest of the source.
struct PrefixedSource: ChunkSource {
    var prefix: [UInt8]
    var inner: DescriptorSource

    /// The prefix was read from the file's start, so the file can still be read whole by offset.
    var regularFile: RegularFile? { inner.regularFile }

    mutating func read(into buffer: inout [UInt8], limit: Int) throws(InputError) -> Int {
        if !prefix.isEmpty {
            let count = min(limit, prefix.count)
            buffer.append(contentsOf: prefix.prefix(count))
            prefix.removeFirst(count)
            return count
        }
        return try inner.read(into: &buffer, limit: limit)
    }
}
