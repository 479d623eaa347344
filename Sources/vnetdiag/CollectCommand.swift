import ArgumentParser
import Foundation
import VNetDiagKit

struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Capture this machine's network state into a folder (or .tar.gz) that diagnose and grade read.",
        discussion: "Runs ifconfig/ip, route/ip route, the ARP and neighbour tables, brctl/bridge, iptables (when permitted), the forwarding settings and recent DHCP, bridge and vmnet log lines. A missing tool or permission is noted in collect.txt, never fatal.")

    @Option(help: "Folder to write (or a name ending in .tar.gz). Default: ./vnetdiag-<hostname>.")
    var output: String?

    @Option(help: "Say what this machine is in the lab: host, guest, or observer (a LAN machine that only looks).")
    var role: String?

    func validate() throws {
        if let role, !["host", "guest", "observer"].contains(role) { throw ValidationError("--role must be host, guest or observer") }
    }

    func run() throws {
        try reportingFailures {
            var name = [CChar](repeating: 0, count: 256)
            // gethostname, not ProcessInfo.hostName: no DNS lookup, and the UTS namespace's own name.
            let hostname = gethostname(&name, name.count) == 0
                ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: ".").first.map(String.init) ?? "localhost"
                : "localhost"
            let user = getuid() == 0 ? "root" : (ProcessInfo.processInfo.environment["USER"] ?? "user")
            let collector = Collector(hostname: hostname, user: user, role: role)
            let date = ISO8601DateFormatter().string(from: Date())
            let files = collector.capture(date: date, run: Self.shell)
            let target = output ?? "vnetdiag-\(hostname)"
            if target.hasSuffix(".tar.gz") || target.hasSuffix(".tgz") {
                let folder = URL(fileURLWithPath: target).lastPathComponent.replacingOccurrences(of: ".tar.gz", with: "").replacingOccurrences(of: ".tgz", with: "")
                do { try Data(Collector.tarGz(files, folder: folder)).write(to: URL(fileURLWithPath: target)) } catch {
                    throw UsageFailure(message: "\(target): cannot write (\(error.localizedDescription))")
                }
            } else {
                let url = URL(fileURLWithPath: target)
                do {
                    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
                    for (file, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(file)) }
                } catch {
                    throw UsageFailure(message: "\(target): cannot write (\(error.localizedDescription))")
                }
            }
            let missing = files.last?.text.split(separator: "\n").filter { $0.hasPrefix("missing: ") }.count ?? 0
            FileHandle.standardError.write(Data("vnetdiag: \(files.count - 1) captures in \(target)\(missing > 0 ? " (\(missing) commands unavailable, see collect.txt)" : "")\n".utf8))
        }
    }

    /// Runs one command with `sh -c` in the C locale; a failure becomes a note.
    static func shell(_ command: String) -> Collector.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C"
        environment["PATH"] = (environment["PATH"] ?? "") + ":/usr/sbin:/sbin"
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return .unavailable("cannot start /bin/sh") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 0 { return .output(String(decoding: data, as: UTF8.self)) }
        if process.terminationStatus == 127 { return .unavailable("not installed") }
        let reason = errorText.split(separator: "\n").first.map(String.init) ?? "exit status \(process.terminationStatus)"
        return .unavailable(reason)
    }
}
