import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension FileHandle {
    /// Everything until end of file. Foundation's `readDataToEndOfFile` traps on EINTR, and
    /// the terminal tests in this same process raise signals whose handlers (installed
    /// without SA_RESTART, on purpose) interrupt any thread's blocking read: retry instead.
    func readToEndSurvivingSignals() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 { data.append(contentsOf: buffer[0..<count]); continue }
            if count < 0 && errno == EINTR { continue }
            return data
        }
    }
}
