// swift-tools-version:6.0
import PackageDescription

/// Whole-program specialisation across our modules in release builds: the
/// chain runner is generic over the model and the kernel, and its hot loop
/// must be specialised where the concrete types are known.
let optimize: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

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
        .library(name: "Experiments", targets: ["Experiments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            path: "Sources/CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        .target(name: "GSL", dependencies: ["CGSL"], swiftSettings: optimize),
        .target(name: "Polynomials", swiftSettings: optimize),
        .target(name: "Models", dependencies: ["Polynomials", "GSL"], swiftSettings: optimize),
        .target(name: "Analytic", dependencies: ["Polynomials"]),
        .target(name: "Sampling", dependencies: ["Models", "GSL"], swiftSettings: optimize),
        .target(name: "Estimators", dependencies: ["Sampling", "Models", "GSL"], swiftSettings: optimize),
        .target(name: "Dynamics", dependencies: ["GSL", "Polynomials", "Models", "Sampling"], swiftSettings: optimize),
        .target(name: "CTemporaryFiles"),
        .target(name: "Reports", dependencies: ["CTemporaryFiles"], exclude: ["README.md"]),
        .target(name: "Experiments", dependencies: ["GSL", "Polynomials", "Models", "Analytic", "Sampling", "Estimators", "Reports"]),
        .executableTarget(
            name: "rlct",
            dependencies: [
                "Experiments", "GSL", "Polynomials", "Models", "Analytic", "Sampling", "Estimators", "Dynamics", "Reports",
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
        .testTarget(name: "DynamicsTests", dependencies: ["Dynamics", "GSL", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Estimators", "Sampling", "Models", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
