import Foundation

/// The name of a standard rate, like `committee.allowance` or `lecturer.special.firstHour`. Rate names
/// are data (the rate table defines them); kinds name the ones they need as constants.
public struct RateKey: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String
    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }
    public var description: String { name }
    public static func < (a: RateKey, b: RateKey) -> Bool { a.name < b.name }
}

/// Standard unit prices, each in force from a date until a later entry for the same name replaces it.
public struct RateTable: Sendable {
    public struct Entry: Sendable, Equatable {
        public var key: RateKey
        /// In won.
        public var amount: Won
        public var from: CalendarDate
        /// Where the rate comes from (a regulation, a notice), as written in the table.
        public var basis: String?
        public var source: SourceLocation?

        public init(key: RateKey, amount: Won, from: CalendarDate, basis: String? = nil, source: SourceLocation? = nil) {
            self.key = key
            self.amount = amount
            self.from = from
            self.basis = basis
            self.source = source
        }
    }

    public var entries: [Entry]
    /// The file the table was read from, for messages.
    public var file: String

    public init(entries: [Entry], file: String = "") {
        self.entries = entries
        self.file = file
    }

    /// The entry for `key` in force on `date`: the latest one from that day or before.
    public func entry(_ key: RateKey, on date: CalendarDate) -> Entry? {
        entries.filter { $0.key == key && $0.from <= date }.max { $0.from < $1.from }
    }

    /// The earliest entry for `key`, to say when a rate starts when it is asked for too early.
    public func earliest(_ key: RateKey) -> Entry? {
        entries.filter { $0.key == key }.min { $0.from < $1.from }
    }

    public var keys: [RateKey] { Array(Set(entries.map(\.key))).sorted() }
}

/// How a kind gets the unit prices it needs for one plan: the plan's own amount when it writes one,
/// otherwise the standard rate in force on the plan's date. Departures from the standard rate are
/// reported (with the plan's reason) so that `check` shows them.
public struct RateResolver: Sendable {
    public let table: RateTable?
    /// The day rates are looked up for: the plan's first day.
    public let date: CalendarDate
    /// Where the standard rates looked up are noted, when the reader wants to know (`Plan.rates`).
    public let lookups: RateLookups?

    public init(table: RateTable?, date: CalendarDate, lookups: RateLookups? = nil) {
        self.table = table
        self.date = date
        self.lookups = lookups
    }

    /// The table's entry for `key` in force on `date`, noted as used.
    public func standard(_ key: RateKey) -> RateTable.Entry? {
        lookups?.note(key)
        return table?.entry(key, on: date)
    }

    /// An amount written in the plan for a rate, with where it was written and why it departs.
    public struct Written: Sendable {
        public var amount: Won
        public var location: SourceLocation?
        public var reason: String?
        public init(amount: Won, location: SourceLocation?, reason: String? = nil) {
            self.amount = amount
            self.location = location
            self.reason = reason
        }
    }

    /// The unit price for `key`. `written` is what the plan says, if anything; `what` names the rate
    /// in messages (`the committee allowance`); `at`/`path` place the message when nothing is written.
    public func resolve(_ key: RateKey, written: Written?, what: String, at location: SourceLocation?, path: String,
                        diagnostics: inout [Diagnostic]) -> Won? {
        let standard = self.standard(key)
        if let written {
            if let standard, standard.amount != written.amount {
                let basis = standard.basis.map { " (\($0))" } ?? ""
                if let reason = written.reason {
                    diagnostics.append(Diagnostic(.note, at: written.location, path: path,
                        "\(what) is \(MoneyFormat.won(written.amount)) instead of the standard \(MoneyFormat.won(standard.amount))\(basis): \(reason)"))
                } else {
                    diagnostics.append(.warning(at: written.location, path: path,
                        "\(what) is \(MoneyFormat.won(written.amount)), not the standard \(MoneyFormat.won(standard.amount))\(basis) in force on \(date)",
                        hint: "write the reason beside it (reason: …), or drop the amount to use the standard rate \(key)"))
                }
            }
            return written.amount
        }
        if let standard { return standard.amount }
        guard let table else {
            diagnostics.append(.error(at: location, path: path, "\(what) needs a rate: no rate table was found and the plan gives no amount",
                                      hint: "add Events/rates.yaml (see the README) or write the amount in the plan"))
            return nil
        }
        if let earliest = table.earliest(key) {
            diagnostics.append(.error(at: location, path: path,
                "\(what) has no rate in force on \(date): \(key) in \(table.file) starts on \(earliest.from)",
                hint: "add an entry for \(key) from \(date) or earlier, or write the amount in the plan"))
        } else {
            let suggestion = Suggestion.closest(to: key.name, among: table.keys.map(\.name))
            diagnostics.append(.error(at: location, path: path, "\(what) has no rate: \(table.file) has no \(key)",
                hint: suggestion.map { "the table has \($0); is that the one?" } ?? "add \(key) to the rate table, or write the amount in the plan"))
        }
        return nil
    }
}

/// The names of the standard rates a plan's events looked up while it was read, in first-use order,
/// whether the plan then wrote its own amount or not (a written amount is compared with the standard).
/// A next year's draft carries these rates so that it prices and checks the same wherever it is saved.
public final class RateLookups: @unchecked Sendable {
    private let lock = NSLock()
    private var noted: [RateKey] = []
    private var seen: Set<RateKey> = []

    public init() {}

    public func note(_ key: RateKey) {
        lock.lock()
        defer { lock.unlock() }
        if seen.insert(key).inserted { noted.append(key) }
    }

    public var keys: [RateKey] {
        lock.lock()
        defer { lock.unlock() }
        return noted
    }
}

/// A rate table a plan's events were priced with, and the rates they looked up in it.
public struct UsedRates: Sendable {
    public var table: RateTable
    /// In first-use order.
    public var keys: [RateKey]

    public init(table: RateTable, keys: [RateKey]) {
        self.table = table
        self.keys = keys
    }
}

/// A cost that a plan may leave out, take at the standard rate (`standard`), or write itself.
public enum OptionalRate: Sendable {
    case none
    /// Use the standard rate; the location is where the plan asked for it.
    case standard(SourceLocation?)
    case written(RateResolver.Written)
}
