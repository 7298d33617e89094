/// Bounds on what a reader accepts, checked before anything is allocated, so
/// a hostile file (a huge header length, a shape whose product overflows, a
/// zip bomb) is refused with an error instead of exhausting memory.
public struct TensorFileLimits: Sendable, Hashable {
    /// Largest file, and largest decoded size (8 bytes per element for the
    /// Double values, 8 more for an integer tensor's exact view); also caps
    /// what an `.npz` entry may inflate to.
    public var maximumBytes: Int
    /// Largest safetensors JSON header or `.npy` header. The header is parsed
    /// into a JSON tree that takes many times its bytes, so the default is
    /// 16 MiB (about 150 000 tensors at ~100 bytes each), below the 100 MB
    /// the safetensors reference implementation accepts; raise it for a
    /// larger header.
    public var maximumHeaderBytes: Int
    /// Most tensors in one file (safetensors entries, `.npz` members).
    public var maximumTensors: Int
    /// Most dimensions of one tensor (NumPy allows 64).
    public var maximumRank: Int

    public init(maximumBytes: Int = 1 << 30, maximumHeaderBytes: Int = 16 << 20,
                maximumTensors: Int = 100_000, maximumRank: Int = 64) {
        self.maximumBytes = maximumBytes
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumTensors = maximumTensors
        self.maximumRank = maximumRank
    }

    /// 1 GiB of file and of decoded values, 16 MiB of header.
    public static let `default` = TensorFileLimits()
}
