import CBLAS
import Foundation

/// The BLAS library behind the batched network kernels (OpenBLAS through
/// CBLAS), and its one-time set-up.
///
/// Chains run in parallel, one per core, so BLAS itself runs one thread per
/// call: `ready` sets OpenBLAS to one thread the first time it is read (a
/// lazily initialised `static let`, run exactly once under `swift_once`),
/// and every kernel reads it before its first BLAS call.
public enum BLAS {
    @usableFromInline
    static let ready: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Reads `ready` (forcing the one-time set-up).
    @inlinable @inline(__always)
    static func ensureReady() {
        _ = ready
    }

    /// The library's name.
    public static var library: String { "OpenBLAS" }

    /// The version the CBLAS header was compiled against (`0.3.21`).
    public static var version: String {
        String(cString: cblas_shim_openblas_version()).trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "OpenBLAS ", with: "")
    }

    /// OpenBLAS's own configuration string (build options, core, thread limit).
    public static var configuration: String {
        ensureReady()
        guard let c = openblas_get_config() else { return "" }
        return String(cString: c).trimmingCharacters(in: .whitespaces)
    }

    /// The number of threads BLAS calls use (1 after the set-up).
    public static var threads: Int {
        ensureReady()
        return Int(openblas_get_num_threads())
    }
}
