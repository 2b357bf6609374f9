package community.platform.api.storage;

/**
 * The embedded store's data folder cannot be used: {@link #getMessage()} says why in one sentence, {@link #action()}
 * what to do. {@link DataFolderFailureAnalyzer} reports it in those words, without a stack trace.
 */
public class DataFolderException extends RuntimeException {

    private final String action;

    DataFolderException(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
