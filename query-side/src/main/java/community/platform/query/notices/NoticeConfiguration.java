package community.platform.query.notices;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-app inbox only; a deployment that sends SMS or e-mail provides a {@code @Primary} {@link NoticeChannel}. */
@Configuration
public class NoticeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NoticeConfiguration.class);

    @Bean
    public NoticeChannel noticeChannel() {
        return (recipient, subject, body) -> log.debug("Notice for {}: {}", recipient, subject);
    }
}
