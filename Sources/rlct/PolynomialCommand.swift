import ArgumentParser
import Foundation
import Polynomials
import Rendering

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
