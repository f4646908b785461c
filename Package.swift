// swift-tools-version:6.2
import PackageDescription

/// Every target builds in Swift 6 mode with the same upcoming features as Hummingbird.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "momentum",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "momentum", targets: ["MomentumCLI"]),
        .executable(name: "momentum-server", targets: ["MomentumServerCLI"]),
        .executable(name: "momentum-bench", targets: ["MomentumBench"]),
        .executable(name: "momentum-load", targets: ["MomentumLoad"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "SessionModel",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SessionClient",
            dependencies: ["SessionModel", "CCurl"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SessionServer",
            dependencies: [
                "SessionModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HeapModule", package: "swift-collections"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Widgets",
            dependencies: ["CNcursesw"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MomentumTUI",
            dependencies: [
                "SessionModel", "SessionClient", "Widgets",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // `momentum`: the client (join, gallery, reports) without the server's code and, in
        // release, with the Swift runtime and Foundation linked in (-static-stdlib: compiled
        // against the static Foundation, whose module names its own libraries for the linker),
        // so that a learner's terminal maps no more than it runs. `serve`, `demo` and `migrate`
        // exec `momentum-server` beside it. See DECISIONS, "A client that maps only itself".
        .executableTarget(
            name: "MomentumCLI",
            dependencies: ["MomentumTUI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings + [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "MomentumServerCLI",
            dependencies: [
                "MomentumTUI", "SessionModel", "SessionClient", "SessionServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "CLoadShim"),
        .executableTarget(
            name: "MomentumLoad",
            dependencies: [
                "CLoadShim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MomentumBench",
            dependencies: ["Widgets"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SessionModelTests",
            dependencies: ["SessionModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SessionClientTests",
            dependencies: ["SessionClient", "SessionModel", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "SessionServer", "SessionClient", "SessionModel",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SessionServerTests",
            dependencies: ["SessionServer", "SessionModel", "SessionClient", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WidgetsTests",
            dependencies: ["Widgets", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MomentumTUITests",
            dependencies: ["MomentumTUI", "MomentumCLI", "MomentumServerCLI", "SessionModel", "Widgets", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["SessionServer", "SessionClient", "SessionModel", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
