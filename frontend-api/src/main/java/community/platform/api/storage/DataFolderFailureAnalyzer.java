package community.platform.api.storage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start that cannot use its data folder ends with what is wrong and what to do, instead of the chain of beans that
 * needed the store (registered in {@code META-INF/spring.factories}).
 */
class DataFolderFailureAnalyzer extends AbstractFailureAnalyzer<DataFolderException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataFolderException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
