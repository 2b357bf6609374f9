package community.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the manuals stand alone in a clone anywhere: every relative link reaches a file of this repository,
 * and none leads out of it.
 */
class DocumentationLinksTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A Markdown link's target, up to an anchor or a title. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]+)(?:#[^)\\s]*)?(?:\\s+\"[^\"]*\")?\\)");

    @Test
    void everyRelativeLinkReachesAFileOfThisRepository() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                Path reached = page.getParent().resolve(target).normalize();
                if (!reached.startsWith(ROOT) || !Files.exists(reached)) {
                    broken.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links that lead nowhere or out of the repository").isEmpty();
    }

    @Test
    void noPageNamesTheWorkspaceOutsideTheRepository() throws IOException {
        for (Path page : pages()) {
            assertThat(Files.readString(page)).as(ROOT.relativize(page).toString()).doesNotContain("../shared");
        }
    }

    private static List<Path> pages() throws IOException {
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            List<Path> pages = new ArrayList<>(docs.filter(p -> p.toString().endsWith(".md")).toList());
            pages.add(ROOT.resolve("README.md"));
            return pages;
        }
    }
}
