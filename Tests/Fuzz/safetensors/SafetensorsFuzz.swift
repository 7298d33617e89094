// libFuzzer target: the safetensors reader (TensorFile.decodeSafetensors).
// Input: the bytes as a safetensors file. A file that decodes is written
// back (F64, integers as I64) and decoded again: names, shapes, exact
// integers and value bits must survive; its own names and shapes must match
// as layers. Built and run by scripts/fuzz.sh (target "safetensors").
import Foundation
import TensorFiles

private let limits = TensorFileLimits(maximumBytes: 64 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard let file = try? TensorFile.decodeSafetensors(bytes, source: "fuzz.safetensors", limits: limits) else { return 0 }
    _ = file.tensors.map { ($0.firstNonFiniteIndex, $0.shapeDescription) }
    let again: TensorFile
    do { again = try TensorFile.decodeSafetensors(try file.safetensorsData(), source: "again", limits: limits) } catch {
        fatalError("a decoded file did not round-trip: \(error)")
    }
    precondition(again.names == file.names && again.metadata == file.metadata)
    for (a, b) in zip(again.tensors, file.tensors) {
        precondition(a.shape == b.shape && a.integers == b.integers)
        precondition(a.values.map(\.bitPattern) == b.values.map(\.bitPattern))
    }
    do { _ = try file.layers(file.tensors.map { ($0.name, $0.shape) }) } catch {
        fatalError("a file's own layers did not match: \(error)")
    }
    return 0
}
