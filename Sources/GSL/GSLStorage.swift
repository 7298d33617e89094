import CGSL

/// Owned `gsl_vector` / `gsl_matrix` copies of Swift arrays, freed on deinit.
/// Internal: no GSL pointer escapes into user code.
final class OwnedVector {
    let pointer: UnsafeMutablePointer<gsl_vector>

    init(count: Int, routine: String) throws {
        GSLRuntime.ensureReady()
        guard count >= 1, let pointer = gsl_vector_calloc(count) else {
            throw GSLError(routine: routine, status: Int32(GSL_ENOMEM),
                           reason: "could not allocate a vector of \(count) elements")
        }
        self.pointer = pointer
    }

    convenience init(_ values: [Double], routine: String) throws {
        try self.init(count: values.count, routine: routine)
        for (i, v) in values.enumerated() { gsl_vector_set(pointer, i, v) }
    }

    var array: [Double] { OwnedVector.array(pointer) }

    static func array(_ v: UnsafePointer<gsl_vector>) -> [Double] {
        (0..<v.pointee.size).map { gsl_vector_get(v, $0) }
    }

    deinit { gsl_vector_free(pointer) }
}

final class OwnedMatrix {
    let pointer: UnsafeMutablePointer<gsl_matrix>

    init(rows: Int, columns: Int, routine: String) throws {
        GSLRuntime.ensureReady()
        guard rows >= 1, columns >= 1, let pointer = gsl_matrix_calloc(rows, columns) else {
            throw GSLError(routine: routine, status: Int32(GSL_ENOMEM),
                           reason: "could not allocate a \(rows)×\(columns) matrix")
        }
        self.pointer = pointer
    }

    /// A copy of rectangular `rows` (already validated).
    convenience init(rows: [[Double]], routine: String) throws {
        try self.init(rows: rows.count, columns: rows.first?.count ?? 0, routine: routine)
        for (i, row) in rows.enumerated() {
            for (j, v) in row.enumerated() { gsl_matrix_set(pointer, i, j, v) }
        }
    }

    var rows: [[Double]] { OwnedMatrix.rows(pointer) }

    static func rows(_ m: UnsafePointer<gsl_matrix>) -> [[Double]] {
        (0..<m.pointee.size1).map { i in (0..<m.pointee.size2).map { j in gsl_matrix_get(m, i, j) } }
    }

    deinit { gsl_matrix_free(pointer) }
}
