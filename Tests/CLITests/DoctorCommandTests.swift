import Foundation
import Testing
import TestSupport

@Suite struct DoctorCommandTests {
    @Test func jsonReportsGSLVersionAndPasses() throws {
        let result = try runRLCT(["doctor", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        let json = try #require(object as? [String: Any])
        let version = try #require(json["gsl_version"] as? String)
        #expect(version.hasPrefix("2."))
        #expect((json["cores"] as? Int ?? 0) >= 1)
        #expect(json["swift_version"] is String)
        // One BLAS thread per call, so that chains run in parallel.
        #expect(json["blas_threads"] as? Int == 1)
        #expect((json["blas_library"] as? String)?.hasPrefix("OpenBLAS") == true)
        #expect(json["blas_configuration"] is String)
        #expect(json["ok"] as? Bool == true)
        let checks = try #require(json["checks"] as? [[String: Any]])
        #expect(checks.count >= 3)
        for check in checks {
            #expect(check["ok"] as? Bool == true, "\(check["name"] ?? "?"): \(check["detail"] ?? "")")
            #expect(check["name"] is String)
            #expect(check["detail"] is String)
        }
    }

    @Test func readableReport() throws {
        let result = try runRLCT(["doctor"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("GSL      2."))
        #expect(result.stdout.contains("BLAS     OpenBLAS 0."))
        #expect(result.stdout.contains("1 thread per call"))
        #expect(result.stdout.contains("checks passed"))
    }

    @Test func unknownFlagIsBadInput() throws {
        let result = try runRLCT(["doctor", "--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--no-such-flag"))
    }
}
