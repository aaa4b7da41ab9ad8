// swift-tools-version:6.1
import PackageDescription

/// Fuzz targets define `LLVMFuzzerTestOneInput` and no top-level code.
let fuzz: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

/// A fuzz target in fuzz/targets/NAME: FuzzSupport and the layers it feeds.
func fuzzTarget(_ name: String, _ layers: [Target.Dependency]) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + layers, path: "fuzz/targets/\(name)", swiftSettings: fuzz)
}

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
        // The web page (`shablon serve`); its optional traits (swift-configuration) are left out.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
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
        .target(name: "ShablonDocuments", dependencies: ["Shablon", "ShablonData", "ShablonEngine", "ShablonRussian", "ShablonXML", "ShablonZip"]),
        // The web page over a folder of documents (`shablon serve`, docs/web.md).
        .target(name: "ShablonWeb", dependencies: [
            "Shablon", "ShablonDocuments", "ShablonData", "ShablonEngine", "ShablonRussian",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .executableTarget(name: "shablon", dependencies: [
            "Shablon", "ShablonDocuments", "ShablonWeb", "ShablonData", "ShablonEngine", "ShablonXML", "ShablonZip",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Not part of the library: the benchmark driver (bench/, `make bench`) and the fuzz targets
        // (fuzz/, docs/fuzzing.md) live beside their scripts, so Sources/ holds only the layers and the CLI.
        .executableTarget(name: "shablon-bench", dependencies: ["Shablon", "ShablonData"], path: "bench/shablon-bench"),
        // `make fuzz` builds the fuzz targets with libFuzzer (-sanitize=fuzzer -DFUZZING); a plain build
        // gives each a main that replays files and folders of inputs.
        .target(name: "FuzzSupport", dependencies: ["ShablonData", "ShablonXML", "ShablonEngine"], path: "fuzz/targets/FuzzSupport"),
        fuzzTarget("FuzzTemplate", ["ShablonEngine", "ShablonXML", "ShablonData"]),
        fuzzTarget("FuzzPart", ["ShablonEngine", "ShablonXML", "ShablonData"]),
        fuzzTarget("FuzzRender", ["Shablon", "ShablonEngine", "ShablonXML", "ShablonZip", "ShablonData"]),
        fuzzTarget("FuzzZip", ["ShablonZip"]),
        fuzzTarget("FuzzXML", ["ShablonXML"]),
        fuzzTarget("FuzzData", ["ShablonData"]),
        fuzzTarget("FuzzCSV", ["ShablonData"]),
        fuzzTarget("FuzzXLSX", ["Shablon", "ShablonData", "ShablonZip"]),
        // What the test targets share: LibreOffice and poppler as the oracle.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ShablonZipTests", dependencies: ["ShablonZip"]),
        .testTarget(name: "ShablonXMLTests", dependencies: ["ShablonXML"]),
        .testTarget(name: "ShablonRussianTests", dependencies: ["ShablonRussian"]),
        .testTarget(name: "ShablonDataTests", dependencies: ["ShablonData"]),
        .testTarget(name: "ShablonEngineTests", dependencies: ["ShablonEngine", "ShablonXML", "ShablonData"]),
        .testTarget(name: "ShablonTests", dependencies: ["TestSupport", "Shablon", "ShablonZip", "ShablonDocuments", "ShablonXML", "ShablonData", "ShablonEngine"], exclude: ["Golden", "Templates"]),
        .testTarget(name: "ShablonDocumentsTests", dependencies: ["TestSupport", "ShablonDocuments", "Shablon", "ShablonData", "ShablonEngine", "ShablonXML", "ShablonZip"]),
        .testTarget(name: "ShablonSpecTests", dependencies: ["TestSupport", "ShablonDocuments", "Shablon", "ShablonData", "ShablonRussian", "ShablonXML", "ShablonZip"]),
        .testTarget(name: "ShablonWebTests", dependencies: [
            "TestSupport", "ShablonWeb", "ShablonDocuments", "Shablon", "ShablonData",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "ShablonAnalysisTests", dependencies: ["TestSupport", "ShablonDocuments", "Shablon", "ShablonData", "ShablonEngine", "ShablonRussian", "ShablonXML", "ShablonZip"]),
    ]
)
