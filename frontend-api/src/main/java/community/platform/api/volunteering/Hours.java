package community.platform.api.volunteering;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Minutes as hours, to two decimals: 95 minutes are 1.58 hours. */
public final class Hours {

    private Hours() {
    }

    public static BigDecimal of(long minutes) {
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }
}
