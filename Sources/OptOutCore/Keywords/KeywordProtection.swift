/// The rules a scope's keyword sets must keep (contract §5): the seven words of the FCC's 2025 rule
/// (47 CFR 64.1200(a)(10)) are always opt-out keywords, START always an opt-in keyword and HELP always a
/// help keyword; and a keyword belongs to one set only, so a change can never make STOP do nothing or
/// re-subscribe.
public enum KeywordProtection {
    /// Keywords that can never leave their set.
    public static let protected = KeywordSets(
        optOut: ["stop", "quit", "end", "revoke", "opt out", "cancel", "unsubscribe"],
        optIn: ["start"],
        help: ["help"])

    /// Throws a usage error naming the first broken rule.
    public static func check(_ sets: KeywordSets) throws(OptOutError) {
        for set in KeywordSet.allCases {
            let present = Set(sets[set].map(MessageText.normalize))
            for word in protected[set] where !present.contains(MessageText.normalize(word)) {
                throw OptOutError(
                    .usage,
                    "'\(word)' must stay a\(set == .optOut ? "n" : "") \(set.rawValue) keyword; "
                        + "the protected keywords are \(protectedList)")
            }
        }
        var owner: [String: KeywordSet] = [:]
        for set in KeywordSet.allCases {
            for keyword in sets[set] {
                let normalized = MessageText.normalize(keyword)
                if let first = owner[normalized], first != set {
                    throw OptOutError(
                        .usage,
                        "'\(keyword)' is already a\(first == .optOut ? "n" : "") \(first.rawValue) keyword; a keyword belongs to one set "
                            + "(remove it from keywords.\(first.rawValue) first)")
                }
                owner[normalized] = set
            }
        }
    }

    private static var protectedList: String {
        KeywordSet.allCases.map { "\($0.rawValue): \(protected[$0].joined(separator: ", "))" }.joined(separator: "; ")
    }
}
