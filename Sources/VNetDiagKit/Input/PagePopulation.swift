#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks the kernel to back the whole pages inside `base..<base+count` now (MADV_POPULATE_WRITE,
/// Linux 5.14): one call instead of a fault per page as the buffer is first written. For large
/// fresh buffers (the input, the JSON output); nothing happens where the call is unknown.
func populatePages(_ base: UnsafeMutablePointer<UInt8>, count: Int) {
    #if os(Linux)
    let start = (Int(bitPattern: base) + pageSize - 1) / pageSize * pageSize
    let end = (Int(bitPattern: base) + count) / pageSize * pageSize
    guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(pointer, end - start, 23)  // MADV_POPULATE_WRITE
    #endif
}

private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
