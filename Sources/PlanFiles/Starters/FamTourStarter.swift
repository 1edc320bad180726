/// Placeholder until the FamTour kind's starter plan is written.
public enum FamTourStarter {
    public static let yaml = ""
}
