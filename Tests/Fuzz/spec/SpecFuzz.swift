// libFuzzer target: the experiment spec decoder and the model building behind
// it (ExperimentSpec.decode → build → one loss and gradient evaluation).
// Input: the bytes as a JSON spec, as `rlct llc --spec` reads it.
//
// Size caps keep one input from allocating gigabytes or running for seconds
// on purpose: specs over the caps are decoded (the decoder must cope with any
// size) but not built. CSV and NumPy data and a truth file may only name a plain file in
// Tests/Fuzz/spec/data/ (no paths: the fuzzer must not read /dev/zero).
// Built and run by scripts/fuzz.sh (target "spec").
import Foundation
import Models
import Experiments

/// Largest parameter count, data size n and n × (inputs + outputs) built.
private let maximumParameters = 4_096
private let maximumSamples = 2_000
private let maximumDataCells = 20_000
private let maximumPolynomialLength = 100_000

/// Saturating product and sum, so the caps themselves cannot overflow.
private func times(_ a: Int, _ b: Int) -> Int {
    let (p, o) = a.multipliedReportingOverflow(by: b)
    return o ? Int.max : p
}
private func plus(_ a: Int, _ b: Int) -> Int {
    let (s, o) = a.addingReportingOverflow(b)
    return o ? Int.max : s
}

/// Parameters of a chain of dense layers with these widths (with biases when asked).
private func layerParameters(_ widths: [Int], biases: Bool) -> Int {
    guard widths.count >= 2, widths.count <= 16 else { return widths.count > 16 ? Int.max : 0 }
    var total = 0
    for i in 0..<(widths.count - 1) {
        total = plus(total, times(widths[i], widths[i + 1]))
        if biases { total = plus(total, widths[i + 1]) }
    }
    return total
}

/// Whether building this spec stays within the caps.
private func isSmall(_ spec: ExperimentSpec) -> Bool {
    var parameters = 0, width = 2
    switch spec.model {
    case let .polynomialRegression(q, _, _):
        guard q.utf8.count <= maximumPolynomialLength else { return false }
    case let .potential(k, _, _):
        guard k.utf8.count <= maximumPolynomialLength else { return false }
    case let .linearRegression(m, n, bias, _):
        parameters = plus(times(m, n), bias ? n : 0); width = plus(m, n)
    case let .reducedRankRegression(m, n, h, _):
        parameters = times(h, plus(m, n)); width = plus(m, n)
    case let .deepLinearNetwork(widths, _):
        parameters = layerParameters(widths, biases: false); width = plus(widths.first ?? 0, widths.last ?? 0)
    case let .tanhNetwork(m, n, h, _, _):
        parameters = times(h, plus(plus(m, n), 2)); width = plus(m, n)
    case let .reluNetwork(widths, biases, _), let .mlp(widths, _, biases, _, _):
        parameters = layerParameters(widths, biases: biases); width = plus(widths.first ?? 0, widths.last ?? 0)
    }
    guard parameters <= maximumParameters, width <= maximumParameters else { return false }
    if let small = spec.truth?.widths, layerParameters(small, biases: true) > maximumParameters { return false }
    if let file = spec.truth?.file, !plainName(file) { return false }
    switch spec.data {
    case let .synthetic(n, _, _, _):
        guard n <= maximumSamples, times(n, width) <= maximumDataCells else { return false }
    case let .csv(file, _, _):
        guard plainName(file) else { return false }
    case let .tensors(t):
        guard [t.file ?? "x", t.inputs, t.outputs].allSatisfy(plainName) else { return false }
    case nil:
        break
    }
    return true
}

/// A file name without a folder, a leading dot or a NUL: read only from `dataDirectory`.
private func plainName(_ file: String) -> Bool {
    !file.contains("/") && !file.hasPrefix(".") && !file.contains("\0")
}

/// The folder the spec's CSV files are read from (the fuzzer runs from the repository root).
private let dataDirectory = URL(fileURLWithPath: "Tests/Fuzz/spec/data", isDirectory: true)

/// FUZZ_VERBOSE=1 prints why each input stopped (for checking seeds by hand).
private let verbose = ProcessInfo.processInfo.environment["FUZZ_VERBOSE"] != nil

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let spec: ExperimentSpec
    do { spec = try ExperimentSpec.decode(bytes, source: "fuzz.json") } catch {
        if verbose { print("refused: \(error)") }
        return 0
    }
    _ = spec.json
    guard isSmall(spec) else {
        if verbose { print("decoded, over the fuzzing caps: not built") }
        return 0
    }
    let experiment: Experiment
    do { experiment = try spec.build(baseDirectory: dataDirectory) } catch {
        if verbose { print("decoded, build refused: \(error)") }
        return 0
    }
    let point = experiment.truth ?? [Double](repeating: 0, count: experiment.model.dimension)
    let result = try? experiment.model.accept(PointEvaluation(point: point))
    if verbose { print("built: d = \(experiment.model.dimension), n = \(experiment.model.sampleCount), loss \(result.map { "\($0.loss)" } ?? "refused")") }
    return 0
}
