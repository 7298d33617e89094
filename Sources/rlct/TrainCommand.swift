import ArgumentParser
import Dynamics
import Experiments
import Foundation
import GSL
import Models
import Reports
import TensorFiles

/// `rlct train`: trains a spec's network on its data and writes checkpoints.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a spec's network by SGD or Adam from PyTorch's default initialisation; write safetensors checkpoints and train.csv.",
        discussion: """
        The network starts at PyTorch's default nn.Linear initialisation (weights and biases uniform on \
        ±1/√fan_in, drawn from stream 0 of --seed) and takes --steps minibatch steps (batches of --batch \
        drawn without replacement within an epoch, stream 1 of --seed) of SGD (optionally with \
        --momentum) or Adam (β₁ 0.9, β₂ 0.999, ε 1e-8, bias-corrected). Same spec and seed, same weights.

        --out DIR (created if missing) receives DIR/step-000000.safetensors at step 0, every \
        --checkpoint-every steps and at the last step (float64, nn.Sequential names 0.weight, 0.bias, \
        2.weight, …; metadata step, train_loss, seed, spec, optimizer, lr, batch) and DIR/train.csv \
        (step, train loss on the full data, mean minibatch loss since the previous checkpoint, \
        weight norm ‖w‖ over all parameters). The text also gives √(E‖w‖²) at the initialisation, \
        √(Σ_l D_l/(3 H_{l−1})) for D_l parameters uniform on ±1/√H_{l−1} in layer l. \
        `rlct llc --spec FILE --checkpoints DIR` then estimates λ̂ at every checkpoint.

        Examples:
          rlct train --spec Examples/model-mlp.json --steps 2000 --lr 0.01 --optimizer adam --batch 64 --checkpoint-every 250 --out run1
          rlct train --spec Examples/model-mlp.json --steps 5000 --lr 0.05 --momentum 0.9 --batch 32 --checkpoint-every 1000 --out run2 --seed 3
        """
    )

    @Option(help: "An experiment spec (JSON, docs/spec.md) whose model is a network (kind mlp, tanhNetwork, reluNetwork).")
    var spec: String

    @Option(help: "Number of optimizer steps.")
    var steps: Int

    @Option(help: "Learning rate η.")
    var lr: Double

    @Option(help: "sgd or adam.")
    var optimizer: Training.Method = .sgd

    @Option(help: "SGD momentum μ (PyTorch's convention; 0 = none). Not used by Adam.")
    var momentum: Double = 0

    @Option(help: "Minibatch size B (at most n).")
    var batch: Int

    @Option(name: .customLong("checkpoint-every"), help: "Write a checkpoint every this many steps (and at steps 0 and the last).")
    var checkpointEvery: Int

    @Option(help: "Directory for the checkpoints and train.csv (created if missing).")
    var out: String

    @Option(help: "Random seed of the initialisation (stream 0) and the batches (stream 1). The data keep the spec's seed.")
    var seed: UInt64 = 1

    @Flag(help: "No progress line.")
    var quiet = false

    func run() throws {
        let base = URL(fileURLWithPath: spec).deletingLastPathComponent()
        let experiment = try ExperimentSpec.load(path: spec).build(baseDirectory: base)
        guard case let .mlp(network) = experiment.model else {
            throw SpecError(path: "model.kind", "rlct train trains networks (kind mlp, tanhNetwork, reluNetwork); this spec's model is \(experiment.spec.model.kind)")
        }
        let training = Training(steps: steps, learningRate: lr, method: optimizer, momentum: momentum, batchSize: batch,
                                checkpointEvery: checkpointEvery, seed: seed)
        try training.validate(sampleCount: network.sampleCount)
        let directory = try CheckpointDirectory(creating: out, flag: "--out")
        let csv = try directory.target("train.csv")
        let initial = network.pytorchInitialization(rng: RandomStream(seed: seed, stream: 0))
        var metadata = ["seed": "\(seed)", "optimizer": optimizer.rawValue, "lr": "\(lr)", "batch": "\(batch)"]
        if optimizer == .sgd && momentum != 0 { metadata["momentum"] = "\(momentum)" }
        if let name = experiment.spec.name { metadata["spec"] = name }
        var rows = CSVWriter.row(["step", "train_loss", "minibatch_loss", "weight_norm"])
        var table = Table(columns: [.init("step"), .init("train loss"), .init("minibatch loss"), .init("‖w‖"), .init("file", alignment: .left)])
        let progress = ProgressLine("training", total: steps, quiet: quiet)
        let clock = ContinuousClock(), started = clock.now
        try training.run(network, from: initial, progress: { progress.advance(by: $0) }) { checkpoint in
            var meta = metadata
            meta["step"] = "\(checkpoint.step)"
            meta["train_loss"] = "\(checkpoint.loss)"
            let name = CheckpointDirectory.fileName(step: checkpoint.step)
            let file = try directory.target(name)
            try file.write(TensorFile.encodeSafetensors(experiment.tensors(of: checkpoint.parameters), metadata: meta, source: file.path))
            rows += CSVWriter.row(["\(checkpoint.step)", "\(checkpoint.loss)", checkpoint.runningLoss.map { "\($0)" } ?? "",
                                   "\(checkpoint.weightNorm)"])
            try csv.write(rows)
            table.append(["\(checkpoint.step)", NumberFormat.significant(checkpoint.loss),
                          checkpoint.runningLoss.map { NumberFormat.significant($0) } ?? "-",
                          NumberFormat.significant(checkpoint.weightNorm), file.path])
        }
        progress.finish()
        let seconds = Double((clock.now - started).components.seconds) + Double((clock.now - started).components.attoseconds) * 1e-18
        print("Training the \(experiment.summary) by \(optimizer.rawValue), η = \(lr), B = \(batch), \(steps) steps, seed \(seed)")
        print(String(format: "%.3g s, %.4g steps/s (checkpoints included)", seconds, Double(steps) / max(seconds, 1e-9)))
        print("‖w‖ at initialisation: \(NumberFormat.significant(Training.norm(initial))); √(E‖w‖²) of the initialisation, √(Σ_l D_l σ_l²) with σ_l² = 1/(3·fan_in): \(NumberFormat.significant(Training.initializationNorm(widths: network.widths)))")
        print("")
        print(table.renderText(), terminator: "")
        print("train loss per checkpoint: \(csv.path)")
    }
}

extension Training.Method: ExpressibleByArgument {}
