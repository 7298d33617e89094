#ifndef RLCTKIT_CBLAS_SHIM_H
#define RLCTKIT_CBLAS_SHIM_H

// OpenBLAS (Debian's libopenblas-dev, pkg-config `openblas`) for the batched
// network kernels: row-major dgemm, sgemm and dgemv in the CBLAS calling convention,
// and OpenBLAS's thread control.
//
// Why not OpenBLAS's <cblas.h> and its cblas_dgemm: GSL ships its own CBLAS
// (<gsl/gsl_cblas.h>, libgslcblas), which the CGSL module includes and links.
// The two headers define `enum CBLAS_TRANSPOSE` differently, which Clang
// modules refuse when both are imported, and both libraries export the symbol
// `cblas_dgemm`, so a call would reach whichever the dynamic linker finds
// first (GSL's reference loops, or OpenBLAS for GSL's own calls). The
// Fortran entry points dgemm_/dgemv_ exist only in OpenBLAS: the inline
// functions below turn a row-major CBLAS call into the column-major Fortran
// one (Cᵀ = op(B)ᵀ op(A)ᵀ), so every product here runs in OpenBLAS and GSL
// keeps its own CBLAS.

#include <openblas_config.h>

// OpenBLAS's Fortran interface (interface/gemm.c, gemv.c), column-major.
void dgemm_(const char *transa, const char *transb, const blasint *m, const blasint *n, const blasint *k,
            const double *alpha, const double *a, const blasint *lda, const double *b, const blasint *ldb,
            const double *beta, double *c, const blasint *ldc);
void sgemm_(const char *transa, const char *transb, const blasint *m, const blasint *n, const blasint *k,
            const float *alpha, const float *a, const blasint *lda, const float *b, const blasint *ldb,
            const float *beta, float *c, const blasint *ldc);
void dgemv_(const char *trans, const blasint *m, const blasint *n, const double *alpha, const double *a,
            const blasint *lda, const double *x, const blasint *incx, const double *beta, double *y,
            const blasint *incy);

// OpenBLAS's thread control and build description (as in its cblas.h).
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);

/// CBLAS's transpose flags, as the row-major calls below take them.
enum cblas_shim_transpose { CblasShimNoTrans = 111, CblasShimTrans = 112 };

/// Row-major C (m×n) = alpha · op(A) · op(B) + beta · C, op(A) m×k, op(B)
/// k×n: cblas_dgemm(CblasRowMajor, transA, transB, …) with the same arguments.
static inline void cblas_dgemm_rowmajor(enum cblas_shim_transpose transA, enum cblas_shim_transpose transB,
                                        blasint m, blasint n, blasint k, double alpha,
                                        const double *a, blasint lda, const double *b, blasint ldb,
                                        double beta, double *c, blasint ldc) {
    const char ta = transA == CblasShimTrans ? 'T' : 'N';
    const char tb = transB == CblasShimTrans ? 'T' : 'N';
    // Row-major C = op(A) op(B) is column-major Cᵀ = op(B)ᵀ op(A)ᵀ.
    dgemm_(&tb, &ta, &n, &m, &k, &alpha, b, &ldb, a, &lda, &beta, c, &ldc);
}

/// The same in single precision (sgemm), for networks run in float32.
static inline void cblas_sgemm_rowmajor(enum cblas_shim_transpose transA, enum cblas_shim_transpose transB,
                                        blasint m, blasint n, blasint k, float alpha,
                                        const float *a, blasint lda, const float *b, blasint ldb,
                                        float beta, float *c, blasint ldc) {
    const char ta = transA == CblasShimTrans ? 'T' : 'N';
    const char tb = transB == CblasShimTrans ? 'T' : 'N';
    sgemm_(&tb, &ta, &n, &m, &k, &alpha, b, &ldb, a, &lda, &beta, c, &ldc);
}

/// Row-major y = alpha · op(A) · x + beta · y, A m×n:
/// cblas_dgemv(CblasRowMajor, trans, …) with the same arguments.
static inline void cblas_dgemv_rowmajor(enum cblas_shim_transpose trans, blasint m, blasint n, double alpha,
                                        const double *a, blasint lda, const double *x, blasint incx,
                                        double beta, double *y, blasint incy) {
    // Row-major A (m×n) is column-major Aᵀ (n×m): flip the transpose.
    const char t = trans == CblasShimTrans ? 'N' : 'T';
    dgemv_(&t, &n, &m, &alpha, a, &lda, x, &incx, &beta, y, &incy);
}

/// OpenBLAS's version string as compiled in (" OpenBLAS 0.3.21 ").
static inline const char *cblas_shim_openblas_version(void) {
#ifdef OPENBLAS_VERSION
    return OPENBLAS_VERSION;
#else
    return "";
#endif
}

#endif
