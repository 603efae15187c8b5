import CZlib
import GRDB

/// zlib's deflate for the health history's blocks: a block of thousands of accounts' numbers
/// shrinks several times, and a day's history is written once and read often.
enum Deflate {
    /// The bytes compressed, after their length (a varint) so inflating knows the size.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        VarInt.append(UInt64(bytes.count), to: &out)
        let header = out.count
        var size = compressBound(uLong(bytes.count))
        out += [UInt8](repeating: 0, count: Int(size))
        let code = out.withUnsafeMutableBufferPointer { buffer in
            bytes.withUnsafeBufferPointer { source in
                compress2(buffer.baseAddress! + header, &size, source.baseAddress, uLong(bytes.count), Z_DEFAULT_COMPRESSION)
            }
        }
        // compress2 fails only without memory or with a too-small buffer (compressBound rules it out).
        precondition(code == Z_OK, "deflate failed (\(code))")
        out.removeLast(out.count - header - Int(size))
        return out
    }

    /// The bytes `compress` was given; throws on bytes that are not its output.
    static func decompress(_ bytes: [UInt8]) throws -> [UInt8] {
        var at = 0
        guard let count = VarInt.read(bytes, at: &at), count < 1 << 31 else { throw damaged("its size is unreadable") }
        var out = [UInt8](repeating: 0, count: Int(count))
        var size = uLong(count)
        let code = out.withUnsafeMutableBufferPointer { buffer in
            bytes.withUnsafeBufferPointer { source in
                uncompress(buffer.baseAddress, &size, source.baseAddress! + at, uLong(bytes.count - at))
            }
        }
        guard code == Z_OK, size == uLong(count) else { throw damaged("zlib says \(code)") }
        return out
    }

    static func damaged(_ why: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: "a block of the health history is damaged: \(why)")
    }
}

/// LEB128 unsigned integers, and zigzag for signed ones (small magnitudes stay short).
enum VarInt {
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func append(signed value: Int64, to out: inout [UInt8]) {
        append(UInt64(bitPattern: (value << 1) ^ (value >> 63)), to: &out)
    }

    /// nil past the end or on a number longer than 64 bits.
    static func read(_ bytes: [UInt8], at index: inout Int) -> UInt64? {
        var value: UInt64 = 0, shift: UInt64 = 0
        while index < bytes.count, shift < 64 {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }

    static func readSigned(_ bytes: [UInt8], at index: inout Int) -> Int64? {
        read(bytes, at: &index).map { Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1))) }
    }
}
