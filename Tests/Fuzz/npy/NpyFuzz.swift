// libFuzzer target: the .npy reader (TensorFile.decodeNpy). Input: the bytes
// as an .npy file. An array that decodes is written back (<f8 or <i8, C
// order) and decoded again: shape, exact integers and value bits must
// survive. Built and run by scripts/fuzz.sh (target "npy").
import Foundation
import TensorFiles

private let limits = TensorFileLimits(maximumBytes: 64 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard let tensor = try? TensorFile.decodeNpy(bytes, source: "fuzz.npy", name: "x", limits: limits) else { return 0 }
    _ = tensor.labels(orNil: ())
    let again: Tensor
    do { again = try TensorFile.decodeNpy(try TensorFile.encodeNpy(tensor), source: "again", name: "x", limits: limits) } catch {
        fatalError("a decoded array did not round-trip: \(error)")
    }
    precondition(again.shape == tensor.shape && again.integers == tensor.integers)
    precondition(again.values.map(\.bitPattern) == tensor.values.map(\.bitPattern))
    return 0
}

private extension Tensor {
    func labels(orNil: Void) -> [Int]? { try? labels(file: "fuzz.npy") }
}
