package community.platform.api.festival;

/** {@code POST /api/festival-events/{id}/entries}: the new entry's id. */
public record EntryResponse(String entryId) {
}
