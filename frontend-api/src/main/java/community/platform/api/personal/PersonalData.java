package community.platform.api.personal;

import community.platform.api.web.ApiProblemException;
import community.platform.api.web.Views;
import community.platform.shared.ErrorCode;
import community.platform.shared.accounts.AccountRecord;
import community.platform.shared.accounts.FindAccountRecordQuery;
import community.platform.shared.courses.CourseDetails;
import community.platform.shared.courses.FindGuardianCoursesQuery;
import community.platform.shared.festival.FindResidentFestivalRecordsQuery;
import community.platform.shared.festival.ResidentFestivalRecord;
import community.platform.shared.notices.FindNoticesQuery;
import community.platform.shared.notices.Notice;
import community.platform.shared.personal.ConsentRecord;
import community.platform.shared.personal.ListConsentsQuery;
import community.platform.shared.volunteering.FindVolunteerRecordsQuery;
import community.platform.shared.volunteering.VolunteerRecord;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A person's copy of what is held about them and their children, for the API and the "my data" page alike. Every
 * query is keyed by the caller's own username, never by anything in the request.
 */
@Component
public class PersonalData {

    private final Views views;

    PersonalData(Views views) {
        this.views = views;
    }

    public Mono<PersonalDataExport> of(String caller) {
        return Mono.zip(views.find(new FindAccountRecordQuery(caller), AccountRecord.class)
                             .switchIfEmpty(Mono.error(() -> new ApiProblemException(
                                     ErrorCode.ACCOUNT_NOT_FOUND, "Your account is not in the accounts view"))),
                        views.list(new FindVolunteerRecordsQuery(caller), VolunteerRecord.class),
                        views.list(new FindResidentFestivalRecordsQuery(caller), ResidentFestivalRecord.class),
                        views.list(new FindGuardianCoursesQuery(caller), CourseDetails.class),
                        views.list(new FindNoticesQuery(caller), Notice.class),
                        views.list(new ListConsentsQuery(caller), ConsentRecord.class))
                   .map(held -> PersonalDataExport.of(GenericEventMessage.clock.instant(), caller, held.getT1(),
                                                      held.getT2(), held.getT3(), held.getT4(), held.getT5(),
                                                      held.getT6()));
    }

    /** The header that makes a browser save the copy as a file named for its owner. */
    public static String attachment(String caller) {
        return ContentDisposition.attachment().filename("my-data-" + caller + ".json").build().toString();
    }
}
