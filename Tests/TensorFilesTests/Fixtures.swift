import Foundation
import TensorFiles

/// The committed files of Tests/TensorFilesTests/Fixtures (made by
/// scripts/make-tensor-fixtures.py; the tests need no Python).
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func data(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    /// The script's values: (start + k) mod 64 − 32, over 8, in C order.
    static func ramp(_ count: Int, _ start: Int) -> [Double] {
        (0..<count).map { Double((($0 + start) % 64) - 32) / 8 }
    }

    /// The MLP of the safetensors fixtures, by name.
    static let mlp: [String: (shape: [Int], values: [Double])] = [
        "0.weight": ([4, 3], ramp(12, 0)),
        "0.bias": ([4], ramp(4, 12)),
        "2.weight": ([1, 4], ramp(4, 16)),
        "2.bias": ([1], ramp(1, 20)),
    ]

    /// The error `body` throws, which must be a TensorFileError.
    static func error(_ body: () throws -> Any) -> TensorFileError? {
        do {
            _ = try body()
            return nil
        } catch let e as TensorFileError {
            return e
        } catch {
            return TensorFileError(file: "?", "not a TensorFileError: \(error)")
        }
    }

    /// A safetensors file from a header text and a buffer (the header padded to 8 bytes).
    static func safetensors(header: String, buffer: [UInt8]) -> Data {
        var h = Array(header.utf8)
        while h.count % 8 != 0 { h.append(0x20) }
        var out = [UInt8]()
        var n = UInt64(h.count).littleEndian
        withUnsafeBytes(of: &n) { out += $0 }
        return Data(out + h + buffer)
    }
}
