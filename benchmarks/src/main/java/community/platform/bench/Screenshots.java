package community.platform.bench;

import community.platform.shared.personal.ChildDataNotice;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Screenshots of the main web pages at desktop and phone widths in Chinese and English, into docs/screenshots, from
 * the built jar on a fresh store, in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; CJK text
 * needs a font such as {@code fonts-noto-cjk}).
 * <p>
 * Usage: {@code bench/run screenshots [--out=docs/screenshots]}
 */
public final class Screenshots {

    private static final String PASSWORD = Api.PASSWORD;
    private static final Map<String, Dimension> DEVICES = Map.of("desktop", new Dimension(1280, 800),
                                                                 "phone", new Dimension(390, 844));

    public static void main(String[] args) throws Exception {
        Path out = Path.of(EventStoreBenchmark.option(args, "out", "docs/screenshots"));
        Files.createDirectories(out);
        try (Platform platform = Platform.start(Path.of(EventStoreBenchmark.option(args, "jar", Platform.JAR)), "screenshots", Api.environment(), Api.arguments())) {
            Api api = new Api(platform);
            api.registerOrganizer("zhang-wei");
            api.register("li-hua");
            api.register("chen-jing");
            api.grant("chen-jing", "AUDITOR");
            String post = api.publishPosts("zhang-wei", "社区健康守护 Health safeguarding", 1, 2).get(0);
            api.publishPosts("zhang-wei", "公园清洁 Park clean-up", 1, 10);
            for (String resident : List.of("li-hua", "chen-jing")) {
                api.signUp(resident, post);
            }
            String competition = api.scheduleCompetition("zhang-wei", "春联比赛 Couplet competition", "文化站 Culture hall");
            api.registerFor("li-hua", competition);
            api.post("/festival-events/" + competition + "/entries", "li-hua", Map.of(
                    "upperLine", "春回大地千山秀", "lowerLine", "福满人间万户欢", "horizontalScroll", "万象更新"), 201);
            String course = api.publishCourse("zhang-wei", "剪纸 Paper cutting");
            api.post("/courses/" + course + "/enrollments", "li-hua", Map.of(
                    "childName", "李小明", "childGrade", 2, "consent", true,
                    "consentVersion", ChildDataNotice.VERSION), 201);
            String week = Api.competitionStart().toLocalDate().toString();
            // neighbourhoods, a weekly roster, an hour certificate and an admin for the sub-district's totals
            api.register("wang-fang");
            api.grant("wang-fang", "ADMIN");
            String donghu = api.asAdmin("/neighbourhoods", Map.of("name", "东湖社区", "areas", List.of("翠园", "东湖小区")),
                                        201).get("id").asText();
            api.asAdmin("/admin/accounts/zhang-wei/neighbourhoods", Map.of("neighbourhoodId", donghu), 200);
            String series = api.post("/volunteer-post-series", "zhang-wei", Map.of(
                    "title", "健康守护周末岗 Weekend health duty", "team", "健康守护", "location", "社区卫生站",
                    "capacity", 4, "neighbourhoodId", donghu, "startTime", "09:00", "endTime", "11:30",
                    "rrule", "FREQ=WEEKLY;BYDAY=SA,SU;COUNT=6",
                    "firstDate", Api.competitionStart().toLocalDate().toString()), 201).get("seriesId").asText();
            String soon = api.publishPostStartingIn("zhang-wei", Duration.ofMinutes(10), 5);
            api.signUp("li-hua", soon);
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
            api.post("/volunteer-posts/" + soon + "/attendance", "zhang-wei", Map.of(
                    "username", "li-hua", "checkedInAt", now.minusMinutes(100).toString(),
                    "checkedOutAt", now.minusMinutes(5).toString()), 200);
            api.awaitCaughtUp(Duration.ofSeconds(30));
            String code = api.certificateCode("li-hua", now.toLocalDate());
            List<String> written = new ArrayList<>();
            for (String language : List.of("zh-CN", "en")) {
                for (Map.Entry<String, Dimension> device : DEVICES.entrySet()) {
                    String suffix = "-" + language.substring(0, 2) + "-" + device.getKey() + ".png";
                    try (Shooter guest = new Shooter(platform.base, language, device.getValue(), out)) {
                        written.add(guest.shoot("/posts", "posts" + suffix));
                        written.add(guest.shoot("/register", "register" + suffix));
                    }
                    try (Shooter resident = new Shooter(platform.base, language, device.getValue(), out)) {
                        resident.signIn("li-hua");
                        written.add(resident.shoot("/posts/" + post, "post" + suffix));
                        written.add(resident.shoot("/me/duties", "duties" + suffix));
                        resident.open("/festival/" + competition);
                        resident.typeUnequalLines();
                        written.add(resident.shoot(null, "couplet-unequal" + suffix));
                        written.add(resident.shoot("/courses", "courses" + suffix));
                        written.add(resident.shoot("/courses/" + course, "course" + suffix));
                        written.add(resident.shoot("/me/children", "children" + suffix));
                        written.add(resident.shoot("/me/hours", "hours-certificate" + suffix));
                        written.add(resident.shoot("/me/reminders", "reminders" + suffix));
                        written.add(resident.shoot("/series/" + series, "series" + suffix));
                    }
                    try (Shooter organizer = new Shooter(platform.base, language, device.getValue(), out)) {
                        organizer.signIn("zhang-wei");
                        organizer.open("/organizer/posts/new");
                        organizer.submitWithAnInvalidCapacity();
                        written.add(organizer.shoot(null, "new-post-invalid" + suffix));
                        written.add(organizer.shoot("/organizer/posts/" + post + "/roster", "roster" + suffix));
                        written.add(organizer.shoot("/organizer", "organizer" + suffix));
                        written.add(organizer.shoot("/organizer/events/" + competition + "/judging", "judging" + suffix));
                        written.add(organizer.shoot("/organizer/courses/" + course + "/attendance", "attendance" + suffix));
                        written.add(organizer.shoot("/organizer/venues?week=" + week, "venues" + suffix));
                        written.add(organizer.shoot("/organizer/series/new", "new-series" + suffix));
                    }
                    try (Shooter guest = new Shooter(platform.base, language, device.getValue(), out)) {
                        written.add(guest.shoot("/certificates", "certificate-lookup" + suffix));
                        written.add(guest.shoot("/certificates/" + code, "certificate-verified" + suffix));
                    }
                    try (Shooter admin = new Shooter(platform.base, language, device.getValue(), out)) {
                        admin.signIn("wang-fang");
                        written.add(admin.shoot("/admin/neighbourhoods", "neighbourhoods" + suffix));
                    }
                    try (Shooter auditor = new Shooter(platform.base, language, device.getValue(), out)) {
                        auditor.signIn("chen-jing");
                        written.add(auditor.shoot("/auditor/records/" + post + "?at=1", "audit-record" + suffix));
                        written.add(auditor.shoot("/auditor/log?actor=zhang-wei", "audit-log" + suffix));
                        written.add(auditor.shoot("/auditor/integrity", "audit-integrity" + suffix));
                        written.add(auditor.shoot("/auditor/projections", "audit-projections" + suffix));
                    }
                }
            }
            System.out.println("wrote " + written.size() + " screenshots to " + out + ": " + written);
        }
    }

