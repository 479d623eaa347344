import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cores this process may use: the CPUs in its affinity mask, fewer when a cgroup CPU quota
/// allows less (rounded up). Foundation's `activeProcessorCount` answers the same but went through
/// URLs and generic metadata to read the cgroup files: a sixth of a small run's start.
enum ProcessorCount {
    static func active() -> Int {
        #if os(Linux)
        let cpus = affinityCount() ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        return max(1, min(cpus, quotaCount() ?? cpus))
        #else
        return ProcessInfo.processInfo.activeProcessorCount
        #endif
    }

    #if os(Linux)
    /// The `Cpus_allowed` mask of /proc/self/status ("ff,ffffffff"): sched_getaffinity is not
    /// visible from Swift without _GNU_SOURCE.
    static func affinityCount() -> Int? {
        guard let status = smallFile("/proc/self/status", limit: 1 << 14) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("Cpus_allowed:") {
            let mask = line.dropFirst("Cpus_allowed:".count).filter { $0 != "," && !$0.isWhitespace }
            var count = 0
            for digit in mask {
                guard let value = digit.hexDigitValue else { return nil }
                count += value.nonzeroBitCount
            }
            return count > 0 ? count : nil
        }
        return nil
    }

    /// cgroup v2 `cpu.max` ("150000 100000", or "max 100000" for none) in the process's own group,
    /// else cgroup v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us` (-1 for none).
    static func quotaCount() -> Int? {
        let groups = smallFile("/proc/self/cgroup") ?? ""
        for line in groups.split(separator: "\n") where line.hasPrefix("0::") {
            let folder = "/sys/fs/cgroup" + String(line.dropFirst(3))
            if let limit = smallFile(folder + "/cpu.max")?.split(separator: " "), limit.count == 2 {
                return cores(quota: Int(limit[0]), period: Int(limit[1].trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        for folder in ["/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu"] {
            if let quota = smallFile(folder + "/cpu.cfs_quota_us"), let period = smallFile(folder + "/cpu.cfs_period_us") {
                return cores(quota: Int(quota.trimmingCharacters(in: .whitespacesAndNewlines)),
                             period: Int(period.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        return nil
    }

    static func cores(quota: Int?, period: Int?) -> Int? {
        guard let quota, let period, quota > 0, period > 0 else { return nil }
        return (quota + period - 1) / period
    }

    /// Up to `limit` bytes of a small system file, with plain read(2).
    static func smallFile(_ path: String, limit: Int = 512) -> String? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < limit {
            let got = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + count, limit - count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        return count > 0 ? String(decoding: bytes[0..<count], as: UTF8.self) : nil
    }
    #endif
}
