// libFuzzer target: the .npz reader (TensorFile.decodeNpz, through
// ZIPFoundation). Input: the bytes as a zip archive. Members are capped by
// their declared size and while inflating, so a small input cannot allocate
// more than the limit. Built and run by scripts/fuzz.sh (target "npz").
import Foundation
import TensorFiles

private let limits = TensorFileLimits(maximumBytes: 64 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard let file = try? TensorFile.decodeNpz(bytes, source: "fuzz.npz", limits: limits) else { return 0 }
    precondition(Set(file.names).count == file.names.count)
    for t in file.tensors {
        _ = try? TensorFile.encodeNpy(t)
    }
    return 0
}
