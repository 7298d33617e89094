import Foundation
import Testing
import TestSupport

@Suite struct DynamicsCommandTests {
    func json(_ arguments: [String]) throws -> [String: Any] {
        let r = try runRLCT(arguments + ["--json", "--quiet"])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func walkJSONAndPlot() throws {
        let dir = try temporaryDirectory()
        let svg = dir.appendingPathComponent("walk.svg").path
        let o = try json(["walk", "--cycles", "3,5,8", "--steps", "1000", "--walkers", "500", "--seed", "3", "--plot", svg])
        for key in ["cycle_lengths", "node_count", "edge_count", "walkers", "steps", "burn_in", "laziness", "seed",
                    "mixing_steps", "mixing_distance", "nodes", "groups", "chi_square", "shared_node_ratio",
                    "predicted_shared_node_ratio"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["node_count"] as? Int == 14)
        let chi = o["chi_square"] as? [String: Any]
        #expect(chi?["dof"] as? Int == 13)
        #expect(chi?["p_value"] is Double)
        let groups = o["groups"] as? [[String: Any]]
        #expect(groups?.count == 4)
        #expect(groups?.first?["z_score"] is Double)
        #expect(abs((groups?.first?["predicted"] as? Double ?? 0) - 3.0 / 16) < 1e-12)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains("stationary law"))
    }

    @Test func walkText() throws {
        let r = try runRLCT(["walk", "--cycles", "4,6", "--steps", "1000", "--walkers", "200"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("laziness 0.5"))
        #expect(r.stdout.contains("χ² over nodes"))
    }

    @Test func langevinJSON() throws {
        let dir = try temporaryDirectory()
        let svg = dir.appendingPathComponent("torus.svg").path
        let o = try json(["langevin", "--steps", "20000", "--burn-in", "1000", "--trajectories", "4", "--bins", "8",
                          "--plot", svg])
        for key in ["a", "b", "length", "temperature", "step_size", "steps", "burn_in", "trajectories", "seed",
                    "half_width", "partition_function", "partition_function_error", "regions", "crossing_enrichment",
                    "bins", "edges", "simulated_histogram", "predicted_histogram", "histogram_total_variation"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        let regions = o["regions"] as? [[String: Any]]
        #expect(regions?.count == 4)
        #expect(regions?.first?["standard_error"] is Double)
        #expect((o["simulated_histogram"] as? [[Double]])?.count == 8)
        #expect(FileManager.default.fileExists(atPath: svg))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("torus-boltzmann.svg").path))
    }

    @Test func sphereJSON() throws {
        let o = try json(["sphere", "--dimensions", "3,10", "--steps", "200", "--walkers", "100",
                          "--shell-samples", "100", "--baselines", "20", "--perturbations", "5"])
        let diffusion = o["diffusion"] as? [[String: Any]]
        #expect(diffusion?.count == 2)
        for key in ["dimension", "predicted_rate", "discrete_rate", "fitted_rate", "fit_error", "batch_error",
                    "relative_deviation", "times", "mean_cosine", "mean_displacement", "limit_displacement"] {
            #expect(diffusion?.first?[key] != nil, "missing diffusion.\(key)")
        }
        #expect(diffusion?.first?["predicted_rate"] as? Double == 2)
        let kaiming = o["kaiming"] as? [[String: Any]]
        #expect(kaiming?.first?["article_relative_thickness"] is Double)
        let perturbation = o["perturbation"] as? [[String: Any]]
        #expect((perturbation?.first?["max_radius_error"] as? Double ?? 1) <= 1e-12)
    }

    @Test func badInputExitsTwoNamingTheFlag() throws {
        let cases: [([String], String)] = [
            (["walk", "--cycles", "3,x"], "--cycles"),
            (["walk", "--cycles", "3,2"], "--cycles"),
            (["walk", "--cycles", "4,6", "--laziness", "0"], "--laziness"),
            (["walk", "--cycles", "3,5", "--walkers", "1"], "--walkers"),
            (["langevin", "--temperature", "-1"], "--temperature"),
            (["langevin", "--dt", "0.5"], "--dt"),
            (["langevin", "--a", "0"], "--a"),
            (["sphere", "--dimensions", "1,3"], "--dimensions"),
            (["sphere", "--radius", "0"], "--radius"),
            (["sphere", "--epsilon", "3", "--steps", "20", "--walkers", "20"], "--epsilon"),
        ]
        for (arguments, flag) in cases {
            let r = try runRLCT(arguments + ["--quiet"])
            #expect(r.status == 2, "\(arguments): status \(r.status)")
            #expect(r.stderr.contains(flag), "\(arguments): \(r.stderr)")
        }
    }
}
