import CPCRE2
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Compile-time options. Byte mode (no UTF) is the default so that invalid UTF-8 never fails a match.
public struct RegexOptions: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let caseless = RegexOptions(rawValue: PCRE2_CASELESS)
    public static let multiline = RegexOptions(rawValue: PCRE2_MULTILINE)
    public static let dotAll = RegexOptions(rawValue: PCRE2_DOTALL)
    public static let extended = RegexOptions(rawValue: PCRE2_EXTENDED)
    public static let anchored = RegexOptions(rawValue: PCRE2_ANCHORED)
    /// UTF-8 mode with Unicode properties (`\p{L}`); subjects are still not validated at match time.
    public static let utf = RegexOptions(rawValue: PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)
}

/// Limits that stop a runaway match. Values are PCRE2's own units.
public struct MatchLimits: Sendable, Equatable {
    public var match: UInt32
    public var depth: UInt32
    public var heapKiB: UInt32

    public init(match: UInt32, depth: UInt32, heapKiB: UInt32) {
        self.match = match
        self.depth = depth
        self.heapKiB = heapKiB
    }

    /// Generous for any real line, small enough that `^(a+)+$` fails within milliseconds.
    public static let defaults = MatchLimits(match: 1_000_000, depth: 10_000, heapKiB: 20_000)

    /// `defaults`, with the match limit replaced by `VNETDIAG_MATCH_LIMIT` when that is a positive
    /// number (read once): the way to let a teacher's unusually heavy pattern finish.
    public static let standard: MatchLimits = {
        var limits = defaults
        if let text = getenv("VNETDIAG_MATCH_LIMIT").map({ String(cString: $0) }), let value = UInt32(text), value > 0 {
            limits.match = value
        }
        return limits
    }()
}

/// A PCRE2 pattern compiled once (JIT when available) and matched against raw bytes.
/// The compiled code is immutable and shared between threads; each match gets its own match data.
public final class Regex: @unchecked Sendable {
    public let pattern: String
    public let captureCount: Int
    public let namedGroups: [String: Int]
    private let groupNameList: GroupNames
    public let limits: MatchLimits
    public let isJIT: Bool

    private let code: OpaquePointer
    private let matchContext: OpaquePointer

    public init(_ pattern: String, options: RegexOptions = [], limits: MatchLimits = .standard) throws(PCRE2Error) {
        self.pattern = pattern
        self.limits = limits
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let compiled: OpaquePointer? = pattern.utf8CString.withUnsafeBufferPointer { chars in
            chars.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: chars.count) { bytes in
                pcre2_compile_8(bytes, chars.count - 1, options.rawValue, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PCRE2Error(kind: .compile(offset: errorOffset), code: errorCode,
                             message: PCRE2Error.messageFor(code: errorCode), pattern: pattern)
        }
        code = compiled
        isJIT = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw PCRE2Error(kind: .match, code: PCRE2_ERROR_NOMEMORY,
                             message: PCRE2Error.messageFor(code: PCRE2_ERROR_NOMEMORY), pattern: pattern)
        }
        pcre2_set_match_limit_8(context, limits.match)
        pcre2_set_depth_limit_8(context, limits.depth)
        pcre2_set_heap_limit_8(context, limits.heapKiB)
        matchContext = context

        var count: UInt32 = 0
        pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        captureCount = Int(count)
        let table = Regex.readNameTable(compiled)
        // With (?J) one name may stand for several groups; the dictionary keeps the first.
        var first: [String: Int] = [:]
        for entry in table where first[entry.name] == nil { first[entry.name] = entry.group }
        namedGroups = first
        groupNameList = GroupNames(table)
    }

    /// The named groups, each name once in the order of its first group, with every group that
    /// carries it (several only with `(?J)`).
    public var namedGroupsInOrder: [(name: String, groups: [Int])] {
        var order: [(name: String, groups: [Int])] = []
        for entry in groupNameList.entries {
            if let index = order.firstIndex(where: { $0.name == entry.name }) {
                order[index].groups.append(entry.group)
            } else {
                order.append((entry.name, [entry.group]))
            }
        }
        return order.sorted { $0.groups[0] < $1.groups[0] }
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        pcre2_code_free_8(code)
    }

