package community.platform.shared.audit;

/**
 * Answered with an {@link IntegrityReport}. A check continues after the positions the last one settled; a full one
 * ({@code fromStart}) walks every commit again, and forgets what earlier checks found.
 */
public record CheckIntegrityQuery(boolean fromStart) {

    public CheckIntegrityQuery() {
        this(false);
    }
}
