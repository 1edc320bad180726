import AdvisoryKind
import PlannerCore

/// ```yaml
/// - kind: advisory
///   name: 소셜특별시 자문위원회
///   members: 15                # or a list of names
///   meetings: 6
///   dates: [2017-03-15, …]     # optional, at most one per meeting
///   allowance: 150,000원        # optional: the standard committee.allowance otherwise
///   operatingCost: standard    # optional: standard (committee.operating) or an amount; absent: no line
///   writtenReviews: 3          # optional, with reviewAllowance (committee.review otherwise)
/// ```
enum AdvisoryReader {
    static func read(_ fields: Fields, origin: EventOrigin, context: ReadContext, at location: SourceLocation?) -> EventExpansion {
        var names: [String] = []
        var members: Located<Int64>?
        if case .sequence? = fields.value("members") {
            names = PlanReader.texts(fields, "members")
            members = Located(Int64(names.count), at: fields.location("members"))
        } else {
            members = fields.count("members", "the number of members", required: true)
        }
        let meetings = fields.count("meetings", "the number of meetings", required: true)
        // Every key is read even when members or meetings are missing, so that each is checked and
        // none is reported as unknown.
        let dates = fields.sessionDates("dates", context: context, words: AdvisoryCommittee.words)
        let allowance = fields.writtenRate("allowance"), operatingCost = fields.optionalRate("operatingCost")
        let writtenReviews = fields.count("writtenReviews", "the number of written reviews")
        let reviewAllowance = fields.writtenRate("reviewAllowance")
        guard let members, let meetings else { return EventExpansion() }
        let input = AdvisoryCommittee.Input(members: members, memberNames: names, meetings: meetings, dates: dates, allowance: allowance,
                                            operatingCost: operatingCost, writtenReviews: writtenReviews, reviewAllowance: reviewAllowance)
        return AdvisoryCommittee.expand(input, origin: origin, rates: context.rates(), at: location, path: fields.path)
    }
}