    private static func readNameTable(_ code: OpaquePointer) -> [(name: String, group: Int)] {
        var nameCount: UInt32 = 0
        var entrySize: UInt32 = 0
        var table: UnsafePointer<UInt8>? = nil
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMECOUNT), &nameCount)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMEENTRYSIZE), &entrySize)
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_NAMETABLE), &table)
        guard nameCount > 0, let table else { return [] }
        var names: [(String, Int)] = []
        for index in 0..<Int(nameCount) {
            let entry = table + index * Int(entrySize)
            let group = Int(entry[0]) << 8 | Int(entry[1])
            names.append((String(cString: entry + 2), group))
        }
        return names.sorted { $0.1 < $1.1 }
    }

    /// The first match at or after `start`, or nil. Throws only when a limit stops the match.
    /// Match data comes from a per-thread cache, so a match allocates only its result.
    public func firstMatch(in subject: UnsafeRawBufferPointer, from start: Int = 0) throws(PCRE2Error) -> Match? {
        if captureCount < MatchDataCache.pairs {
            return try firstMatch(in: subject, from: start, data: MatchDataCache.current)
        }
        let scratch = MatchScratch(for: self)
        return try firstMatch(in: subject, from: start, data: scratch.data)
    }

    /// Same as `firstMatch(in:from:)` with caller-owned match data.
    public func firstMatch(in subject: UnsafeRawBufferPointer, from start: Int = 0,
                           scratch: MatchScratch) throws(PCRE2Error) -> Match? {
        try firstMatch(in: subject, from: start, data: scratch.data)
    }

    private func firstMatch(in subject: UnsafeRawBufferPointer, from start: Int,
                            data: OpaquePointer) throws(PCRE2Error) -> Match? {
        let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? Regex.emptySubject
        // The JIT entry point skips the interpreter's option checks: a tenth of each match's cost.
        let result = isJIT
            ? pcre2_jit_match_8(code, base, subject.count, start, 0, data, matchContext)
            : pcre2_match_8(code, base, subject.count, start, PCRE2_NO_UTF_CHECK, data, matchContext)
        if result == PCRE2_ERROR_NOMATCH || result == PCRE2_ERROR_PARTIAL { return nil }
        if result < 0 { throw PCRE2Error.fromMatch(code: result, pattern: pattern) }
        let vector = pcre2_get_ovector_pointer_8(data)!
        var ranges: [Range<Int>?] = []
        ranges.reserveCapacity(captureCount + 1)
        for group in 0...captureCount {
            // Unset groups hold PCRE2_UNSET (all bits set), which reads as -1 here.
            let lower = Int(truncatingIfNeeded: vector[2 * group])
            let upper = Int(truncatingIfNeeded: vector[2 * group + 1])
            if group >= Int(result) || lower < 0 || upper < lower {
                ranges.append(nil)
            } else {
                ranges.append(lower..<upper)
            }
        }
        return Match(ranges: ranges, names: groupNameList)
    }

    /// Whether the pattern matches anywhere in the bytes; a limit counts as no match.
    public func matches(_ subject: UnsafeRawBufferPointer) -> Bool {
        (try? firstMatch(in: subject)) != nil
    }

    public func matches(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { matches($0) }
    }

    public func matches(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { matches(UnsafeRawBufferPointer($0)) }
    }

    /// Convenience for tests and cold paths: match a Swift string.
    public func firstMatch(in text: String) throws(PCRE2Error) -> Match? {
        let bytes = Array(text.utf8)
        let outcome: Result<Match?, PCRE2Error> = bytes.withUnsafeBytes { buffer in
            do throws(PCRE2Error) { return .success(try firstMatch(in: buffer)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }

    fileprivate var compiledCode: OpaquePointer { code }
    nonisolated(unsafe) private static let emptySubject: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()
}

/// One match data block per thread, shared by every pattern with fewer captures than `pairs`:
/// PCRE2 match data may be reused across patterns, and pcre2_match is reentrant across threads.
enum MatchDataCache {
    static let pairs = 64

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            if let pointer { pcre2_match_data_free_8(OpaquePointer(pointer)) }
        }
        return key
    }()

    static var current: OpaquePointer {
        if let existing = pthread_getspecific(key) { return OpaquePointer(existing) }
        let data = pcre2_match_data_create_8(UInt32(pairs), nil)!
        pthread_setspecific(key, UnsafeRawPointer(data))
        return data
    }
}

/// Match data sized for one pattern; reuse it across matches of that pattern on one thread.
public final class MatchScratch {
    let data: OpaquePointer

    public init(for regex: Regex) {
        data = pcre2_match_data_create_8(UInt32(regex.captureCount + 1), nil)!
    }

    deinit { pcre2_match_data_free_8(data) }
}

/// Group names in a small array: a linear scan with small-string equality beats hashing a
/// String for every capture (a tenth of the parse time in a profile).
final class GroupNames: Sendable {
    let entries: [(name: String, group: Int)]
    /// Only `(?J)` patterns repeat a name; the others need not look further when a group is unset.
    let hasDuplicates: Bool

    init(_ table: [(name: String, group: Int)]) {
        entries = table
        hasDuplicates = Set(table.map(\.name)).count < table.count
    }

    /// Every group with this name, in group order (several only with `(?J)`).
    func groups(_ name: String) -> [Int] {
        entries.filter { $0.name == name }.map(\.group)
    }

    func group(_ name: String) -> Int? {
        // Comparing lengths first keeps mismatches off String's slow comparison path.
        let length = name.utf8.count
        for entry in entries where entry.name.utf8.count == length && entry.name == name { return entry.group }
        return nil
    }
}

/// Capture ranges (byte offsets into the subject) of one match.
public struct Match: Sendable {
    public let ranges: [Range<Int>?]
    let names: GroupNames

    /// Group names in group order; a name appears once per group when `(?J)` allowed duplicates.
    public var groupNames: [(name: String, group: Int)] { names.entries }

    public var range: Range<Int> { ranges[0]! }

    public func range(_ group: Int) -> Range<Int>? {
        group < ranges.count ? ranges[group] : nil
    }

    /// The range of the first of these groups that took part (a name's groups under `(?J)`).
    public func range(firstOf groups: [Int]) -> Range<Int>? {
        for group in groups { if let found = range(group) { return found } }
        return nil
    }

    /// The range of the named group; with duplicate names, of the one that took part.
    public func range(_ name: String) -> Range<Int>? {
        guard let group = names.group(name) else { return nil }
        if let found = range(group) { return found }
        guard names.hasDuplicates else { return nil }
        return names.groups(name).lazy.compactMap { range($0) }.first
    }

    /// The captured bytes as a String (invalid UTF-8 repaired), or nil when the group did not take part.
    public func string(_ group: Int, in subject: UnsafeRawBufferPointer) -> String? {
        guard let range = range(group) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: subject[range]), as: UTF8.self)
    }

    public func string(_ name: String, in subject: UnsafeRawBufferPointer) -> String? {
        guard let range = range(name) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: subject[range]), as: UTF8.self)
    }
}
