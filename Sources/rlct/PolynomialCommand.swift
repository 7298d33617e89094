import ArgumentParser
import Foundation
import Polynomials

/// `rlct polynomial "<expr>"`: the expanded form of a polynomial and its
/// Newton polyhedron (vertices, compact faces, the diagonal hit).
struct PolynomialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polynomial",
        abstract: "Expand a polynomial and show its variables, degree and Newton polyhedron.",
        discussion: """
        The Newton polyhedron is P = conv{exponents} + R^d_+. Shown: its vertices, every \
        compact face (the terms on it and a positive integer normal u: the face minimises u·α), \
        and where the diagonal (t,…,t) first meets P: the Newton distance t and the \
        codimension of the face hit (for a non-degenerate K ≥ 0, λ = 1/t and m = that codimension).

        Syntax: + - * ^ ( ), unary minus, decimal and scientific numbers, variables like w1, a, b3. \
        Exponents are non-negative integer literals; write 2*w, not 2w.

        Exits 2 on a parse error, with the column and a caret under it.

        Examples:
          rlct polynomial "(w1^2+w2^2)^2*w1^4"
          rlct polynomial "(w+1.6)*(w-1.6)^2" --json
        """
    )

    @Argument(help: "The polynomial, e.g. \"(w1^2+w2^3)^2\".")
    var expression: String

    @Flag(help: "Print JSON (expanded, variables, degree, terms, newton_polyhedron).")
    var json = false

    func run() throws {
        let p: Polynomial
        do {
            p = try Polynomial(parsing: expression)
        } catch {
            FileHandle.standardError.write(Data("error: \(Self.positioned(error, in: expression))\n".utf8))
            throw ExitCode(2)
        }
        var newton: NewtonPolyhedron?
        var hit: NewtonPolyhedron.DiagonalHit?
        if !p.isZero {
            do {
                newton = try NewtonPolyhedron(p)
                hit = try newton!.diagonalHit(weights: Array(repeating: 1, count: p.variables.count))
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
        let report = PolynomialReport(p, newton: newton, hit: hit)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(report.text)
        }
    }

    /// The parse error's message, then the input and a caret under its column:
    /// ```
    /// column 11: expected ')' to close '(' at column 1 (end of input)
    ///   (w1^2+w2^2
    ///             ^
    /// ```
    static func positioned(_ error: PolynomialParseError, in text: String) -> String {
        let column = max(1, error.column)
        let pad = String(repeating: " ", count: column - 1)
        return "\(error)\n  \(text)\n  \(pad)^"
    }
}

/// What `rlct polynomial` prints, in text or JSON.
struct PolynomialReport: Encodable {
    struct Term: Encodable {
        var exponents: [Int]
        var coefficient: Double
        var monomial: String
    }
    struct Face: Encodable {
        var dimension: Int
        var normal: [Int]
        /// 0-based indices into `terms`.
        var terms: [Int]
        var vertices: [[Int]]
        var polynomial: String
    }
    struct Hit: Encodable {
        var t: String
        var tValue: Double
        var codimension: Int
        var compact: Bool
        var normal: [Int]
        var polynomial: String
        enum CodingKeys: String, CodingKey { case t, tValue = "t_value", codimension, compact, normal, polynomial }
    }
    struct Newton: Encodable {
        var vertices: [[Int]]
        var compactFaces: [Face]
        var diagonalHit: Hit
        enum CodingKeys: String, CodingKey { case vertices, compactFaces = "compact_faces", diagonalHit = "diagonal_hit" }
    }

    var expanded: String
    var variables: [String]
    var degree: Int
    var terms: [Term]
    var newtonPolyhedron: Newton?

    enum CodingKeys: String, CodingKey { case expanded, variables, degree, terms, newtonPolyhedron = "newton_polyhedron" }

    init(_ p: Polynomial, newton: NewtonPolyhedron?, hit: NewtonPolyhedron.DiagonalHit?) {
        expanded = p.description
        variables = p.variables
        degree = p.degree
        terms = p.terms.indices.map { Term(exponents: p.terms[$0].exponents, coefficient: p.terms[$0].coefficient, monomial: p.restricted(to: [$0]).description) }
        guard let newton, let hit else { return }
        newtonPolyhedron = Newton(
            vertices: newton.vertices,
            compactFaces: newton.compactFaces.map { f in
                Face(dimension: f.dimension, normal: f.normal, terms: f.termIndices,
                     vertices: f.vertexIndices.map { newton.exponents[$0] },
                     polynomial: p.restricted(to: f.termIndices).description)
            },
            diagonalHit: Hit(t: hit.t.description, tValue: hit.t.doubleValue, codimension: hit.codimension,
                             compact: hit.isCompact, normal: hit.normal,
                             polynomial: p.restricted(to: hit.termIndices).description))
    }

    var text: String {
        func vector(_ v: [Int]) -> String { "(" + v.map(String.init).joined(separator: ", ") + ")" }
        var lines = [
            "expanded:  \(expanded)",
            "variables: \(variables.isEmpty ? "(none)" : variables.joined(separator: ", "))",
            "degree:    \(degree)",
            "terms:     \(terms.count)",
        ]
        guard let n = newtonPolyhedron else {
            lines.append("Newton polyhedron: none (the zero polynomial)")
            return lines.joined(separator: "\n")
        }
        lines.append("Newton polyhedron P = conv{exponents} + R^\(variables.count)_+")
        lines.append("  vertices: " + n.vertices.map(vector).joined(separator: " "))
        lines.append("  compact faces:")
        for f in n.compactFaces {
            let kind = ["vertex", "edge"].indices.contains(f.dimension) ? ["vertex", "edge"][f.dimension] : "\(f.dimension)-face"
            lines.append("    \(kind), normal \(vector(f.normal)): \(f.polynomial)")
        }
        let h = n.diagonalHit
        lines.append("  diagonal hit: t = \(h.t), on a \(h.compact ? "compact" : "non-compact") face of codimension \(h.codimension), normal \(vector(h.normal)): \(h.polynomial)")
        return lines.joined(separator: "\n")
    }
}
