import ArgumentParser
import Foundation
import Polynomials

/// `rlct polynomial "<expr>"`: parse, expand and describe a polynomial and its
/// Newton polyhedron.
struct PolynomialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polynomial",
        abstract: "Expand a polynomial and show its variables, degree and Newton polyhedron.",
        discussion: """
        The expression uses + - * ^ and parentheses, decimal and scientific literals \
        and variables such as w, w1, a, b3. Write every product with '*' (2*w, not 2w); \
        exponents are non-negative integer literals; '-w^2' is -(w^2).

        The Newton polyhedron is conv{exponents} + R^d_+, computed exactly. The \
        diagonal line reports the smallest t with t*(1,...,1) in the polyhedron and the \
        codimension of the face met there; for a non-degenerate K these are 1/lambda \
        and the multiplicity (see 'rlct analytic', which checks non-degeneracy).

        Examples:
          rlct polynomial "(w1^2+w2^2)^2*w1^4"
          rlct polynomial "(w+1.6)*(w-1.6)^2" --json
        """
    )

    /// Collected with `.allUnrecognized` so that an expression starting with
    /// '-' (`"-w^2 + 1"`) is not taken for an option; several words are joined.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The polynomial, e.g. \"(w1^2+w2^3)^2\".", valueName: "expression"))
    var words: [String] = []

    var expression: String { words.joined(separator: " ") }

    func validate() throws {
        if words.isEmpty { throw ValidationError("Missing the polynomial expression, e.g. rlct polynomial \"w1^2*w2^4\".") }
    }

    @Flag(help: "Print JSON (pretty-printed, sorted keys).")
    var json = false

    func run() throws {
        let polynomial: Polynomial
        do throws(PolynomialParseError) {
            polynomial = try Polynomial(parsing: expression)
        } catch {
            let caret = String(repeating: " ", count: max(0, error.column - 1)) + "^"
            let echoed = expression.replacingOccurrences(of: "\t", with: " ")
            FileHandle.standardError.write(Data("error: \(error)\n  \(echoed)\n  \(caret)\n".utf8))
            throw ExitCode(2)
        }
        let report = PolynomialReport(polynomial)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }
}

/// What `rlct polynomial` prints.
struct PolynomialReport: Encodable {
    struct Term: Encodable {
        var exponents: [Int]
        var coefficient: Double
    }

    struct Face: Encodable {
        var dimension: Int
        var normal: [Int]
        var supportValue: Int
        var termIndices: [Int]
        var exponents: [[Int]]
    }

    struct Diagonal: Encodable {
        /// t as an exact fraction, e.g. "12/5".
        var t: String
        var tValue: Double
        var point: [String]
        var codimension: Int
        var faceIsCompact: Bool
        var faceTermIndices: [Int]
        var faceNormal: [Int]
    }

    struct Newton: Encodable {
        var vertices: [[Int]]
        var compactFaces: [Face]
        var diagonal: Diagonal?
    }

    var expanded: String
    var variables: [String]
    var degree: Int
    var terms: [Term]
    var newton: Newton

    init(_ polynomial: Polynomial) {
        expanded = polynomial.description
        variables = polynomial.variables
        degree = polynomial.degree
        terms = polynomial.terms.map { Term(exponents: $0.exponents, coefficient: $0.coefficient) }
        let polyhedron = NewtonPolyhedron(polynomial)
        let faces = polyhedron.compactFaces.map {
            Face(dimension: $0.dimension, normal: $0.normal, supportValue: $0.supportValue,
                 termIndices: $0.termIndices, exponents: $0.exponents)
        }
        let diagonal = polyhedron.diagonalHit().map { hit in
            Diagonal(t: hit.t.description, tValue: hit.t.doubleValue, point: hit.point.map(\.description),
                     codimension: hit.codimension, faceIsCompact: hit.face.isCompact,
                     faceTermIndices: hit.face.termIndices, faceNormal: hit.face.normal)
        }
        newton = Newton(vertices: polyhedron.vertices, compactFaces: faces, diagonal: diagonal)
    }

    var text: String {
        func tuple<T>(_ v: [T]) -> String { "(" + v.map { "\($0)" }.joined(separator: ", ") + ")" }
        var lines = [
            "expanded:  \(expanded)",
            "variables: \(variables.isEmpty ? "(none)" : variables.joined(separator: ", "))",
            "degree:    \(degree)",
            "terms:     \(terms.count)",
        ]
        guard !terms.isEmpty, !variables.isEmpty else { return lines.joined(separator: "\n") }
        let over = variables.isEmpty ? "" : " over \(tuple(variables))"
        lines.append("Newton polyhedron\(over): conv{exponents} + R^\(variables.count)_+")
        lines.append("  vertices: " + newton.vertices.map { tuple($0) }.joined(separator: " "))
        lines.append("  compact faces (dimension, normal, exponents on the face):")
        for face in newton.compactFaces {
            lines.append("    dim \(face.dimension)  normal \(tuple(face.normal))  "
                         + face.exponents.map { tuple($0) }.joined(separator: " "))
        }
        if let d = newton.diagonal {
            lines.append("  diagonal: t = \(d.t) at \(tuple(d.point)), on a \(d.faceIsCompact ? "compact" : "non-compact") "
                         + "face of codimension \(d.codimension)")
        }
        return lines.joined(separator: "\n")
    }
}
