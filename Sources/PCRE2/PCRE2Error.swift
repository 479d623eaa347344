import CPCRE2

/// A failure from PCRE2, typed so callers can tell a broken pattern from a runaway match.
public struct PCRE2Error: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The pattern does not compile; `offset` is the byte offset in the pattern where PCRE2 stopped.
        case compile(offset: Int)
        /// The match limit stopped a match (catastrophic backtracking).
        case matchLimit
        /// The depth limit stopped a match (deep recursion in the interpreter).
        case depthLimit
        /// The heap limit stopped a match.
        case heapLimit
        /// Any other negative return code from pcre2_match.
        case match
    }

    public let kind: Kind
    public let code: Int32
    public let message: String
    public let pattern: String

    public var description: String {
        switch kind {
        case .compile(let offset):
            return "bad pattern at offset \(offset): \(message) in /\(pattern)/"
        case .matchLimit, .depthLimit, .heapLimit, .match:
            return "\(message) while matching /\(pattern)/"
        }
    }

    static func messageFor(code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pointer in
            pcre2_get_error_message_8(code, pointer.baseAddress, pointer.count)
        }
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    static func fromMatch(code: Int32, pattern: String) -> PCRE2Error {
        let kind: Kind
        switch code {
        case PCRE2_ERROR_MATCHLIMIT: kind = .matchLimit
        case PCRE2_ERROR_DEPTHLIMIT: kind = .depthLimit
        case PCRE2_ERROR_HEAPLIMIT: kind = .heapLimit
        default: kind = .match
        }
        return PCRE2Error(kind: kind, code: code, message: messageFor(code: code), pattern: pattern)
    }
}
