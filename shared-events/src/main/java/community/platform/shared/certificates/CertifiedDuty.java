package community.platform.shared.certificates;

import java.time.LocalDate;

/** One duty a certificate counts: the post, the day it was held (Beijing time), and the minutes credited for it. */
public record CertifiedDuty(String postId, String title, LocalDate date, long minutes) {
}
