import PlannerCore

/// The starter plans `planner new KIND` prints: complete, commented plans of one event kind that
/// `planner budget` accepts as is.
public enum Starter {
    /// The starter of `kind` for `year` (its `year:`, period and every date in that year), ending
    /// without a newline.
    public static func yaml(_ kind: EventKind, year: Int) -> String {
        switch kind {
        case .advisory: return AdvisoryStarter.yaml(year: year)
        case .education: return EducationStarter.yaml(year: year)
        case .famTour: return FamTourStarter.yaml(year: year)
        case .conference: return ConferenceStarter.yaml(year: year)
        }
    }

    /// The years a starter can be made for: those a plan's `year:` accepts.
    public static let years = 1900...2999
}
