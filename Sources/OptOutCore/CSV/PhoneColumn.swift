/// Finds the phone column of a CSV header (contract §6), shared by `filter-campaign` and `--file`.
public enum PhoneColumn {
    /// Header names recognised as a phone column, in contract §6's order.
    public static let names = [
        "phone", "phone_number", "mobile", "msisdn", "wa_id", "whatsapp", "number", "to", "telefono", "celular",
        "telefone",
    ]

    /// The zero-based index of the phone column.
    ///
    /// `requested` (`--column`) is a header name (compared as below) or a 1-based column number.
    /// Otherwise the first header equal to one of `names` after folding: case, accents, surrounding
    /// spaces and quotes ignored, and spaces, dashes and dots read as `_` ("Phone Number",
    /// "Teléfono", "WA-ID"). When none is equal, the first header with one of them as a `_`-separated
    /// word ("customer_phone", "Mobile Number"). Nil when nothing matches.
    public static func find(in header: [String], requested: String? = nil) -> Int? {
        let folded = header.map(fold)
        if let requested { return index(of: requested, in: folded) }
        for name in names {
            if let index = folded.firstIndex(of: name) { return index }
        }
        return folded.firstIndex(where: hasPhoneWord)
    }

    /// The other columns that look like a phone column (a recognised name, or one as a word), in
    /// header order, besides `chosen`: what the summary names as passed over.
    public static func candidates(in header: [String], besides chosen: Int) -> [Int] {
        header.indices.filter { index in
            let field = fold(header[index])
            return index != chosen && (names.contains(field) || hasPhoneWord(field))
        }
    }

    /// A folded header with a phone name as one of its `_`-separated words, and not a user-id header.
    private static func hasPhoneWord(_ field: String) -> Bool {
        !userIDNames.contains(field) && field.split(separator: "_").contains { names.contains(String($0)) }
    }

    /// Header names recognised as a column of WhatsApp business-scoped user ids (contract §6).
    public static let userIDNames = ["user_id", "bsuid", "wa_user_id", "whatsapp_user_id"]

    /// The zero-based index of the user-id column: `requested` (`--user-id-column`, a name or a 1-based
    /// number), else the first header equal to one of `userIDNames` after folding; nil when none.
    public static func findUserID(in header: [String], requested: String? = nil) -> Int? {
        let folded = header.map(fold)
        if let requested { return index(of: requested, in: folded) }
        for name in userIDNames {
            if let index = folded.firstIndex(of: name) { return index }
        }
        return nil
    }

    /// The column an option names: a 1-based number, or a header name compared after folding.
    private static func index(of requested: String, in folded: [String]) -> Int? {
        if let number = Int(requested), number >= 1, number <= folded.count { return number - 1 }
        return folded.firstIndex(of: fold(requested))
    }

    /// The error when no column matches: a named column that is not in the header, or no header
    /// recognisable as a phone column (`OptOutError.Reason.noPhoneColumn`, which the command line words
    /// with its column option).
    public static func notFound(in header: [String], requested: String?) -> OptOutError {
        if let requested {
            return OptOutError(.badInput, "no column '\(requested)' in the header; columns are: \(list(header))")
        }
        return OptOutError(.badInput, .noPhoneColumn(columns: header))
    }

    /// The header cells for a message, never repeating data: a cell holding 7 or more digits (the first
    /// row of a file without a header is customer data) is shown as `(a number)`; other cells are shown
    /// cut to 40 characters without control characters; after 20 columns the rest are counted.
    public static func list(_ header: [String]) -> String {
        var shown = header.prefix(20).map { cell in
            cell.utf8.lazy.filter { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count >= 7
                ? "(a number)" : "'\(NumberInput.shown(cell))'"
        }
        if header.count > 20 { shown.append("and \(header.count - 20) more") }
        return shown.joined(separator: ", ")
    }

    /// Lower-cased ASCII letters and digits with separators as `_`, accents dropped.
    static func fold(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "A"..."Z": result.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            case "a"..."z", "0"..."9", "_": result.unicodeScalars.append(scalar)
            case " ", "-", ".", "/": result.append("_")
            case "á", "à", "â", "ã", "ä", "Á", "À", "Â", "Ã", "Ä": result.append("a")
            case "é", "è", "ê", "ë", "É", "È", "Ê", "Ë": result.append("e")
            case "í", "ì", "î", "ï", "Í", "Ì", "Î", "Ï": result.append("i")
            case "ó", "ò", "ô", "õ", "ö", "Ó", "Ò", "Ô", "Õ", "Ö": result.append("o")
            case "ú", "ù", "û", "ü", "Ú", "Ù", "Û", "Ü": result.append("u")
            case "ç", "Ç": result.append("c")
            case "ñ", "Ñ": result.append("n")
            default: break
            }
        }
        while result.hasPrefix("_") { result.removeFirst() }
        while result.hasSuffix("_") { result.removeLast() }
        return result
    }
}
