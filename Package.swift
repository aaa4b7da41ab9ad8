// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "ShablonData", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "ShablonEngine", dependencies: ["ShablonXML", "ShablonData", "ShablonRussian"]),
        .target(name: "Shablon", dependencies: ["ShablonZip", "ShablonXML", "ShablonEngine", "ShablonData", "ShablonRussian"]),
        .target(name: "ShablonDocuments", dependencies: ["Shablon", "ShablonData", "ShablonRussian"]),
        .executableTarget(name: "shablon", dependencies: [
            "Shablon", "ShablonDocuments",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "shablon-bench", dependencies: ["Shablon", "ShablonData"]),
        .testTarget(name: "ShablonZipTests", dependencies: ["ShablonZip"]),
        .testTarget(name: "ShablonXMLTests", dependencies: ["ShablonXML"]),
        .testTarget(name: "ShablonRussianTests", dependencies: ["ShablonRussian"]),
        .testTarget(name: "ShablonDataTests", dependencies: ["ShablonData"]),
        .testTarget(name: "ShablonEngineTests", dependencies: ["ShablonEngine", "ShablonXML", "ShablonData"]),
        .testTarget(name: "ShablonTests", dependencies: ["Shablon", "ShablonZip", "ShablonDocuments", "ShablonXML", "ShablonData", "ShablonEngine"], exclude: ["Golden"]),
        .testTarget(name: "ShablonDocumentsTests", dependencies: ["ShablonDocuments", "Shablon", "ShablonData", "ShablonXML", "ShablonZip"]),
        .testTarget(name: "ShablonSpecTests", dependencies: ["ShablonDocuments", "Shablon", "ShablonData", "ShablonRussian", "ShablonXML", "ShablonZip"]),
        .testTarget(name: "ShablonAnalysisTests", dependencies: ["ShablonDocuments", "Shablon", "ShablonData", "ShablonRussian", "ShablonXML", "ShablonZip"]),
    ]
)
