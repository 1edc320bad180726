/// Placeholder until the Education kind's starter plan is written.
public enum EducationStarter {
    public static let yaml = ""
}
