/// Which `--default-country` would read a file's national numbers (contract §6's hint): the WhatsApp
/// market whose numbering plan reads most of them as mobile numbers, judged by their lengths and
/// trunk prefixes (`07700 900123` fits GB, whose mobiles are 10 digits after the 0, and not FR).
public enum DefaultCountryGuess {
    /// What the numbers point to.
    public enum Result: Sendable, Equatable {
        /// One region reads clearly more of them than any other.
        case region(Region)
        /// Several read about as many (the best first, at most three).
        case several([Region])
        /// No region reads even half of them.
        case unknown
    }

    /// The guess for `samples`, national numbers as written (at most a few hundred are worth reading).
    ///
    /// A region counts a sample when it reads it as a possible number with a mobile length. The best
    /// region must read at least half of the samples; regions within a tenth of the best are tied.
    public static func guess(_ samples: [[UInt8]]) -> Result {
        guard !samples.isEmpty else { return .unknown }
        var scores: [(region: Region, count: Int, order: Int)] = []
        for (order, region) in Region.whatsAppMarkets.enumerated() {
            let normalizer = PhoneNormalizer(defaultRegion: region)
            var count = 0
            for sample in samples {
                let read = sample.withUnsafeBytes { normalizer.normalize($0) }
                guard case .success(let number) = read else { continue }
                if region.callingCode.isMobileLength(number.digitCount - region.callingCode.digitCount) { count += 1 }
            }
            scores.append((region, count, order))
        }
        scores.sort { $0.count != $1.count ? $0.count > $1.count : $0.order < $1.order }
        guard let best = scores.first, best.count * 2 >= samples.count else { return .unknown }
        let tied = scores.filter { $0.count * 10 >= best.count * 9 }
        return tied.count == 1 ? .region(best.region) : .several(tied.prefix(3).map(\.region))
    }
}
