package community.platform.command.courses;

/** Whether a child completed a course, from the sessions they attended of those that were held. */
@FunctionalInterface
interface CompletionPolicy {

    /** Sunshine 330's rule: at least 80% of the sessions held; with none held, nobody completes. */
    CompletionPolicy ATTENDED_EIGHTY_PERCENT = attendedAtLeast(80);

    boolean completes(int attended, int held);

    static CompletionPolicy attendedAtLeast(int percent) {
        return (attended, held) -> held > 0 && attended * 100 >= percent * held;
    }
}
