// swift-tools-version:6.0
import PackageDescription

/// A package outside RLCTKit that uses it as a dependency, the way a user's
/// project would: SwiftPM refuses unsafe compiler flags in a dependency, so
/// this builds only while RLCTKit's targets have none.
/// `scripts/check-external-package.sh` builds and runs it.
let package = Package(
    name: "LLCExample",
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "LLCExample",
            dependencies: [
                .product(name: "Estimators", package: "RLCTKit"),
                .product(name: "Sampling", package: "RLCTKit"),
                .product(name: "Models", package: "RLCTKit"),
                .product(name: "Polynomials", package: "RLCTKit"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
