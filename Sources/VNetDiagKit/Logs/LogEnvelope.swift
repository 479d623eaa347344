import Foundation
import PCRE2

/// The parts of a log line around its message (formats.md §8.1–8.2): RFC 3164 and journalctl
/// `short`/`short-precise` (month names in English, Spanish, Portuguese, German, French), RFC 3339
/// (rsyslog on Debian 12, journalctl `short-iso`), RFC 5424, kernel `[ 12.345678]` and `dmesg -T`
/// stamps, journal JSON, and bare `program: message` lines as the seed prints them.
public struct LogEnvelope: Sendable {
    public var time: LogTime?
    public var host: String?
    public var program: String?
    public var pid: Int?
    /// The message, as a byte range of the line.
    public var message: Range<Int>
    /// Journal JSON lines carry the message as a JSON string: it is kept here decoded.
    public var decodedMessage: String?
}

/// Reads envelopes. `year` fills in RFC 3164 dates, which have none; `timeZone` interprets
/// stamps without a zone.
public struct EnvelopeReader: Sendable {
    public var year: Int
    public var timeZone: TimeZone
    private let offsets = ZoneOffsets()

    public init(year: Int, timeZone: TimeZone = .current) {
        self.year = year
        self.timeZone = timeZone
    }

    static let iso = Patterns.compile(
        #"^(?<date>\d{4}-\d\d-\d\d)[T ](?<time>\d\d:\d\d:\d\d)(?<frac>\.\d+)?(?<zone>Z|[+-]\d\d:?\d\d)? (?<host>\S+) (?:(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\.(?:emerg|alert|crit|err|warn|warning|notice|info|debug) )?(?<tag>[^:\[\s]+)(?:\[(?<pid>\d+)\])?: ?"#)
    static let rfc5424 = Patterns.compile(
        #"^<\d{1,3}>1 (?<date>\d{4}-\d\d-\d\d)T(?<time>\d\d:\d\d:\d\d)(?<frac>\.\d+)?(?<zone>Z|[+-]\d\d:?\d\d)? (?<host>\S+) (?<tag>\S+) (?<pid>\S+) \S+ (?:-|\[.*?\]) ?"#)
    static let bsd = Patterns.compile(
        #"^(?<month>[A-Za-z\x80-\xff]{3,6}\.?) {1,2}(?<day>\d{1,2}) (?<time>\d\d:\d\d:\d\d)(?<frac>\.\d+)? (?<host>\S+) (?:(?:kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7])\.(?:emerg|alert|crit|err|warn|warning|notice|info|debug) )?(?<tag>[^:\[\s]+)(?:\[(?<pid>\d+)\])?: ?"#)
    static let monotonicPrefix = Patterns.compile(#"^\[\h*(?<seconds>\d+\.\d+)\] ?"#)
    static let dmesgClock = Patterns.compile(
        #"^\[(?<dow>[A-Za-z]{3}) (?<month>[A-Za-z]{3}) {1,2}(?<day>\d{1,2}) (?<time>\d\d:\d\d:\d\d) (?<year>\d{4})\] ?"#)
    static let bare = Patterns.compile(#"^(?<tag>[A-Za-z/][\w./-]*)(?:\[(?<pid>\d+)\])?: "#)

    /// Month names and abbreviations as syslog and journalctl print them (`%b` in each locale).
    static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let names = [
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
            ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
            ["jan", "feb", "mär", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "dez"],
            ["janv", "févr", "mars", "avril", "mai", "juin", "juil", "août", "sept", "oct", "nov", "déc"],
        ]
        for language in names {
            for (index, name) in language.enumerated() where table[name] == nil { table[name] = index + 1 }
        }
        return table
    }()

    public func read(_ line: UnsafeRawBufferPointer) -> LogEnvelope {
        var envelope = LogEnvelope(message: 0..<line.count)
        guard let first = line.first else { return envelope }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let match = (try? Self.iso.firstMatch(in: line)) ?? nil {
                envelope = fill(match, line, time: isoTime(match, line))
            }
        case UInt8(ascii: "<"):
            if let match = (try? Self.rfc5424.firstMatch(in: line)) ?? nil {
                envelope = fill(match, line, time: isoTime(match, line))
                if envelope.program == "-" { envelope.program = nil }
            }
        case UInt8(ascii: "["):
            if let match = (try? Self.dmesgClock.firstMatch(in: line)) ?? nil {
                let text = match.string(0, in: line) ?? ""
                let epoch = date(year: Int(match.string("year", in: line) ?? "") ?? year,
                                 month: match.string("month", in: line) ?? "", day: match.string("day", in: line) ?? "",
                                 time: match.string("time", in: line) ?? "", fraction: nil, zone: nil)
                envelope.time = LogTime(epoch: epoch, text: text.trimmingBlanks.trimmingCharacters(in: ["[", "]"]))
                envelope.message = match.range.upperBound..<line.count
            }
        case UInt8(ascii: "{"):
            return JournalJSON.envelope(line) ?? envelope
        default:
            if let match = (try? Self.bsd.firstMatch(in: line)) ?? nil,
               let month = match.string("month", in: line), let monthNumber = Self.months[monthKey(month)] {
                let epoch = date(year: year, monthNumber: monthNumber, day: Int(match.string("day", in: line) ?? "") ?? 0,
                                 time: match.string("time", in: line) ?? "", fraction: match.string("frac", in: line), zone: nil)
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<(match.range("host")!.lowerBound - 1)]), as: UTF8.self)
                envelope = fill(match, line, time: LogTime(epoch: epoch, text: text))
            } else if let match = (try? Self.bare.firstMatch(in: line)) ?? nil {
                envelope.program = match.string("tag", in: line)
                envelope.pid = match.string("pid", in: line).flatMap { Int($0) }
                envelope.message = match.range.upperBound..<line.count
            }
        }
        stripMonotonic(line, &envelope)
        return envelope
    }

    private func fill(_ match: Match, _ line: UnsafeRawBufferPointer, time: LogTime?) -> LogEnvelope {
        var envelope = LogEnvelope(message: match.range.upperBound..<line.count)
        envelope.time = time
        envelope.host = match.string("host", in: line)
        envelope.program = match.string("tag", in: line)
        envelope.pid = match.string("pid", in: line).flatMap { Int($0) }
        return envelope
    }

    /// `kernel: [  365.412907] virbr0: ...` and dmesg's own `[  365.412907] ...`.
    private func stripMonotonic(_ line: UnsafeRawBufferPointer, _ envelope: inout LogEnvelope) {
        let message = UnsafeRawBufferPointer(rebasing: line[envelope.message])
        guard message.first == UInt8(ascii: "["),
              let match = (try? Self.monotonicPrefix.firstMatch(in: message)) ?? nil else { return }
        let seconds = match.string("seconds", in: message).flatMap { Double($0) }
        if envelope.time == nil {
            envelope.time = LogTime(monotonic: seconds, text: "[" + (match.string("seconds", in: message) ?? "") + "]")
        } else {
            envelope.time?.monotonic = seconds
        }
        envelope.message = (envelope.message.lowerBound + match.range.upperBound)..<envelope.message.upperBound
    }

    private func isoTime(_ match: Match, _ line: UnsafeRawBufferPointer) -> LogTime {
        let date = match.string("date", in: line) ?? ""
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<(match.range("host")!.lowerBound - 1)]), as: UTF8.self)
        guard parts.count == 3 else { return LogTime(text: text) }
        let epoch = self.date(year: parts[0], monthNumber: parts[1], day: parts[2], time: match.string("time", in: line) ?? "",
                              fraction: match.string("frac", in: line), zone: match.string("zone", in: line))
        return LogTime(epoch: epoch, text: text)
    }

    /// `Nov`, `nov.`, `NOV` → `nov`. By hand: Foundation's trimmingCharacters(in:) goes through
    /// NSString and was a tenth of `events` (every syslog line names a month).
    func monthKey(_ month: String) -> String {
        var key = month.lowercased()
        while key.utf8.last == UInt8(ascii: ".") { key.removeLast() }
        while key.utf8.first == UInt8(ascii: ".") { key.removeFirst() }
        return key
    }

    func date(year: Int, month: String, day: String, time: String, fraction: String?, zone: String?) -> Double? {
        guard let number = Self.months[monthKey(month)] else { return nil }
        return date(year: year, monthNumber: number, day: Int(day) ?? 0, time: time, fraction: fraction, zone: zone)
    }

    func date(year: Int, monthNumber: Int, day: Int, time: String, fraction: String?, zone: String?) -> Double? {
        guard let clock = Self.clock(time), (1...12).contains(monthNumber), (1...31).contains(day) else { return nil }
        // Civil date to days since 1970 by arithmetic (Calendar took a tenth of the scan time).
        let days = Self.daysSinceEpoch(year: year, month: monthNumber, day: day)
        let local = Double(days * 86_400 + clock.hours * 3600 + clock.minutes * 60 + clock.seconds)
        let offset: Int
        if let zone {
            guard let parsed = Self.offsetSeconds(zone) else { return nil }
            offset = parsed
        } else {
            offset = offsets.offset(forDay: days, in: timeZone)
        }
        return local - Double(offset) + (fraction.flatMap { Double("0" + $0) } ?? 0)
    }

    /// `21:40:07` → (21, 40, 7), read from the bytes: splitting into an array of Substrings per
    /// line showed in `events` profiles.
    static func clock(_ time: String) -> (hours: Int, minutes: Int, seconds: Int)? {
        var parts = (0, 0, 0)
        var index = 0
        var digits = 0
        for byte in time.utf8 {
            if byte == UInt8(ascii: ":") {
                guard digits > 0, index < 2 else { return nil }
                index += 1
                digits = 0
            } else if byte >= 0x30 && byte <= 0x39, digits < 9 {
                let digit = Int(byte - 0x30)
                switch index {
                case 0: parts.0 = parts.0 * 10 + digit
                case 1: parts.1 = parts.1 * 10 + digit
                default: parts.2 = parts.2 * 10 + digit
                }
                digits += 1
            } else {
                return nil
            }
        }
        return index == 2 && digits > 0 ? parts : nil
    }

    /// Howard Hinnant's days_from_civil.
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func offsetSeconds(_ zone: String) -> Int? {
        if zone == "Z" { return 0 }
        let digits = zone.filter(\.isNumber)
        guard digits.count == 4, let hours = Int(digits.prefix(2)), let minutes = Int(digits.suffix(2)) else { return nil }
        return (hours * 3600 + minutes * 60) * (zone.hasPrefix("-") ? -1 : 1)
    }

    static func timeZone(fromOffset zone: String) -> TimeZone? {
        offsetSeconds(zone).flatMap { TimeZone(secondsFromGMT: $0) }
    }
}

