package community.platform.query.notices;

/**
 * Where notices go besides the in-app inbox: the seam for SMS or e-mail. Called once per notice, never during a
 * replay. The platform's own channel only logs; a deployment replaces the bean.
 */
public interface NoticeChannel {

    void deliver(String recipient, String subject, String body);
}
