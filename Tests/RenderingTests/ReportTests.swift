import Analytic
import Experiments
import Foundation
import Polynomials
import Rendering
import Testing

@Suite struct ReportTests {
    @Test func analyticJSONHasTheExactAndDecimalLambda() throws {
        let k = try Polynomial(parsing: "w1^2*w2^4")
        let json = try JSONEncoder().encode(AnalyticJSON(try NewtonPolyhedronMethod.potential(k)))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys).isSuperset(of: ["lambda", "lambda_exact", "multiplicity", "method", "source", "assumptions"]))
        // λ of w1²w2⁴ is min(1/2, 1/4) = 1/4, m = 1.
        #expect(object["lambda_exact"] as? String == "1/4")
        #expect(object["lambda"] as? Double == 0.25)
    }

    @Test func doctorReportPassesAndListsItsChecks() throws {
        let report = DoctorReport.collect(version: "test")
        #expect(report.ok && report.checks.count == 5)
        let text = report.text
        #expect(text.hasPrefix("rlct doctor\n  rlct     test"))
        for check in report.checks { #expect(text.contains("ok    \(check.name)")) }
        let encoder = JSONEncoder()
        let keys = try jsonKeys(String(decoding: try encoder.encode(report), as: UTF8.self))
        #expect(keys == ["rlct_version", "gsl_version", "blas_library", "blas_configuration", "blas_threads", "swift_version", "cores", "os", "checks", "ok"])
        #expect(report.blasThreads == 1)
        #expect(report.blasLibrary.hasPrefix("OpenBLAS 0."))
    }

    @Test func modelReportShowsTheModelAndTheTruth() throws {
        let experiment = try CommandLineModel.spec(polynomial: nil, q: "w1*w2", prior: nil, n: 100).build()
        let report = try ModelReport(experiment)
        #expect(report.dimension == 2 && report.parameterNames == ["w1", "w2"] && report.sampleCount == 100)
        let text = report.text
        for label in ["model", "dimension", "parameters", "n", "data", "prior", "truth", "L_n(truth)", "K(truth)"] {
            #expect(text.contains(label), "missing \(label)")
        }
        let keys = try jsonKeys(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        #expect(keys.isSuperset(of: ["kind", "dimension", "parameter_names", "n", "data", "prior", "truth", "loss_at_truth"]))
    }

    @Test func polynomialReportShowsTheNewtonPolyhedron() throws {
        let p = try Polynomial(parsing: "(w1^2+w2^2)^2*w1^4")
        let newton = try NewtonPolyhedron(p)
        let hit = try newton.diagonalHit(weights: [1, 1])
        let report = PolynomialReport(p, newton: newton, hit: hit)
        #expect(report.terms.count == 3 && report.degree == 8)
        let text = report.text
        #expect(text.contains("expanded:  ") && text.contains("degree:    8") && text.contains("terms:     3"))
        #expect(text.contains("compact faces:") && text.contains("diagonal hit: t = "))
        let keys = try jsonKeys(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
        #expect(keys == ["expanded", "variables", "degree", "terms", "newton_polyhedron"])
        let zero = PolynomialReport(try Polynomial(parsing: "0"), newton: nil, hit: nil)
        #expect(zero.text.hasSuffix("Newton polyhedron: none (the zero polynomial)"))
    }
}
