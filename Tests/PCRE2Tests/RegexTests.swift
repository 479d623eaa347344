import Foundation
import Testing
@testable import PCRE2

@Suite struct RegexTests {
    @Test func namedCapturesAreExposed() throws {
        let regex = try Regex(#"^(?<name>\S+): flags=(?<value>\d+)"#)
        #expect(regex.isJIT)
        let subject = Array("vif1.0: flags=4163<UP>".utf8)
        let found = try subject.withUnsafeBytes { buffer in
            let match = try #require(try regex.firstMatch(in: buffer))
            return (match.string("name", in: buffer), match.string("value", in: buffer))
        }
        #expect(found.0 == "vif1.0")
        #expect(found.1 == "4163")
        #expect(regex.namedGroups == ["name": 1, "value": 2])
    }

    @Test func unsetGroupsAreNil() throws {
        let regex = try Regex("(a)|(b)")
        let match = try #require(try regex.firstMatch(in: "b"))
        #expect(match.range(1) == nil)
        #expect(match.range(2) == 0..<1)
    }

    @Test func invalidUTF8NeverFailsAMatch() throws {
        let regex = try Regex(#"inet addr:(\d+\.\d+\.\d+\.\d+)"#)
        let subject: [UInt8] = [0xC3, 0x28, 0xFF, 0x20] + Array("inet addr:10.0.0.1".utf8) + [0xA2, 0x0A]
        let address = try subject.withUnsafeBytes { buffer in
            try #require(try regex.firstMatch(in: buffer)).string(1, in: buffer)
        }
        #expect(address == "10.0.0.1")
    }

    @Test func utfModeStillMatchesInvalidBytes() throws {
        let regex = try Regex(#"^(\p{L}{3}) (\d\d)"#, options: .utf)
        let subject: [UInt8] = Array("nov 25".utf8) + [0xFF]
        #expect(subject.withUnsafeBytes { regex.matches($0) })
    }

    @Test func catastrophicBacktrackingStopsAtTheMatchLimit() throws {
        let regex = try Regex("^(a+)+$")
        let subject = String(repeating: "a", count: 40) + "!"
        let started = Date()
        #expect {
            _ = try regex.firstMatch(in: subject)
        } throws: { error in
            guard let failure = error as? PCRE2Error else { return false }
            return failure.kind == .matchLimit || failure.kind == .depthLimit
        }
        // Behaviour, not a benchmark: the limit must stop the match long before it could finish.
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func compileErrorsNameTheOffset() throws {
        #expect {
            _ = try Regex("abc(def")
        } throws: { error in
            guard let failure = error as? PCRE2Error, case .compile(let offset) = failure.kind else { return false }
            return offset == 7 && failure.description.contains("offset 7")
        }
    }

    @Test func caselessOption() throws {
        let regex = try Regex("link encap", options: .caseless)
        #expect(regex.matches("eth0 Link encap:Ethernet"))
    }
}
