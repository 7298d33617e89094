// libFuzzer target: the polynomial parser and what a parsed polynomial feeds
// (expansion is done by the parser; then printing, compiling, evaluating the
// gradient and Hessian, and the Newton polyhedron for small polynomials).
// Input: the bytes as UTF-8 text, as `rlct polynomial` or a spec's "q"/"k" reads it.
// Built and run by scripts/fuzz.sh (target "polynomial").
import Polynomials

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let p = try? Polynomial(parsing: text) else { return 0 }
    _ = p.description
    let compiled = p.compiled()
    let w = (0..<compiled.dimension).map { Double($0 % 3) * 0.5 - 0.5 }
    _ = compiled.valueAndGradient(w)
    if compiled.dimension <= 6 && p.terms.count <= 1_000 { _ = compiled.hessian(at: w) }
    // Small caps: the polyhedron is exact rational LP, exponential in d.
    if !p.isZero, p.variables.count <= 4, p.terms.count <= 64,
       let newton = try? NewtonPolyhedron(p) {
        _ = try? newton.diagonalHit(weights: [Int](repeating: 1, count: newton.dimension))
    }
    return 0
}
