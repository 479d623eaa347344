import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input as bytes: a file, a member of a folder, or standard input.
public struct InputDocument: Sendable {
    /// The path as the user named it (or `-` for standard input); folder members keep their relative path.
    public let name: String
    public let bytes: [UInt8]
    /// True when the input was longer than the byte limit and was cut.
    public let truncated: Bool
    public let wasCompressed: Bool
    /// Folders between the folder the user named and the file (`["dom0"]` for `lab/dom0/ifconfig.txt`
    /// read as `lab`): where machines are told apart.
    public var folders: [String] = []
    /// Reading stopped after the first bytes because they look binary (`ContentSniffer`).
    public var looksBinary = false

    public init(name: String, bytes: [UInt8], truncated: Bool, wasCompressed: Bool, folders: [String] = []) {
        self.name = name
        self.bytes = bytes
        self.truncated = truncated
        self.wasCompressed = wasCompressed
        self.folders = folders
    }
}

extension InputDocument {
    /// Why the input was not read to its end, in words, or nil when it was.
    public func shortReadWarning(maxBytes: Int) -> String? {
        if looksBinary { return ContentSniffer.binaryWarning(name: name) }
        return truncated ? "\(name): cut at \(maxBytes) bytes (raise with --max-bytes)" : nil
    }
}

public enum InputError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case badGzip(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read: \(reason)"
        case .badGzip(let path, let reason): return "\(path): not a readable gzip file: \(reason)"
        }
    }
}

/// Reads files, folders (recursively, in name order), standard input and gzip files.
public struct InputReader: Sendable {
    public var maxBytesPerInput: Int

    public static let defaultMaxBytes = 256 << 20

    /// Files in a folder that describe a capture rather than belong to it (fixture expectations).
    public static let metadataFileNames: Set<String> = ["expected.yaml"]

    public init(maxBytesPerInput: Int = InputReader.defaultMaxBytes) {
        self.maxBytesPerInput = maxBytesPerInput
    }

    /// Reads every named input. `-` (or an empty list) means standard input.
    public func read(paths: [String], standardInput: () -> FileHandle = { .standardInput }) throws(InputError) -> [InputDocument] {
        try readNoting(paths: paths, standardInput: standardInput).documents
    }

    /// `read(paths:)`, with a note for each folder member left out because it is not a regular
    /// file (a FIFO would block, a device never ends, a socket cannot be read).
    public func readNoting(paths: [String], standardInput: () -> FileHandle = { .standardInput })
        throws(InputError) -> (documents: [InputDocument], notes: [String]) {
        if paths.isEmpty { return ([try readHandle(standardInput(), name: "-")], []) }
        var documents: [InputDocument] = []
        var notes: [String] = []
        for path in paths {
            if path == "-" {
                documents.append(try readHandle(standardInput(), name: "-"))
            } else {
                documents.append(contentsOf: try readPath(path, notes: &notes))
            }
        }
        return (documents, notes)
    }

    public func readPath(_ path: String) throws(InputError) -> [InputDocument] {
        var notes: [String] = []
        return try readPath(path, notes: &notes)
    }

