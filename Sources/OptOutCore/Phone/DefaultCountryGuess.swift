/// Which `--default-country` would read a file's national numbers (contract §6's hint): the WhatsApp
/// market whose numbering plan reads most of them as mobile numbers, judged by their lengths, trunk
/// prefixes and leading digits (`07700 900123` is a GB mobile: 10 digits after the 0, starting 770;
/// `0612 345678` a French one). The leading digits are `MobilePrefixTable`, from libphonenumber.
public enum DefaultCountryGuess {
    /// What the numbers point to.
    public enum Result: Sendable, Equatable {
        /// One region reads clearly more of them than any other.
        case region(Region)
        /// Several read about as many (the best first).
        case several([Region])
        /// No region reads even half of them.
        case unknown
    }

    /// The guess for `samples`, national numbers as written (at most a few hundred are worth reading).
    ///
    /// A region counts a sample when it reads it as a possible number with a mobile length whose first
    /// three digits start a mobile number there. The best region must read at least half of the
    /// samples; regions within a tenth of the best are tied.
    public static func guess(_ samples: [[UInt8]]) -> Result {
        guard !samples.isEmpty else { return .unknown }
        var scores: [(region: Region, count: Int, order: Int)] = []
        for (order, packed) in MobilePrefixTable.regions.enumerated() {
            guard let region = Region(packed: packed) else { continue }
            let normalizer = PhoneNormalizer(defaultRegion: region)
            let calling = region.callingCode
            var count = 0
            for sample in samples {
                let read = sample.withUnsafeBytes { normalizer.normalize($0) }
                guard case .success(let number) = read, number.countryCode == calling.code else { continue }
                let length = number.digitCount - calling.digitCount
                guard calling.isMobileLength(length), length >= 3 else { continue }
                let national = number.digits % PhoneNumber.powerOfTen(length)
                let prefix = Int(national / PhoneNumber.powerOfTen(length - 3))
                if MobilePrefixTable.prefixes[16 * order + prefix / 64] & (1 << UInt64(prefix % 64)) != 0 { count += 1 }
            }
            scores.append((region, count, order))
        }
        scores.sort { $0.count != $1.count ? $0.count > $1.count : $0.order < $1.order }
        guard let best = scores.first, best.count * 2 >= samples.count else { return .unknown }
        let tied = scores.filter { $0.count * 10 >= best.count * 9 }
        return tied.count == 1 ? .region(best.region) : .several(tied.map(\.region))
    }
}
