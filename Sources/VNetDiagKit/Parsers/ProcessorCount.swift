import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The cores this process may use: the CPUs in its affinity mask, fewer when a cgroup CPU quota
/// allows less (rounded up). Foundation's `activeProcessorCount` reads the quota through URLs and
/// generic metadata (a sixth of a small run's start) and ignores the affinity mask
/// (`taskset -c 0` gave 2). The files are read as bytes: Strings split into lines cost twice
/// Foundation's instructions.
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
        let status = smallFile("/proc/self/status", limit: 1 << 14)
        return value(after: "\nCpus_allowed:", in: status).flatMap(cpus(inMask:))
    }

    /// The CPUs set in a hexadecimal mask written in 32-bit groups ("ff,ffffffff").
    static func cpus(inMask mask: ArraySlice<UInt8>) -> Int? {
        var count = 0
        for digit in mask where digit != UInt8(ascii: ",") {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): count += (digit - UInt8(ascii: "0")).nonzeroBitCount
            case UInt8(ascii: "a")...UInt8(ascii: "f"): count += (digit - UInt8(ascii: "a") + 10).nonzeroBitCount
            default: return nil
            }
        }
        return count > 0 ? count : nil
    }

    /// cgroup v2 `cpu.max` ("150000 100000", or "max 100000" for none) in the process's own group,
    /// else cgroup v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us` (-1 for none).
    static func quotaCount() -> Int? {
        if let group = value(after: "\n0::", in: [0x0A] + smallFile("/proc/self/cgroup")) {
            let limit = words(smallFile("/sys/fs/cgroup" + String(decoding: group, as: UTF8.self) + "/cpu.max"))
            if limit.count == 2 { return cores(quota: number(limit[0]), period: number(limit[1])) }
        }
        for folder in ["/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/cpu"] {
            if let quota = words(smallFile(folder + "/cpu.cfs_quota_us")).first,
               let period = words(smallFile(folder + "/cpu.cfs_period_us")).first {
                return cores(quota: number(quota), period: number(period))
            }
        }
        return nil
    }

    static func cores(quota: Int?, period: Int?) -> Int? {
        guard let quota, let period, quota > 0, period > 0 else { return nil }
        return (quota + period - 1) / period
    }

    /// The rest of the line after `label` (blanks skipped), when the label is in `bytes`.
    static func value(after label: StaticString, in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let needle = UnsafeBufferPointer(start: label.utf8Start, count: label.utf8CodeUnitCount)
        guard let start = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.flatMap { findBytes($0, count: buffer.count, needle: needle.baseAddress!, needleCount: needle.count) }
        }) else { return nil }
        var index = start + needle.count
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
        return bytes[index..<end]
    }

    static func words(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 })
    }

    /// A decimal number (a minus sign allowed), nil for anything else ("max").
    static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        guard digits.first == UInt8(ascii: "-") else { return decimalValue(digits) }
        return decimalValue(digits.dropFirst()).map { -$0 }
    }

    /// Up to `limit` bytes of a small system file, with plain read(2); empty when unreadable.
    static func smallFile(_ path: String, limit: Int = 512) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        return [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
            count = 0
            while count < limit {
                let got = read(descriptor, buffer.baseAddress! + count, limit - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                count += got
            }
        }
    }
    #endif
}
