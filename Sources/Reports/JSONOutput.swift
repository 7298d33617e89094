import Foundation

/// Machine-readable output: pretty-printed JSON with sorted keys, so the same
/// result always prints the same bytes. Non-finite numbers are written as
/// strings ("nan", "inf") instead of failing the encoder.
public enum JSONOutput {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The JSON text of `value`, ending with a newline.
    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self) + "\n"
    }

    /// Writes `value` as JSON to `path` (see `OutputTarget.write`).
    public static func write<T: Encodable>(_ value: T, toPath path: String) throws {
        try AtomicFile.write(try string(value), toPath: path)
    }

    /// Writes `value` as JSON to `target`.
    public static func write<T: Encodable>(_ value: T, to target: OutputTarget) throws {
        try target.write(try string(value))
    }
}

/// Formats numbers for tables: fixed for moderate magnitudes, scientific otherwise.
public enum NumberFormat {
    /// `value` with `digits` significant digits, e.g. 0.2500, 1.23e-05.
    public static func significant(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e-3 && magnitude < 1e6 {
            let decimals = max(0, digits - 1 - Int(Foundation.floor(log10(magnitude))))
            return String(format: "%.\(decimals)f", value)
        }
        return String(format: "%.\(max(digits - 1, 0))e", value)
    }

    /// `estimate ± error` with the error's precision guiding the estimate's.
    /// An error below a millionth of the estimate (an exact quadrature) is shown
    /// in scientific notation beside six significant digits: `0.250000 ± 1.4e-12`.
    public static func plusMinus(_ estimate: Double, _ error: Double) -> String {
        guard error.isFinite, error > 0 else { return significant(estimate) }
        let decimals = max(0, 1 - Int(Foundation.floor(log10(error))))
        if decimals > 6 && error < 1e-6 * abs(estimate) {
            return "\(significant(estimate, digits: 6)) ± \(String(format: "%.1e", error))"
        }
        return String(format: "%.\(min(10, decimals))f ± %.\(min(10, decimals))f", estimate, error)
    }
}
