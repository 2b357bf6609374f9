package community.platform.api.audit;

/** {@code POST /api/admin/projections/{name}/replay}: the rebuild runs; its progress shows in the projections. */
public record RebuildStarted(String name, String status) {
}
