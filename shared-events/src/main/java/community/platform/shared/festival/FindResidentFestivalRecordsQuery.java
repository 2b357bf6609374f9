package community.platform.shared.festival;

/**
 * Every festival event where the resident holds a place, waits in the queue or has an entry. Answered with a list of
 * {@link ResidentFestivalRecord}.
 */
public record FindResidentFestivalRecordsQuery(String resident) {
}
