/// Placeholder until the Conference kind's starter plan is written.
public enum ConferenceStarter {
    public static let yaml = ""
}
