import CGSL

/// Eigenvalues and eigenvectors of real symmetric matrices (GSL's
/// `gsl_eigen_symm` / `gsl_eigen_symmv`: Householder tridiagonalisation, then
/// implicit symmetric QR; manual §15.1).
///
/// A solver owns its GSL matrix, vectors and workspaces for one dimension, so
/// repeated calls (a Monte Carlo over random matrices) allocate nothing. It is
/// not `Sendable`: give each task its own.
///
///     let solver = try SymmetricEigenSolver(dimension: 2)
///     let (values, vectors) = try solver.decompose([[2, 1], [1, 2]])   // [1, 3]; (1, −1)/√2, (1, 1)/√2
public final class SymmetricEigenSolver {
    public let dimension: Int
    private let matrix: OwnedMatrix
    private let values: OwnedVector
    private let vectors: OwnedMatrix
    private let valuesWorkspace: UnsafeMutablePointer<gsl_eigen_symm_workspace>
    private let vectorsWorkspace: UnsafeMutablePointer<gsl_eigen_symmv_workspace>

    public init(dimension n: Int) throws {
        let routine = "SymmetricEigenSolver"
        guard n >= 1 && n <= 4096 else { throw GSLError.invalidArgument(routine, "dimension: expected 1 to 4096, got \(n)") }
        dimension = n
        matrix = try OwnedMatrix(rows: n, columns: n, routine: routine)
        values = try OwnedVector(count: n, routine: routine)
        vectors = try OwnedMatrix(rows: n, columns: n, routine: routine)
        guard let w = gsl_eigen_symm_alloc(n) else {
            throw GSLError(routine: "gsl_eigen_symm_alloc", status: Int32(GSL_ENOMEM), reason: "out of memory")
        }
        guard let v = gsl_eigen_symmv_alloc(n) else {
            gsl_eigen_symm_free(w)
            throw GSLError(routine: "gsl_eigen_symmv_alloc", status: Int32(GSL_ENOMEM), reason: "out of memory")
        }
        valuesWorkspace = w
        vectorsWorkspace = v
    }

    deinit {
        gsl_eigen_symm_free(valuesWorkspace)
        gsl_eigen_symmv_free(vectorsWorkspace)
    }

    private func load(_ a: UnsafeBufferPointer<Double>) {
        let n = dimension, tda = matrix.pointer.pointee.tda
        let data = matrix.pointer.pointee.data!
        for i in 0..<n { for j in 0..<n { data[i * tda + j] = a[i * n + j] } }
    }

    /// The eigenvalues of the symmetric n × n matrix `a` (row-major; only its
    /// lower triangle is read), ascending, into `out` (n values). No allocation.
    public func eigenvalues(of a: UnsafeBufferPointer<Double>, into out: UnsafeMutableBufferPointer<Double>) throws {
        let n = dimension
        guard a.count >= n * n, out.count >= n else {
            throw GSLError.invalidArgument("SymmetricEigenSolver.eigenvalues", "expected \(n * n) entries and room for \(n) values")
        }
        load(a)
        let status = gsl_eigen_symm(matrix.pointer, values.pointer, valuesWorkspace)
        guard status == GSL_SUCCESS else { throw GSLError(routine: "gsl_eigen_symm", status: status) }
        let v = values.pointer.pointee.data!, stride = values.pointer.pointee.stride
        for i in 0..<n { out[i] = v[i * stride] }
        // Insertion sort: n is small where this is called in a loop.
        for i in 1..<max(n, 1) {
            let x = out[i]
            var j = i - 1
            while j >= 0 && out[j] > x { out[j + 1] = out[j]; j -= 1 }
            out[j + 1] = x
        }
    }

    /// The eigenvalues of `a` (rows of a symmetric matrix), ascending.
    public func eigenvalues(_ a: [[Double]]) throws -> [Double] {
        let flat = try Self.flatten(a, dimension: dimension)
        var out = [Double](repeating: 0, count: dimension)
        try flat.withUnsafeBufferPointer { ap in try out.withUnsafeMutableBufferPointer { try eigenvalues(of: ap, into: $0) } }
        return out
    }

    /// Eigenvalues ascending and their unit eigenvectors (`vectors[i]` belongs
    /// to `values[i]`; GSL's sign).
    public func decompose(_ a: [[Double]]) throws -> (values: [Double], vectors: [[Double]]) {
        let flat = try Self.flatten(a, dimension: dimension)
        flat.withUnsafeBufferPointer { load($0) }
        var status = gsl_eigen_symmv(matrix.pointer, values.pointer, vectors.pointer, vectorsWorkspace)
        guard status == GSL_SUCCESS else { throw GSLError(routine: "gsl_eigen_symmv", status: status) }
        status = gsl_eigen_symmv_sort(values.pointer, vectors.pointer, GSL_EIGEN_SORT_VAL_ASC)
        guard status == GSL_SUCCESS else { throw GSLError(routine: "gsl_eigen_symmv_sort", status: status) }
        let vals = values.array
        let columns = OwnedMatrix.rows(vectors.pointer)
        let vecs = (0..<dimension).map { k in (0..<dimension).map { i in columns[i][k] } }
        return (vals, vecs)
    }

    static func flatten(_ a: [[Double]], dimension n: Int) throws -> [Double] {
        let routine = "SymmetricEigenSolver"
        guard a.count == n, a.allSatisfy({ $0.count == n }) else {
            throw GSLError.invalidArgument(routine, "matrix: expected \(n) rows of \(n) entries")
        }
        guard a.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            throw GSLError.invalidArgument(routine, "matrix: entries must be finite")
        }
        return a.flatMap { $0 }
    }
}

/// One-off symmetric eigen-decompositions (allocates a solver per call).
public enum SymmetricEigen {
    /// Eigenvalues ascending and unit eigenvectors of the symmetric matrix `a`.
    public static func decompose(_ a: [[Double]]) throws -> (values: [Double], vectors: [[Double]]) {
        try SymmetricEigenSolver(dimension: a.count).decompose(a)
    }
}
