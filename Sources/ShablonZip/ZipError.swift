/// Why a package could not be read or written.
public struct ZipError: Error, Sendable, Equatable {
    /// The kind of failure; callers map these to their own stable codes.
    public enum Kind: Sendable, Equatable {
        /// Not a zip archive at all.
        case notZip
        /// A zip archive that is cut short or inconsistent.
        case damaged
        /// An entry name with `..`, an absolute path, a drive letter, a backslash or a NUL.
        case unsafeName
        /// Two entries with the same name.
        case duplicateName
        /// An entry larger than the limit when inflated.
        case entryTooLarge
        /// All entries together larger than the limit when inflated.
        case packageTooLarge
        /// An entry whose inflated size is suspiciously many times its compressed size.
        case ratioTooHigh
        /// More entries than the limit.
        case tooManyEntries
        /// An encrypted entry.
        case encrypted
        /// A compression method libzip cannot read.
        case unsupportedCompression
        /// No entry with that name.
        case missingEntry
        /// libzip failed while writing.
        case writeFailed
    }

    /// The kind of failure.
    public var kind: Kind
    /// The entry concerned, when there is one.
    public var entry: String?
    /// libzip's own message or the numbers involved (English).
    public var detail: String

    /// Creates an error.
    public init(_ kind: Kind, entry: String? = nil, detail: String = "") {
        self.kind = kind
        self.entry = entry
        self.detail = detail
    }
}

/// Limits that keep a hostile package (a zip bomb) from exhausting memory or time. Every limit can be
/// raised by the user.
public struct ZipLimits: Sendable, Equatable {
    /// The largest inflated size of one entry (default 256 MiB).
    public var maxEntrySize: UInt64 = 256 << 20
    /// The largest inflated size of all entries together (default 1 GiB).
    public var maxTotalSize: UInt64 = 1 << 30
    /// The most entries a package may have (default 10 000).
    public var maxEntries: Int = 10_000
    /// The highest inflated/compressed ratio of an entry over `ratioFloor` bytes (default 1000).
    public var maxRatio: UInt64 = 1000
    /// Entries smaller than this are never refused for their ratio (default 1 MiB).
    public var ratioFloor: UInt64 = 1 << 20

    /// The default limits.
    public init() {}
}