    func readPath(_ path: String, notes: inout [String]) throws(InputError) -> [InputDocument] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadable(path: path, reason: "no such file or directory")
        }
        if isDirectory.boolValue { return try readFolder(path, notes: &notes) }
        return [try readFile(path)]
    }

    private func readFolder(_ root: String, notes: inout [String]) throws(InputError) -> [InputDocument] {
        let rootURL = URL(fileURLWithPath: root)
        guard let enumerator = FileManager.default.enumerator(
            at: rootURL, includingPropertiesForKeys: [], options: [.skipsHiddenFiles]) else {
            throw .unreadable(path: root, reason: "cannot list folder")
        }
        let prefix = rootURL.path.hasSuffix("/") ? rootURL.path : rootURL.path + "/"
        func relative(_ file: String) -> String { file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file }
        func display(_ file: String) -> String { (root.hasSuffix("/") ? root : root + "/") + relative(file) }
        var files: [String] = []
        for case let url as URL in enumerator {
            switch Self.memberKind(url.path) {
            case .folder:
                continue
            case .file:
                if !Self.metadataFileNames.contains(url.lastPathComponent) { files.append(url.path) }
            case .other:
                notes.append("\(display(url.path)): not a regular file (a link, FIFO, socket or device); left out")
            case .unreadable(let reason):
                // Listed a moment ago and gone now (a log rotated, a folder being rewritten).
                notes.append("\(display(url.path)): cannot read: \(reason); left out")
            }
        }
        var documents: [InputDocument] = []
        for file in files.sorted() {
            // A member that vanished or cannot be opened since the listing is left out, with a note:
            // the rest of the folder is still worth reading.
            do {
                var document = try readFile(file, displayName: display(file))
                document.folders = relative(file).split(separator: "/").dropLast().map(String.init)
                documents.append(document)
            } catch {
                notes.append("\(error.description); left out")
            }
        }
        return documents
    }

    enum MemberKind: Equatable {
        case file, folder, other
        case unreadable(reason: String)
    }

    /// What a folder member is, by lstat: a link is not followed (it is left out like a FIFO),
    /// and a member that vanished since the listing says so instead of passing for a link.
    static func memberKind(_ path: String) -> MemberKind {
        var status = stat()
        guard lstat(path, &status) == 0 else { return .unreadable(reason: reason(errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        default: return .other
        }
    }

    public func readFile(_ path: String, displayName: String? = nil) throws(InputError) -> InputDocument {
        let name = displayName ?? path
        // open(2) rather than FileHandle: errno tells a vanished file from a forbidden one.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadable(path: name, reason: Self.reason(errno))
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        return try readHandle(handle, name: name)
    }

    /// strerror's words in the lower case of the other messages ("permission denied").
    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }

    func readHandle(_ handle: FileHandle, name: String) throws(InputError) -> InputDocument {
        // read(2) into a reused chunk and append it (a regular file first straight into its array):
        // no Data, no per-byte work.
        let descriptor = handle.fileDescriptor
        var bytes: [UInt8] = []
        var truncated = false
        // Plain text is sniffed as it comes, so a binary stream (/dev/zero) stops after its first
        // 64 KiB; a gzip stream is sniffed once inflated.
        var sniffed = false
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG {
            // A regular file (or a redirected one on standard input) is read straight into its
            // array, whose pages are made present in one call instead of one fault per page.
            // Whatever follows (a file that grew, or one past the limit) goes through the loop below.
            let expected = min(Int(status.st_size), maxBytesPerInput)
            let (read, binary) = try Self.readRegularFile(descriptor, expected: expected, name: name)
            if binary { return Self.binaryDocument(name: name, bytes: read, wasCompressed: false) }
            sniffed = !read.isEmpty
            if read.count < expected { return try finish(read, truncated: false, name: name, sniffed: sniffed) }
            bytes = read
        }
        let chunkSize = 1 << 16
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 8)
        defer { chunk.deallocate() }
        while true {
            let got = systemRead(descriptor, chunk.baseAddress!, chunkSize)
            if got < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: name, reason: Self.reason(errno))
            }
            if got == 0 { break }
            let room = maxBytesPerInput - bytes.count
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<min(got, room)]))
            if got > room {
                truncated = true
                break
            }
            if !sniffed, bytes.count >= ContentSniffer.sniffLength {
                sniffed = true
                if bytes.withUnsafeBytes(Self.looksBinaryUncompressed) {
                    return Self.binaryDocument(name: name, bytes: bytes, wasCompressed: false)
                }
            }
        }
        return try finish(bytes, truncated: truncated, name: name, sniffed: sniffed)
    }

    /// What follows reading: inflating gzip and the binary check.
    private func finish(_ read: [UInt8], truncated wasTruncated: Bool, name: String, sniffed: Bool) throws(InputError) -> InputDocument {
        var bytes = read
        var truncated = wasTruncated
        var compressed = false
        if Gzip.hasMagic(bytes) {
            let inflated = try Gzip.inflate(bytes, limit: maxBytesPerInput, name: name)
            bytes = inflated.bytes
            truncated = truncated || inflated.truncated
            compressed = true
        }
        // Plain input already sniffed while streaming is not sniffed again; inflated or short input is.
        if compressed || !sniffed, ContentSniffer.looksBinary(bytes) {
            return Self.binaryDocument(name: name, bytes: bytes, wasCompressed: compressed)
        }
        return InputDocument(name: name, bytes: bytes, truncated: truncated, wasCompressed: compressed)
    }

    /// The sniff made while reading: a gzip stream is sniffed only once inflated.
    static func looksBinaryUncompressed(_ prefix: UnsafeRawBufferPointer) -> Bool {
        !Gzip.hasMagic(prefix) && ContentSniffer.looksBinary(prefix)
    }

    /// Up to `expected` bytes of a regular file, read into one array until end of file or full;
    /// reading stops after the first 64 KiB when they look binary (and are not gzip), as it does
    /// for a stream.
    static func readRegularFile(_ descriptor: Int32, expected: Int, name: String) throws(InputError) -> (bytes: [UInt8], binary: Bool) {
        guard expected > 0 else { return ([], false) }
        var failure: Int32 = 0
        var binary = false
        let bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, count in
            let base = buffer.baseAddress!
            // The first 64 KiB alone (they are sniffed); a large rest is read by all cores at once.
            let head = min(expected, ContentSniffer.sniffLength)
            let restInPieces = expected - head >= Self.readInPiecesFrom
            populatePages(base, count: restInPieces ? head : expected)
            count = 0
            var sniffed = false
            while count < expected {
                let got = systemRead(descriptor, base + count, (sniffed ? expected : head) - count)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if got == 0 { return }
                count += got
                if !sniffed, count >= head {
                    sniffed = true
                    if Self.looksBinaryUncompressed(UnsafeRawBufferPointer(start: base, count: count)) {
                        binary = true
                        return
                    }
                    if restInPieces, let rest = readInPieces(descriptor, into: base, from: count, to: expected) {
                        count += rest.count
                        failure = rest.failure
                        return
                    }
                }
            }
        }
        if failure != 0 { throw .unreadable(path: name, reason: Self.reason(failure)) }
        return (bytes, binary)
    }

    /// What is kept of an input that looks binary: the sniffed prefix, marked so the reader can say why.
    static func binaryDocument(name: String, bytes: [UInt8], wasCompressed: Bool) -> InputDocument {
        var document = InputDocument(name: name, bytes: Array(bytes.prefix(ContentSniffer.sniffLength)),
                                     truncated: true, wasCompressed: wasCompressed)
        document.looksBinary = true
        return document
    }
}

/// read(2), named apart from `InputReader.read(paths:)`.
@inline(__always)
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
