/// Reads `.zip` and `.tar.gz` submissions in memory, refusing what could escape or explode:
/// entries with `..` or an absolute path, links, more than `maxEntries` entries, more than
/// `maxBytes` in all. Nothing is written to disk.
public struct ArchiveReader: Sendable {
    public struct Entry: Sendable {
        public let path: String
        public let bytes: [UInt8]
        public let truncated: Bool
    }

    public var maxEntries = 10_000
    public var maxBytes = InputReader.defaultMaxBytes
    public var maxBytesPerEntry = InputReader.defaultMaxBytes

    public init() {}

    public static func isArchive(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".zip") || lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") || lower.hasSuffix(".tar")
    }

    /// The entries, and one message per refused or cut entry.
    public func read(_ bytes: [UInt8], name: String) -> (entries: [Entry], problems: [String]) {
        if bytes.count >= 4, bytes[0] == 0x50, bytes[1] == 0x4b { return zip(bytes, name: name) }
        var tarBytes = bytes
        if Gzip.hasMagic(bytes) {
            do {
                tarBytes = try Gzip.inflate(bytes, limit: maxBytes, name: name).bytes
            } catch {
                return ([], ["\(name): \(error)"])
            }
        }
        return tar(tarBytes, name: name)
    }

    /// Why an entry name is refused, or nil when it stays inside the submission.
    static func unsafeReason(_ path: String) -> String? {
        if path.hasPrefix("/") || path.hasPrefix("\\") || (path.count > 1 && Array(path)[1] == ":") { return "absolute path" }
        if path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..") { return "'..' in the path" }
        return nil
    }

    func accept(_ path: String, _ data: [UInt8], truncated: Bool, archive: String, total: inout Int,
                into entries: inout [Entry], problems: inout [String]) -> Bool {
        if let reason = Self.unsafeReason(path) {
            problems.append("\(archive): entry '\(path)' refused (\(reason))")
            return true
        }
        guard entries.count < maxEntries else {
            problems.append("\(archive): more than \(maxEntries) entries; the rest is not read")
            return false
        }
        guard total + data.count <= maxBytes else {
            problems.append("\(archive): more than \(maxBytes) bytes unpacked; the rest is not read")
            return false
        }
        total += data.count
        if truncated { problems.append("\(archive): '\(path)' cut at \(maxBytesPerEntry) bytes") }
        entries.append(Entry(path: path, bytes: data, truncated: truncated))
        return true
    }

    func zip(_ bytes: [UInt8], name: String) -> (entries: [Entry], problems: [String]) {
        func u16(_ at: Int) -> Int { at + 2 <= bytes.count ? Int(bytes[at]) | Int(bytes[at + 1]) << 8 : 0 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var entries: [Entry] = [], problems: [String] = [], total = 0
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
        guard let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 65_557), by: -1).first(where: { u32($0) == 0x0605_4b50 }) else {
            return ([], ["\(name): not a readable zip file (no central directory)"])
        }
        var at = u32(end + 16)
        for _ in 0..<u16(end + 10) {
            guard u32(at) == 0x0201_4b50 else { problems.append("\(name): damaged central directory"); break }
            let method = u16(at + 10), compressed = u32(at + 20), size = u32(at + 24)
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            let external = u32(at + 38), local = u32(at + 42)
            let path = String(decoding: bytes[min(at + 46, bytes.count)..<min(at + 46 + nameLength, bytes.count)], as: UTF8.self)
            at += 46 + nameLength + extraLength + commentLength
            if path.hasSuffix("/") { continue }
            if (external >> 16) & 0xF000 == 0xA000 {
                problems.append("\(name): entry '\(path)' refused (a link)")
                continue
            }
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            guard u32(local) == 0x0403_4b50, start + compressed <= bytes.count else {
                problems.append("\(name): entry '\(path)' is damaged")
                continue
            }
            let raw = Array(bytes[start..<start + compressed])
            var data: [UInt8], truncated = false
            switch method {
            case 0: data = Array(raw.prefix(maxBytesPerEntry)); truncated = raw.count > maxBytesPerEntry
            case 8:
                do {
                    (data, truncated) = try Gzip.inflate(raw, limit: min(maxBytesPerEntry, max(size, 1)), name: path, raw: true)
                } catch {
                    problems.append("\(name): entry '\(path)' cannot be inflated")
                    continue
                }
                truncated = truncated && size > maxBytesPerEntry
            default:
                problems.append("\(name): entry '\(path)' uses compression method \(method), which is not read")
                continue
            }
            guard accept(path, data, truncated: truncated, archive: name, total: &total, into: &entries, problems: &problems) else { break }
        }
        return (entries, problems)
    }

    func tar(_ bytes: [UInt8], name: String) -> (entries: [Entry], problems: [String]) {
        var entries: [Entry] = [], problems: [String] = [], total = 0
        var at = 0
        var longName: String? = nil
        func text(_ range: Range<Int>) -> String {
            let field = bytes[range.clamped(to: 0..<bytes.count)]
            return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
        }
        while at + 512 <= bytes.count {
            if bytes[at..<at + 512].allSatisfy({ $0 == 0 }) { break }
            let size = Int(text(at + 124..<at + 136).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0
            let type = bytes[at + 156]
            let prefix = text(at + 345..<at + 500)
            var path = longName ?? (prefix.isEmpty ? text(at..<at + 100) : prefix + "/" + text(at..<at + 100))
            longName = nil
            let start = at + 512
            let end = min(start + size, bytes.count)
            at = start + (size + 511) / 512 * 512
            switch type {
            case UInt8(ascii: "L"):
                longName = String(decoding: bytes[start..<end].prefix { $0 != 0 }, as: UTF8.self)
            case UInt8(ascii: "0"), 0:
                if path.hasPrefix("./") { path.removeFirst(2) }
                let data = Array(bytes[start..<min(end, start + maxBytesPerEntry)])
                guard accept(path, data, truncated: size > maxBytesPerEntry, archive: name, total: &total,
                             into: &entries, problems: &problems) else { return (entries, problems) }
            case UInt8(ascii: "1"), UInt8(ascii: "2"):
                problems.append("\(name): entry '\(path)' refused (a link)")
            default:
                continue  // folders, pax headers, devices
            }
        }
        return (entries, problems)
    }
}