/// The zone's offset from UTC per day (daylight saving changes it), looked up once a day.
final class ZoneOffsets: @unchecked Sendable {
    private let lock = NSLock()
    private var byDay: [Int: Int] = [:]

    func offset(forDay day: Int, in zone: TimeZone) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let known = byDay[day] { return known }
        // The offset at noon of that day, local time close enough for any stamp in a log.
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day * 86_400 + 43_200)))
        byDay[day] = offset
        return offset
    }
}

/// `journalctl -o json` lines: one object each, every value a string.
enum JournalJSON {
    static func envelope(_ line: UnsafeRawBufferPointer) -> LogEnvelope? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else { return nil }
        var envelope = LogEnvelope(message: 0..<0)
        envelope.host = object["_HOSTNAME"] as? String
        envelope.program = (object["SYSLOG_IDENTIFIER"] as? String) ?? (object["_COMM"] as? String)
        envelope.pid = (object["_PID"] as? String).flatMap { Int($0) } ?? (object["SYSLOG_PID"] as? String).flatMap { Int($0) }
        if let micros = (object["__REALTIME_TIMESTAMP"] as? String).flatMap({ Double($0) }) {
            let epoch = micros / 1_000_000
            envelope.time = LogTime(epoch: epoch, text: EventsReport.iso(epoch))
        }
        if let message = object["MESSAGE"] as? String {
            envelope.decodedMessage = message
        } else if let bytes = object["MESSAGE"] as? [Int] {
            envelope.decodedMessage = String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
        }
        return envelope
    }
}
