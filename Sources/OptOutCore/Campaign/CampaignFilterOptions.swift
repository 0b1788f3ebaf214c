import OptOutPlatform

/// How `CampaignFilter` reads the CSV and decides which rows to keep.
public struct CampaignFilterOptions: Sendable {
    /// `--column`: a header name or a 1-based column number; nil to detect (`PhoneColumn.find`).
    public var column: String?
    /// `--user-id-column`: the column of WhatsApp user ids, a header name or a 1-based number; nil to
    /// detect (`PhoneColumn.findUserID`); a file without one is read by phone number only.
    public var userIDColumn: String?
    /// `--delimiter`; nil to detect from the header.
    public var delimiter: UInt8?
    /// `--encoding`: UTF-8 (checked: a file that is not stops with its line and byte) or Windows-1252
    /// (headers and numbers read through it; rows still copied as read).
    public var encoding: TextEncoding = .utf8
    /// The message category the campaign sends (default marketing).
    public var category: Category
    /// The sending rules: `opt-out-applies-to` and `--require-opt-in`.
    public var policy: SendingPolicy
    /// Drop a row whose person (match key) already appeared in a kept row.
    public var dedupe: Bool
    /// Keep rows whose number is invalid instead of dropping them as `invalid-number`.
    public var keepInvalid: Bool
    /// The one phone normaliser (default country, WhatsApp ids).
    public var normalizer: PhoneNormalizer
    /// The input's name in error messages ("standard input", a path).
    public var inputName: String
    /// Rows between two progress callbacks.
    public var progressInterval: Int
    /// Threads that parse and classify rows (0: all on the calling thread). The output is the same
    /// whatever the number.
    public var threads: Int

    /// Options with the defaults of `optout filter-campaign`.
    public init(
        column: String? = nil, delimiter: UInt8? = nil, category: Category = .marketing,
        policy: SendingPolicy = SendingPolicy(), dedupe: Bool = false, keepInvalid: Bool = false,
        normalizer: PhoneNormalizer = PhoneNormalizer(), inputName: String = "input", progressInterval: Int = 100_000,
        threads: Int = CampaignFilterOptions.processorCount
    ) {
        self.column = column
        self.userIDColumn = nil
        self.delimiter = delimiter
        self.category = category
        self.policy = policy
        self.dedupe = dedupe
        self.keepInvalid = keepInvalid
        self.normalizer = normalizer
        self.inputName = inputName
        self.progressInterval = max(1, progressInterval)
        self.threads = max(0, threads)
    }

    /// The number of processors online: the default `threads`.
    public static var processorCount: Int { onlineProcessorCount() }
}
