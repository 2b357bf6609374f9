package community.platform.shared.neighbourhoods;

import java.util.List;

/** A neighbourhood as its list shows it: name, residential areas, and the organizers appointed there (by name). */
public record Neighbourhood(String id, String name, List<String> areas, List<String> organizers) {
}
