import Foundation
import Models
import TensorFiles

/// Where `rlct select` takes its data from: the `data` section of an
/// experiment spec (synthetic from the spec's truth, CSV, `.npy`/`.npz`), a
/// CSV file with named columns, or a synthetic draw from a `ReducedRankTruth`.
public enum SelectionData {
    /// The data of the regression model a spec builds (reducedRankRegression,
    /// deepLinearNetwork, linearRegression, polynomialRegression or
    /// tanhNetwork); errors name the spec field.
    public static func spec(path: String) throws -> Dataset {
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        let experiment = try ExperimentSpec.load(path: path).build(baseDirectory: base)
        switch experiment.model {
        case let .reducedRankRegression(m): return m.data
        case let .deepLinearNetwork(m): return m.data
        case let .linearRegression(m): return m.data
        case let .polynomialRegression(m): return m.data
        case let .mlp(m) where experiment.spec.model.kind == "tanhNetwork": return m.data
        default:
            throw SpecError(path: "model.kind", "model selection reads the data of a reducedRankRegression, deepLinearNetwork, linearRegression, polynomialRegression or tanhNetwork spec, got \(experiment.spec.model.kind)")
        }
    }

    /// A CSV file's columns (`Dataset.csv`); errors name `path:line:column`.
    public static func csv(path: String, inputs: [String], outputs: [String]) throws -> Dataset {
        try Dataset.csv(path: path, inputColumns: inputs, outputColumns: outputs, maximumBytes: MemoryBudget.available().bytes)
    }

