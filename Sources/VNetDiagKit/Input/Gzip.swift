import CZlib

/// Gzip (and zlib) decompression through the system zlib, for rotated logs such as `syslog.2.gz`.
enum Gzip {
    static func hasMagic<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8, Bytes.Index == Int {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1f && bytes[bytes.startIndex + 1] == 0x8b
    }

    /// Inflates concatenated gzip members until the input ends or `limit` bytes are produced;
    /// with `raw`, one headerless deflate stream (a zip entry).
    static func inflate(_ input: [UInt8], limit: Int, name: String, raw: Bool = false) throws(InputError) -> (bytes: [UInt8], truncated: Bool) {
        var output: [UInt8] = []
        var stream = z_stream()
        guard (raw ? vnetdiag_inflate_init_raw(&stream) : vnetdiag_inflate_init_gzip(&stream)) == Z_OK else {
            throw .badGzip(path: name, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        let chunk = 1 << 18
        var buffer = [UInt8](repeating: 0, count: chunk)
        var consumed = 0
        var truncated = false
        var failure: String? = nil
        input.withUnsafeBufferPointer { source in
            while consumed < source.count {
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + consumed)
                stream.avail_in = UInt32(source.count - consumed)
                var status: Int32 = Z_OK
                repeat {
                    let produced: Int = buffer.withUnsafeMutableBufferPointer { target in
                        stream.next_out = target.baseAddress
                        stream.avail_out = UInt32(chunk)
                        status = CZlib.inflate(&stream, Z_NO_FLUSH)
                        return chunk - Int(stream.avail_out)
                    }
                    if status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR {
                        failure = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        return
                    }
                    let room = limit - output.count
                    if produced > room {
                        output.append(contentsOf: buffer[0..<room])
                        truncated = true
                        return
                    }
                    output.append(contentsOf: buffer[0..<produced])
                    if status == Z_BUF_ERROR && stream.avail_in == 0 { break }
                } while status != Z_STREAM_END
                consumed = source.count - Int(stream.avail_in)
                if status == Z_STREAM_END {
                    // A rotated log can hold several gzip members one after another.
                    guard !raw, consumed < source.count, inflateReset(&stream) == Z_OK else { return }
                } else {
                    // Input ended inside a member: keep what was inflated.
                    truncated = true
                    return
                }
            }
        }
        if let failure, output.isEmpty { throw .badGzip(path: name, reason: failure) }
        return (output, truncated || failure != nil)
    }

    /// Gzip-compresses `input` in one go (the captures `collect` writes are small).
    static func deflate(_ input: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard vnetdiag_deflate_init_gzip(&stream) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 32)
        var source = input
        let produced: Int = source.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }
}
