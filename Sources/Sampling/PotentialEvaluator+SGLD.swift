import GSL
import Models

extension PotentialEvaluator {
    /// One SGLD move in a single pass over the d coordinates: with ∇L the
    /// batch loss gradient in `g` (`stochasticLossGradient`),
    /// gᵢ = nβ ∂ᵢL + γ (wᵢ − w*ᵢ) − ∂ᵢ log φ(w) and wᵢ ← wᵢ − (ε/2) gᵢ + √ε ξᵢ,
    /// ξ from `RandomStream.gaussians` in blocks of 128.
    ///
    /// The same operations on each coordinate, in the same order, as
    /// `addPriorTerms` followed by `Langevin.propose`, so the same w bit for
    /// bit; but w, w* and g are read once instead of twice, which is what a
    /// step costs beyond its gradient on a large network (each pass over
    /// d = 10⁵ doubles is 0.8 MB, more than a core's L2 cache). U itself is
    /// not needed, only whether it is finite: its terms are summed in four
    /// interleaved partial sums (which the vector units run at once) rather
    /// than in order. `g` is read, not written: it still holds ∇L after the move.
    ///
    /// Returns whether U(w) (before the move) and every gᵢ were finite.
    @inlinable
    public func langevinMove(_ w: UnsafeMutableBufferPointer<Double>, lossGradient g: UnsafeMutableBufferPointer<Double>,
                             loss: Double, stepSize eps: Double, rng: RandomStream) -> (finitePotential: Bool, finiteGradient: Bool) {
        guard loss.isFinite else { return (false, true) }
        if case .uniform = priorTerms, !isInSupport(w) { return (false, true) }
        let noise = eps.squareRoot(), half = 0.5 * eps, halfLocalization = 0.5 * localization
        let precision: Double, inverse: Double
        if case let .normal(sigma, p, _) = priorTerms {
            precision = p
            inverse = 1 / (2 * sigma * sigma)
        } else {
            precision = 0
            inverse = 0
        }
        let normal = inverse != 0
        let wp = w.baseAddress!, cp = center.baseAddress!, gp = g.baseAddress!
        let nbeta = self.nbeta, localization = self.localization
        // Four partial sums of U's terms and of gᵢ − gᵢ (0, or NaN when gᵢ is not
        // finite), so that no iteration waits for the previous one's sum.
        var s = SIMD4<Double>(repeating: 0), bad = SIMD4<Double>(repeating: 0)
        let block = 128
        withUnsafeTemporaryAllocation(of: Double.self, capacity: block) { xi in
            let xp = xi.baseAddress!
            var start = 0
            while start < dimension {
                let m = Swift.min(block, dimension - start)
                rng.gaussians(UnsafeMutableBufferPointer(rebasing: xi[0..<m]))
                let wb = wp + start, cb = cp + start, gb = gp + start
                var t = 0
                while t < m {
                    let lanes = Swift.min(4, m - t)
                    var term = SIMD4<Double>(repeating: 0), check = SIMD4<Double>(repeating: 0)
                    for k in 0..<lanes {
                        let wi = wb[t + k], d = wi - cb[t + k]
                        var gi = nbeta * gb[t + k] + localization * d
                        var u = halfLocalization * d * d
                        if normal {
                            gi -= -wi * precision
                            u += wi * wi * inverse
                        }
                        wb[t + k] = wi + (-half * gi + noise * xp[t + k])
                        term[k] = u
                        check[k] = gi - gi
                    }
                    s += term
                    bad += check
                    t += 4
                }
                start += m
            }
        }
        let finite = bad.sum() == 0
        return ((nbeta * loss + ((s[0] + s[1]) + (s[2] + s[3]))).isFinite, finite)
    }
}