    /** One browser session at one size and language. */
    private static final class Shooter implements AutoCloseable {

        private final ChromeDriver driver;
        private final String base;
        private final Dimension size;
        private final Path out;

        Shooter(String base, String language, Dimension size, Path out) {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(System.getProperty("browser.binary", "/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                 "--lang=" + language);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
            this.driver = new ChromeDriver(new ChromeDriverService.Builder()
                                                   .usingDriverExecutable(new File(System.getProperty(
                                                           "browser.driver", "/usr/bin/chromedriver")))
                                                   .usingAnyFreePort().build(), options);
            this.base = base;
            this.size = size;
            this.out = out;
        }

        void open(String path) {
            driver.manage().window().setSize(size);
            driver.get(base + path);
        }

        void signIn(String username) {
            open("/login");
            driver.findElement(By.id("username")).sendKeys(username);
            driver.findElement(By.id("password")).sendKeys(PASSWORD);
            driver.findElement(By.cssSelector("main form button")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/posts"));
        }

        void typeUnequalLines() {
            driver.findElement(By.id("upperLine")).sendKeys("春回大地千山秀");
            driver.findElement(By.id("lowerLine")).sendKeys("福满人间万户欢乐");
            driver.findElement(By.id("horizontalScroll")).sendKeys("万象更新");
        }

        void submitWithAnInvalidCapacity() {
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withHour(9).withMinute(0);
            DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
            driver.findElement(By.id("title")).sendKeys("社区健康守护");
            driver.findElement(By.id("team")).sendKeys("健康守护");
            driver.findElement(By.id("location")).sendKeys("中心广场");
            driver.findElement(By.id("capacity")).sendKeys("0");
            driver.executeScript("document.getElementById('startsAt').value = arguments[0];"
                                 + "document.getElementById('endsAt').value = arguments[1];",
                                 start.format(local), start.plusHours(3).format(local));
            driver.findElement(By.cssSelector("main form button.primary")).click();
            new WebDriverWait(driver, Duration.ofSeconds(10))
                    .until(ExpectedConditions.textMatches(By.id("capacity-error"), Pattern.compile(".+")));
        }

        /** Opens {@code path} (or stays, when null) and saves the whole page, as tall as it is. */
        String shoot(String path, String file) throws Exception {
            if (path != null) {
                open(path);
            }
            long height = (Long) driver.executeScript("return document.documentElement.scrollHeight");
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", size.getWidth(),
                                   "height", Math.max(size.getHeight(), height),
                                   "scale", 1)));
            Files.write(out.resolve(file), Base64.getDecoder().decode((String) shot.get("data")));
            return file;
        }

        @Override
        public void close() {
            driver.quit();
        }
    }
}
