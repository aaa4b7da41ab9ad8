// swift-tools-version:6.0
import PackageDescription

/// Fuzz targets define `LLVMFuzzerTestOneInput` and no top-level code.
let fuzz: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "Shablon",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "Shablon", targets: ["Shablon"]),
        .executable(name: "shablon", targets: ["shablon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries from Debian packages (libxml2-dev, libzip-dev), found through pkg-config.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        // The only two layers that touch C.
        .target(name: "ShablonZip", dependencies: ["CLibZip"]),
        .target(name: "ShablonXML", dependencies: ["CLibXML2"]),
        // Pure Swift layers.
        .target(name: "ShablonRussian"),
        .target(name: "ShablonData", dependencies: ["ShablonRussian", .product(name: "Yams", package: "Yams")]),
        .target(name: "ShablonEngine", dependencies: ["ShablonXML", "ShablonData", "ShablonRussian"]),
        .target(name: "Shablon", dependencies: ["ShablonZip", "ShablonXML", "ShablonEngine", "ShablonData", "ShablonRussian"]),
        .target(name: "ShablonDocuments", dependencies: ["Shablon", "ShablonData", "ShablonRussian", "ShablonXML", "ShablonZip"]),
        .executableTarget(name: "shablon", dependencies: [
            "Shablon", "ShablonDocuments",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "shablon-bench", dependencies: ["Shablon", "ShablonData"]),
        // Fuzz targets (docs/fuzzing.md): `make fuzz` builds them with libFuzzer (-sanitize=fuzzer -DFUZZING);
        // a plain build gives each a main that replays files and folders of inputs.
        .target(name: "FuzzSupport", dependencies: ["ShablonData", "ShablonXML", "ShablonEngine"]),
        .executableTarget(name: "FuzzTemplate", dependencies: ["FuzzSupport", "ShablonEngine", "ShablonXML", "ShablonData"], swiftSettings: fuzz),
        .executableTarget(name: "FuzzPart", dependencies: ["FuzzSupport", "ShablonEngine", "ShablonXML", "ShablonData"], swiftSettings: fuzz),
        .executableTarget(name: "FuzzRender", dependencies: ["FuzzSupport", "Shablon", "ShablonEngine", "ShablonXML", "ShablonZip", "ShablonData"], swiftSettings: fuzz),
        .executableTarget(name: "FuzzZip", dependencies: ["FuzzSupport", "ShablonZip"], swiftSettings: fuzz),
        .executableTarget(name: "FuzzXML", dependencies: ["FuzzSupport", "ShablonXML"], swiftSettings: fuzz),
        .executableTarget(name: "FuzzData", dependencies: ["FuzzSupport", "ShablonData"], swiftSettings: fuzz),
        .executableTarget(name: "FuzzCSV", dependencies: ["FuzzSupport", "ShablonData"], swiftSettings: fuzz),
        .executableTarget(name: "FuzzXLSX", dependencies: ["FuzzSupport", "Shablon", "ShablonData", "ShablonZip"], swiftSettings: fuzz),
        .testTarget(name: "ShablonZipTests", dependencies: ["ShablonZip"]),
        .testTarget(name: "ShablonXMLTests", dependencies: ["ShablonXML"]),
        .testTarget(name: "ShablonRussianTests", dependencies: ["ShablonRussian"]),
        .testTarget(name: "ShablonDataTests", dependencies: ["ShablonData"]),
        .testTarget(name: "ShablonEngineTests", dependencies: ["ShablonEngine", "ShablonXML", "ShablonData"]),
        .testTarget(name: "ShablonTests", dependencies: ["Shablon", "ShablonZip", "ShablonDocuments", "ShablonXML", "ShablonData", "ShablonEngine"], exclude: ["Golden", "Templates"]),
        .testTarget(name: "ShablonDocumentsTests", dependencies: ["ShablonDocuments", "Shablon", "ShablonData", "ShablonXML", "ShablonZip", "ShablonEngine"]),
        .testTarget(name: "ShablonSpecTests", dependencies: ["ShablonDocuments", "Shablon", "ShablonData", "ShablonRussian", "ShablonXML", "ShablonZip"]),
        .testTarget(name: "ShablonAnalysisTests", dependencies: ["ShablonDocuments", "Shablon", "ShablonData", "ShablonRussian", "ShablonXML", "ShablonZip"]),
    ]
)
