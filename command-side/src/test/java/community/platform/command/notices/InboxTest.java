package community.platform.command.notices;

import community.platform.shared.notices.MarkNoticeReadCommand;
import community.platform.shared.notices.NoticeReadEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

class InboxTest {

    private final AggregateTestFixture<Inbox> fixture = new AggregateTestFixture<>(Inbox.class);

    @Test
    void readingANoticeIsRecorded() {
        fixture.givenNoPriorActivity()
               .when(new MarkNoticeReadCommand("inbox-lihua", "lihua", "n-1"))
               .expectEvents(new NoticeReadEvent("inbox-lihua", "lihua", "n-1"));
    }

    @Test
    void readingANoticeTwiceRecordsNothingNew() {
        fixture.given(new NoticeReadEvent("inbox-lihua", "lihua", "n-1"))
               .when(new MarkNoticeReadCommand("inbox-lihua", "lihua", "n-1"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }
}
