import ArgumentParser
import Testing
@testable import vnetdiag

/// `PlainParseInvocation` reads `parse` arguments without swift-argument-parser: for every argument
/// list it takes, the full parser must read the same job, and it must leave alone every list the
/// full parser refuses (so that the full parser words the error).
@Suite struct PlainParseInvocationTests {
    static let argumentLists: [[String]] = [
        ["parse"],
        ["parse", "-"],
        ["parse", "--as", "ifconfig", "--schema", "jc", "-"],
        ["parse", "--schema", "jc", "--as", "ifconfig", "-"],
        ["parse", "--as", "route", "a.txt", "b.txt"],
        ["parse", "a.txt", "--pretty", "b.txt"],
        ["parse", "--pretty", "--schema", "native", "capturas/"],
        ["parse", "--schema", "jc"],
        ["parse", "parse"],
        ["parse", "-", "-"],
        ["parse", "./-x"],
        // Shapes the plain reader leaves to the full parser.
        ["parse", "--as=ifconfig", "-"],
        ["parse", "--as", "nonsense", "-"],
        ["parse", "--as"],
        ["parse", "--schema", "yaml", "-"],
        ["parse", "--schema", "jc", "--schema", "native", "-"],
        ["parse", "--pretty", "--pretty"],
        ["parse", "--max-bytes", "10", "-"],
        ["parse", "--max-line-bytes", "100", "-"],
        ["parse", "--help"],
        ["parse", "-h"],
        ["parse", "--", "-"],
        ["parse", "-x"],
        ["parse", ""],
        ["parse", "--version"],
        ["diagnose", "-"],
        ["--version"],
        [],
    ]

    @Test(arguments: argumentLists)
    func plainReaderAgreesWithTheFullParser(_ arguments: [String]) throws {
        guard let plain = PlainParseInvocation(arguments: arguments) else { return }
        let command = try #require(try VNetDiag.parseAsRoot(arguments) as? ParseCommand,
                                   "the full parser does not read \(arguments) as parse")
        #expect(command.job == plain.job)
    }

    @Test func plainReaderTakesTheUsualShapes() {
        for arguments in Self.argumentLists.prefix(11) {
            #expect(PlainParseInvocation(arguments: arguments) != nil, "\(arguments)")
        }
    }
}
