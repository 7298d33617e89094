import Foundation

/// One axis of a `Plot`: maps data to pixels and chooses ticks
/// (1-2-5 steps on linear axes, decades with 2…9 minor ticks on log axes).
struct Axis {
    var scale: Plot.Scale
    var lo: Double
    var hi: Double
    var pixelLo: Double
    var pixelHi: Double

    struct Tick { var value: Double; var label: String?; var major: Bool }

    func transform(_ v: Double) -> Double { scale == .log ? log10(v) : v }

    func pixel(_ v: Double) -> Double {
        let a = transform(lo), b = transform(hi)
        let t = b == a ? 0.5 : (transform(v) - a) / (b - a)
        return pixelLo + t * (pixelHi - pixelLo)
    }

    func accepts(_ v: Double) -> Bool { v.isFinite && (scale == .linear || v > 0) }
    func contains(_ v: Double) -> Bool { accepts(v) && v >= lo && v <= hi }

    func ticks() -> [Tick] {
        switch scale {
        case .linear:
            let step = Axis.niceStep((hi - lo) / 6)
            var out: [Tick] = []
            var v = (lo / step).rounded(.up) * step
            while v <= hi + step * 1e-9 {
                let clean = abs(v) < step * 1e-9 ? 0 : v
                out.append(Tick(value: clean, label: Axis.label(clean, step: step), major: true))
                v += step
            }
            return out
        case .log:
            var out: [Tick] = []
            let d0 = Int(floor(log10(lo))), d1 = Int(ceil(log10(hi)))
            let decades = (d0...d1).filter { d in
                let base = pow(10, Double(d))
                return base >= lo * (1 - 1e-9) && base <= hi * (1 + 1e-9)
            }
            if decades.count < 2 {
                // Less than a decade and a bit: label 1-2-5 steps of the values, as a linear axis would.
                let step = Axis.niceStep((hi - lo) / 5)
                var v = (lo / step).rounded(.up) * step
                while v <= hi * (1 + 1e-9) {
                    out.append(Tick(value: v, label: Axis.label(v, step: step), major: true))
                    v += step
                }
                return out
            }
            let decadeStride = max(1, (d1 - d0) / 8)
            for d in d0...d1 {
                let base = pow(10, Double(d))
                if base >= lo * (1 - 1e-9) && base <= hi * (1 + 1e-9) {
                    let major = (d - d0) % decadeStride == 0
                    out.append(Tick(value: base, label: major ? Axis.decadeLabel(d) : nil, major: major))
                }
                if decadeStride == 1 {
                    for k in 2...9 {
                        let v = Double(k) * base
                        if v > lo && v < hi { out.append(Tick(value: v, label: nil, major: false)) }
                    }
                }
            }
            return out
        }
    }

    /// Data range padded by 5% of its span (linear) or of its span in decades (log),
    /// so the data fill the axis whatever their range.
    static func range(of values: [Double], scale: Plot.Scale, pad: Bool) -> (Double, Double) {
        let usable = values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
        guard var lo = usable.min(), var hi = usable.max() else { return scale == .log ? (1, 10) : (0, 1) }
        switch scale {
        case .linear:
            if lo == hi { lo -= 1; hi += 1 }
            if pad { let p = (hi - lo) * 0.05; lo -= p; hi += p }
        case .log:
            if lo == hi { lo /= 2; hi *= 2 }
            if pad { let p = pow(10, (log10(hi) - log10(lo)) * 0.05); lo /= p; hi *= p }
        }
        return (lo, hi)
    }

    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, floor(log10(raw)))
        let r = raw / magnitude
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude
    }

    static func label(_ v: Double, step: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1e5 || abs(v) < 1e-3 { return String(format: "%.1e", v) }
        let decimals = max(0, -Int(floor(log10(step))))
        return String(format: "%.\(decimals)f", v)
    }

    static func decadeLabel(_ d: Int) -> String {
        switch d {
        case 0: return "1"
        case 1: return "10"
        case -1: return "0.1"
        default: return "1e\(d)"
        }
    }
}