    /// `--data FILE`: a CSV file or NumPy arrays, recognised by their first
    /// bytes (`\x93NUMPY` is `.npy`, `PK` a zip `.npz`; anything else is read as CSV).
    ///
    /// - CSV: a header line, then the M input columns followed by the N output
    ///   columns (M + N columns in all; names are free), read by `Dataset.csv`.
    ///   With both M and N given, columns after the first M + N are left out.
    /// - `.npy`: one float array [n, M + N], the columns in the same order (the same rule).
    /// - `.npz`: two arrays `x` ([n, M], or [n] when M = 1) and `y` ([n, N], or [n] when N = 1).
    ///
    /// M or N may be nil (unknown): with one known, the other is the rest of
    /// the columns; with neither, a 2-column file is 1 input and 1 output and
    /// anything else is an error asking for --input/--output. Errors name
    /// `file:line:column`, or the array, its shape and the shape expected.
    public static func file(path: String, inputs: Int?, outputs: Int?) throws -> Dataset {
        let limit = MemoryBudget.available().bytes / ResourceEstimate.bytesPerCSVByte
        let head: Data
        do {
            head = try RegularFile.read(atPath: path, maximumBytes: limit)
        } catch let error as RegularFile.ReadError {
            throw DatasetError.file(path: path, message: error.message)
        }
        let bytes = [UInt8](head)
        let isNumPy = bytes.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59])
        let isZip = bytes.starts(with: [0x50, 0x4B])
        guard isNumPy || isZip else { return try csvColumns(data: head, path: path, inputs: inputs, outputs: outputs) }
        let file: TensorFile
        do {
            file = try TensorFile.read(path: path, limits: TensorFileLimits(maximumBytes: max(1, min(limit, TensorFileLimits.default.maximumBytes))))
        } catch let error as TensorFileError {
            throw SpecError(path: "data", "\(error)")
        }
        if isNumPy {
            guard let t = file.tensors.first else { throw SpecError(path: "data", "\(path): the file holds no array") }
            guard t.shape.count == 2 else {
                throw SpecError(path: "data", "\(path): the array has shape \(t.shapeDescription); expected [n, M + N] (the inputs' columns, then the outputs')")
            }
            let (m, k) = try split(columns: t.shape[1], inputs: inputs, outputs: outputs, what: "\(path): the array [\(t.shape[0]), \(t.shape[1])]")
            try finite(t, path)
            var x = [Double](), y = [Double]()
            x.reserveCapacity(t.shape[0] * m)
            y.reserveCapacity(t.shape[0] * k)
            let c = t.shape[1]
            for i in 0..<t.shape[0] {
                x += t.values[(i * c)..<(i * c + m)]
                y += t.values[(i * c + m)..<(i * c + m + k)]
            }
            return try dataset(x, y, m, k, path)
        }
        func array(_ name: String, _ size: Int?, _ role: String) throws -> (Tensor, Int) {
            guard let t = file[name] else {
                throw SpecError(path: "data", "\(path): no array named \"\(name)\" (arrays: \(file.names.joined(separator: ", "))); expected x ([n, M] inputs) and y ([n, N] outputs)")
            }
            let columns = t.shape.count == 1 ? 1 : t.shape.count == 2 ? t.shape[1] : -1
            guard columns >= 1, size == nil || size == columns else {
                throw SpecError(path: "data", "\(path): the array \(name) has shape \(t.shapeDescription); expected [n, \(size.map(String.init) ?? role)]" + (size == 1 ? " or [n]" : ""))
            }
            try finite(t, path)
            return (t, columns)
        }
        let (x, m) = try array("x", inputs, "M")
        let (y, k) = try array("y", outputs, "N")
        guard x.shape[0] == y.shape[0] else {
            throw SpecError(path: "data", "\(path): the array y has \(y.shape[0]) rows, the inputs x \(x.shape[0])")
        }
        return try dataset(x.values, y.values, m, k, path)
    }

    /// M and N from the column count and what is known of them.
    static func split(columns c: Int, inputs: Int?, outputs: Int?, what: String) throws -> (Int, Int) {
        let m: Int, k: Int
        switch (inputs, outputs) {
        case let (m0?, k0?): (m, k) = (m0, k0)
        case let (m0?, nil): (m, k) = (m0, c - m0)
        case let (nil, k0?): (m, k) = (c - k0, k0)
        case (nil, nil):
            guard c == 2 else {
                throw SpecError(path: "data", "\(what) has \(c) columns; give --input M or --output N to split them into inputs and outputs")
            }
            (m, k) = (1, 1)
        }
        // With both sizes given, later columns are left out (a label or a name column).
        guard m >= 1, k >= 1, inputs != nil && outputs != nil ? m + k <= c : m + k == c else {
            throw SpecError(path: "data", "\(what) has \(c) columns; expected M + N = \(inputs.map(String.init) ?? "M") + \(outputs.map(String.init) ?? "N")\(inputs != nil && outputs != nil ? " or more" : "") (inputs, then outputs)")
        }
        return (m, k)
    }

    static func finite(_ t: Tensor, _ path: String) throws {
        if let i = t.firstNonFiniteIndex {
            throw SpecError(path: "data", "\(path): the array \(t.name) has a non-finite value at \(t.position(ofIndex: i)); expected finite numbers")
        }
    }

    static func dataset(_ x: [Double], _ y: [Double], _ m: Int, _ k: Int, _ path: String) throws -> Dataset {
        do {
            return try Dataset(inputs: x, outputs: y, inputDimension: m, outputDimension: k, source: path)
        } catch let error as DatasetError {
            throw SpecError(path: "data", "\(path): \(error)")
        }
    }

    /// A CSV file whose header's first M columns are the inputs and the next N the outputs.
    static func csvColumns(data: Data, path: String, inputs: Int?, outputs: Int?) throws -> Dataset {
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatasetError.file(path: path, message: "not UTF-8 text; expected a CSV file with a header line, or a .npy/.npz file")
        }
        guard let header = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            throw DatasetError.file(path: path, message: "the file is empty; expected a header line")
        }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        let (m, k) = try split(columns: names.count, inputs: inputs, outputs: outputs, what: "\(path): the header")
        return try Dataset.csv(text: text, path: path, inputColumns: Array(names[0..<m]), outputColumns: Array(names[m..<(m + k)]))
    }
}
