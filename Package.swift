// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "RLCTKit",
    products: [
        .executable(name: "rlct", targets: ["rlct"]),
        .library(name: "GSL", targets: ["GSL"]),
        .library(name: "Polynomials", targets: ["Polynomials"]),
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Analytic", targets: ["Analytic"]),
        .library(name: "Sampling", targets: ["Sampling"]),
        .library(name: "Estimators", targets: ["Estimators"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Dynamics", targets: ["Dynamics"]),
        .library(name: "JSON", targets: ["JSON"]),
        .library(name: "TensorFiles", targets: ["TensorFiles"]),
        .library(name: "Experiments", targets: ["Experiments"]),
        .library(name: "Rendering", targets: ["Rendering"]),
        .library(name: "DistributedJobs", targets: ["DistributedJobs"]),
    ],
    // `swift build --traits MPI` (make build-mpi): commands split their jobs over
    // Open MPI ranks (docs/cluster.md). Off by default: `make run` and `make test` need no MPI.
    traits: [
        .trait(name: "MPI", description: "Run regress, calibrate, llc --checkpoints, sgd, sgd-sweep and select --simulate jobs over Open MPI ranks (libopenmpi-dev)."),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            path: "Sources/CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            path: "Sources/CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CMPI",
            path: "Sources/CMPI",
            pkgConfig: "ompi-c",
            providers: [.apt(["libopenmpi-dev"])]
        ),
        .target(name: "GSL", dependencies: ["CGSL"], exclude: ["README.md"]),
        .target(name: "Polynomials", exclude: ["README.md"]),
        .target(name: "Models", dependencies: ["Polynomials", "GSL", "CBLAS"], exclude: ["README.md"]),
        .target(name: "Analytic", dependencies: ["Polynomials"], exclude: ["README.md"]),
        .target(name: "Sampling", dependencies: ["Models", "GSL"], exclude: ["README.md"]),
        .target(name: "Estimators", dependencies: ["Sampling", "Models", "GSL"], exclude: ["README.md"]),
        .target(name: "Dynamics", dependencies: ["GSL", "Polynomials", "Models", "Sampling"], exclude: ["README.md"]),
        .target(name: "CTemporaryFiles"),
        .target(name: "Reports", dependencies: ["CTemporaryFiles"], exclude: ["README.md"]),
        .target(name: "JSON", exclude: ["README.md"]),
        .target(
            name: "DistributedJobs",
            dependencies: [.target(name: "CMPI", condition: .when(traits: ["MPI"]))],
            exclude: ["README.md"]
        ),
        .target(
            name: "TensorFiles",
            dependencies: ["JSON", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["README.md"]
        ),
        .target(name: "Experiments", dependencies: ["JSON", "GSL", "Polynomials", "Models", "Analytic", "Sampling", "Estimators", "Reports", "TensorFiles"], exclude: ["README.md"]),
        .target(name: "Rendering", dependencies: ["DistributedJobs", "Reports", "GSL", "Polynomials", "Models", "Analytic", "Estimators", "Dynamics", "Experiments"], exclude: ["README.md"]),
        .executableTarget(
            name: "rlct",
            dependencies: [
                "Experiments", "Rendering", "GSL", "Polynomials", "Models", "Analytic", "Sampling", "Estimators", "Dynamics", "Reports", "TensorFiles",
                "DistributedJobs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["Models"], path: "Tests/TestSupport"),
        .testTarget(name: "GSLTests", dependencies: ["GSL", "TestSupport"]),
        .testTarget(name: "PolynomialsTests", dependencies: ["Polynomials", "TestSupport"]),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "TestSupport"]),
        .testTarget(name: "AnalyticTests", dependencies: ["Analytic", "Polynomials", "TestSupport"]),
        .testTarget(name: "SamplingTests", dependencies: ["Sampling", "Models", "GSL", "TestSupport"]),
        .testTarget(name: "EstimatorsTests", dependencies: ["Estimators", "Sampling", "Models", "Polynomials", "GSL", "TestSupport"]),
        .testTarget(name: "DynamicsTests", dependencies: ["Dynamics", "GSL", "Models", "TestSupport"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(
            name: "TensorFilesTests",
            dependencies: ["TensorFiles", "JSON"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Dynamics", "TensorFiles", "Reports", "JSON", "Estimators", "Sampling", "Models", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"]),
        .testTarget(name: "RenderingTests", dependencies: ["Rendering", "Reports", "Dynamics", "Estimators", "Experiments", "Analytic", "Polynomials", "Sampling", "Models", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
        .testTarget(name: "DistributedJobsTests", dependencies: ["DistributedJobs", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
