import Foundation
import Testing
import TestSupport

/// Typed arguments: values that start with '-', named points, lists, and the
/// flag names in messages from the libraries' field keys.
@Suite struct ArgumentCommandTests {
    @Test func polynomialStartingWithMinusIsAValue() throws {
        // K = −w² is read as a value (not an option) and refused as no potential, naming it.
        let k = try runRLCT(["analytic", "--polynomial", "-w^2"])
        #expect(k.status == 2 && k.stderr.contains("-w^2 is negative"), "\(k.stderr)")
        let q = try runRLCT(["analytic", "--q", "-w"])
        #expect(q.status == 0 && q.stdout.contains("λ = 1/2"), "\(q.stderr)")
        let m = try runRLCT(["model", "--polynomial", "-w^2+w^4"])
        #expect(m.status == 0 && m.stdout.contains("dimension"), "\(m.stderr)")
    }

    @Test func pointsStartingWithMinusAreValues() throws {
        let r = try runRLCT(["sgd-noise", "--points", "-1.6;1.6", "--batches", "200", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("(-1.600)") && r.stdout.contains("(1.600)"))
    }

    @Test func initStartingWithMinusIsAValue() throws {
        let r = try runRLCT(["sgd", "--q", "(w1^2+w2^2)*w1", "--init", "-1,1", "--steps", "50", "--trajectories", "20", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("start uniform in [-1.0, 1.0]"))
        let bad = try runRLCT(["sgd", "--init", "1,-1", "--steps", "5", "--trajectories", "2", "--quiet"])
        #expect(bad.status == 2 && bad.stderr.contains("--init") && bad.stderr.contains("LOW < HIGH"), "\(bad.stderr)")
    }

    @Test func namedPointsTakeTheNamesModelPrints() throws {
        let ok = try runRLCT(["analytic", "--polynomial", "w1^2*w2^2", "--at", "w1=0,w2=1"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let twice = try runRLCT(["analytic", "--polynomial", "w1^2", "--at", "w1=0,w1=1"])
        #expect(twice.status == 2 && twice.stderr.contains("--at") && twice.stderr.contains("second time"))
        // A bracketed name keeps its commas: W1[0,0]=0 is one item.
        let bracket = try runRLCT(["llc", "--polynomial", "w^2", "--at", "W1[0,0]=0", "--draws", "10", "--quiet"])
        #expect(bracket.status == 2 && bracket.stderr.contains("--at: unknown parameter 'W1[0,0]'"), "\(bracket.stderr)")
    }

    @Test func libraryFieldKeysPrintAsFlags() throws {
        let lr = try runRLCT(["sgd", "--lr=-1", "--steps", "5", "--trajectories", "2", "--quiet"])
        #expect(lr.status == 2 && lr.stderr.contains("error: --lr: "), "\(lr.stderr)")
        let mixing = try runRLCT(["walk", "--cycles", "3,5", "--mixing-tolerance", "2"])
        #expect(mixing.status == 2 && mixing.stderr.contains("error: --mixing-tolerance: "), "\(mixing.stderr)")
        let burn = try runRLCT(["langevin", "--burn-in=-1", "--steps", "10"])
        #expect(burn.status == 2 && burn.stderr.contains("--burn-in"), "\(burn.stderr)")
    }

    @Test func helpGroupsTheSubcommandsAndEveryCommandHasExamples() throws {
        let help = try runRLCT(["--help"])
        for group in ["ESTIMATE SUBCOMMANDS:", "EXACT SUBCOMMANDS:", "EXPERIMENTS SUBCOMMANDS:", "TOOLS SUBCOMMANDS:"] {
            #expect(help.stdout.contains(group), "missing \(group)")
        }
        let commands = ["llc", "calibrate", "free-energy", "fit-free-energy", "volume", "phases", "wbic", "bic", "select", "temperature", "waic",
                        "analytic", "polynomial", "model", "sgd", "sgd-sweep", "sgd-noise", "walk", "langevin", "sphere",
                        "compare", "regress", "bench", "doctor"]
        for command in commands {
            let r = try runRLCT([command, "--help"])
            #expect(r.status == 0 && r.stdout.contains("Examples:\n  rlct \(command)"), "\(command): no examples")
        }
    }
}
