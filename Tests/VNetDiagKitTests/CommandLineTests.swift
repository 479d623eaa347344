import Foundation
import Testing
@testable import VNetDiagKit

/// The `vnetdiag parse` command as a script would use it.
@Suite(.serialized) struct CommandLineTests {
    init() throws {
        try #require(FileManager.default.isExecutableFile(atPath: TestPaths.binary.path),
                     "build the binary first: swift build (looked for \(TestPaths.binary.path))")
    }

    @Test func unreadablePathExitsTwoWithOneLineNamingIt() throws {
        let result = try CommandRunner.run(["parse", "/no/such/capture.txt"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/no/such/capture.txt"))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try CommandRunner.run(["parse", "--as", "tcpdump", "-"], stdin: Data())
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown format 'tcpdump'"))
    }

    @Test func standardInputIsReadWithDashOrNoArgument() throws {
        let table = try Data(contentsOf: TestPaths.fixtures.appendingPathComponent("seed/vmware-nat/creb/route-n.txt"))
        for arguments in [["parse", "-"], ["parse"]] {
            let result = try CommandRunner.run(arguments, stdin: table)
            #expect(result.status == 0)
            #expect(result.text.contains(#""source":"-""#))
            #expect(result.text.contains(#""gateway":"172.16.62.2""#))
        }
    }

    @Test func jcSchemaPrintsExactlyJCsArray() throws {
        let base = TestPaths.jcFixtures.appendingPathComponent("ubuntu-18.04/route-vn")
        let result = try CommandRunner.run(["parse", "--schema", "jc", "--as", "route", base.path + ".out"])
        #expect(result.status == 0)
        let mine = try JSONSerialization.jsonObject(with: result.stdout) as? NSObject
        let theirs = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base.path + ".json"))) as? NSObject
        #expect(mine == theirs)
    }

    @Test func outputIsDeterministic() throws {
        let folder = TestPaths.fixtures.appendingPathComponent("seed").path
        let first = try CommandRunner.run(["parse", "--pretty", folder])
        let second = try CommandRunner.run(["parse", "--pretty", folder])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.text.hasPrefix("{\n  \"schema\": \"vnetdiag.parse/1\""))
    }

    @Test func partialParseStillExitsZero() throws {
        let text = "Kernel IP routing table\nDestination Gateway Genmask Flags Metric Ref Use Iface\n0.0.0.0 10.0.0.1 0.0.0.0 UG 0 0 0 eth0\n10.0.0.0 0.0.0.0 255.25"
        let result = try CommandRunner.run(["parse", "-"], stdin: Data(text.utf8))
        #expect(result.status == 0)
        #expect(result.text.contains(#""unparsed":[{"line":4"#))
    }
}
