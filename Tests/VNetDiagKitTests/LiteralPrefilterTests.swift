import Testing
@testable import VNetDiagKit

/// The literal prefilter finds the same first occurrences as a plain search, whatever mix of
/// literal lengths decides its stride and which literals it searches on their own, when one cursor
/// is carried along increasing start offsets as the log scanner does (texts written for this test).
@Suite struct LiteralPrefilterTests {
    static let literalSets: [[String]] = [
        ["VNet/", ": port ", "DHCPACK", "promiscuous"],   // one short literal beside the rules' kind
        ["DHCPACK", "bridge-", "link becomes ready"],      // all long enough for stride 4
        ["ab", "VNet/", "xyz12", "DHCPACK("],              // under four bytes too
        ["VNet", "abcd", "wxyz", "dhcp", "port", "link"],   // too many short ones: all in the table
        ["VNet/"],                                           // only a short one
    ]

    /// `count` pieces picked at random (a fixed sequence from `state`) and joined.
    static func text(of count: Int, from pieces: [String], state: inout UInt64) -> String {
        var text = ""
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            text += pieces[Int(state >> 33) % pieces.count]
        }
        return text
    }

    @Test(arguments: literalSets)
    func firstOccurrencesMatchAPlainSearch(_ literals: [String]) {
        let prefilter = LiteralPrefilter(literals.map { Array($0.utf8) })
        var state: UInt64 = 0xD1CE
        let pieces = literals + ["a", "b", " ", "\n", "VNe", "DHCP", "por", "-", "xyz1"]
        for _ in 0..<40 {
            let text = Self.text(of: 60, from: pieces, state: &state)
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { buffer in
                var cursor = prefilter.cursor()
                var start = 0
                while start <= bytes.count {
                    let expected = (start..<bytes.count).first { position in
                        literals.contains { bytes[position...].starts(with: $0.utf8) }
                    }
                    let found = prefilter.firstOccurrence(in: buffer, from: start, cursor: &cursor)
                    #expect(found == expected, "\(literals) in \(text.debugDescription) from \(start)")
                    // A wrong answer before `start` must not send the walk backwards for ever.
                    guard let found, found >= start else { break }
                    start = found + 1 + Int(state % 3)
                }
            }
        }
    }

    /// `literals(in:)` names each literal that occurs in a line once, in order, like asking for each in turn.
    @Test(arguments: literalSets + [["DHCPACK", "DHCPACK on", "DHCPACK(", "DHCPACKS", "ab", "b"]])
    func literalsInALineMatchAPlainSearch(_ literals: [String]) {
        let prefilter = LiteralPrefilter(literals.map { Array($0.utf8) })
        var state: UInt64 = 0xFACE
        let pieces = literals + ["a", "b", " ", "VNe", "DHCP", "por", "-", "xyz1", "on"]
        for _ in 0..<300 {
            let line = Self.text(of: Int(state % 25), from: pieces, state: &state)
            state = state &* 6364136223846793005 &+ 1442695040888963407  // an empty line must not repeat for ever
            let bytes = Array(line.utf8)
            let expected = literals.indices.filter { index in
                bytes.indices.contains { bytes[$0...].starts(with: literals[index].utf8) }
            }
            let found = bytes.withUnsafeBytes { prefilter.literals(in: $0) }
            #expect(found == expected, "\(literals) in \(line.debugDescription)")
        }
    }
}
