package community.platform.api.privacy;

import community.platform.shared.personal.ChildDataNotice;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Period;

/**
 * The notice a guardian consents to before enrolling a child, for the API and the enrollment form alike. Its text is
 * the published language's ({@link ChildDataNotice}); the retention period it states is this deployment's setting.
 */
@Service
public class PrivacyNotices {

    private final ChildDataNotice children;

    PrivacyNotices(@Value("${platform.personal-data.child-retention:P12M}") Period retention) {
        this.children = ChildDataNotice.current(retention);
    }

    public ChildDataNotice children() {
        return children;
    }
}
