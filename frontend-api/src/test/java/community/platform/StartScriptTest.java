package community.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** bin/start explains itself and refuses what it does not know, without building or starting anything. */
class StartScriptTest {

    @Test
    void helpAndHSayHowToStartAndWithWhichSettings() throws Exception {
        for (String help : new String[]{"--help", "-h"}) {
            ScriptRun run = run(help);
            assertThat(run.exitCode()).as(help).isZero();
            assertThat(run.out()).as(help).contains("Usage: bin/start", "--demo", "store", "SERVER_PORT",
                                                  "PLATFORM_DATA_DIR", "MONGODB_URI", "PLATFORM_ADMIN_PASSWORD");
        }
    }

    @Test
    void anUnknownOptionIsRefusedWithExitCodeTwo() throws Exception {
        ScriptRun run = run("--bogus");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown option '--bogus'").contains("bin/start --help");
        assertThat(run.out()).isEmpty();
    }

    /** bin/start answering instead of building or starting: within 30 s. */
    private static ScriptRun run(String argument) throws Exception {
        return ScriptRun.of("start", 30, argument);
    }
}
