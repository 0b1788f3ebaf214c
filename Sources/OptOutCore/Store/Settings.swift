/// The settings this build knows.
public enum Settings {
    /// The scope whose settings every other scope inherits.
    public static let defaultScope = "default"

    /// `opt-out-applies-to`: `marketing` (default) or `all` categories.
    public static let optOutAppliesTo = SettingDefinition.choice(
        key: "opt-out-applies-to", ["marketing", "all"],
        summary: "categories a customer opt-out suppresses: marketing or all")

    /// `default-country`: the ISO region national numbers are read in; empty for none.
    public static let defaultCountry = SettingDefinition(
        key: "default-country", defaultValue: "",
        summary: "ISO region for national numbers (e.g. US, MX); empty for none"
    ) { value throws(OptOutError) in
        if value.isEmpty { return "" }
        guard let region = Region(code: value) else {
            throw OptOutError(.usage, "default-country must be an ISO region such as US, MX, BR; '\(value)' is not one")
        }
        return region.code
    }

    /// `review-holds-marketing`: a pending review holds marketing until someone decides (default on).
    public static let reviewHoldsMarketing = SettingDefinition.choice(
        key: "review-holds-marketing", ["on", "off"],
        summary: "a message held for review holds marketing to its sender until someone decides: on or off")

    /// `keep-message-text-days`: message texts older than this many days are erased (data minimisation,
    /// as `redact`), on the first write of each day; `off` (the default) keeps them. Read from the
    /// default scope: the log is one for every scope.
    public static let keepMessageTextDays = SettingDefinition(
        key: "keep-message-text-days", defaultValue: "off",
        summary: "erase message texts older than this many days (read from the default scope), or off"
    ) { value throws(OptOutError) in
        if value == "off" { return value }
        guard let days = Int(value), (1...36_500).contains(days) else {
            throw OptOutError(.usage, "keep-message-text-days must be a whole number of days from 1 to 36500, or off; got '\(value)'")
        }
        return String(days)
    }

    /// Every setting, in the order `config list` shows them. Other folders append theirs here.
    public static var all: [SettingDefinition] {
        [optOutAppliesTo, defaultCountry, reviewHoldsMarketing, keepMessageTextDays] + extra
    }

    /// Settings defined by other features (keywords, replies).
    static let extra: [SettingDefinition] =
        IngestSettings.all + [WebhookLimits.maxBytesSetting, WebhookLimits.maxItemsSetting]

    /// The definition for `key`, or a usage error listing the known keys.
    public static func definition(_ key: String) throws(OptOutError) -> SettingDefinition {
        guard let found = all.first(where: { $0.key == key }) else {
            throw OptOutError(.usage, "unknown setting '\(key)'; known: \(all.map(\.key).joined(separator: ", "))")
        }
        return found
    }
}

extension ReadTransaction {
    /// The sending rules the settings of `scope` give, with `--require-opt-in` from the caller.
    public func sendingPolicy(scope: String, requireOptIn: Bool = false) throws(OptOutError) -> SendingPolicy {
        SendingPolicy(
            optOutAppliesToAll: try setting(Settings.optOutAppliesTo, scope: scope) == "all", requireOptIn: requireOptIn,
            reviewHoldsMarketing: try setting(Settings.reviewHoldsMarketing, scope: scope) == "on")
    }
}
