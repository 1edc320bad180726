/// Formatting of amounts in the notation of Korean public budget pages.
///
/// Everything is done by hand with a fixed `,` separator so that output never depends on the
/// machine's locale. Decreases are written with `△`, never with a minus sign; increases carry no sign.
public enum MoneyFormat {
    /// `1234567` → `1,234,567`; negative numbers get a leading `-` (use `signed` for budget notation).
    public static func grouped(_ value: Int64) -> String {
        value < 0 ? "-" + grouped(magnitude: value.magnitude) : grouped(magnitude: value.magnitude)
    }

    /// `9223372036854775808` → `9,223,372,036,854,775,808`: the size of an amount, whatever its sign.
    public static func grouped(magnitude: UInt64) -> String {
        let digits = String(magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    /// `-182100` → `△182,100`; `5` → `5`. The budget-page way to write a change.
    public static func signed(_ value: Int64) -> String {
        value < 0 ? "△" + grouped(magnitude: value.magnitude) : grouped(value)
    }

    /// `150000` won → `150,000원`.
    public static func won(_ amount: Won) -> String { grouped(amount.value) + "원" }

    /// An amount already rounded to thousands, in 천원 without the unit: `13,500,000` won → `13,500`.
    ///
    /// - Precondition: callers round first (see `RoundingRule.thousands(of:)`); this only divides.
    public static func thousandsFigure(_ roundedThousands: Int64) -> String { grouped(roundedThousands) }
}
