package community.platform.api.pages;

import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

import java.time.Duration;
import java.util.Locale;

/**
 * The pages' language, Simplified Chinese or English: the one chosen with the switch on every page ({@code ?lang=zh}
 * or {@code ?lang=en}, remembered in a cookie for a year), else the browser's {@code Accept-Language}, else Chinese.
 */
@Component("localeContextResolver")
public class PageLocales implements LocaleContextResolver {

    static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final String COOKIE = "lang";
    static final String PARAMETER = "lang";

    @Override
    public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
        Locale chosen = supported(exchange.getRequest().getQueryParams().getFirst(PARAMETER));
        if (chosen != null) {
            remember(exchange, chosen);
            return new SimpleLocaleContext(chosen);
        }
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        chosen = cookie == null ? null : supported(cookie.getValue());
        if (chosen != null) {
            return new SimpleLocaleContext(chosen);
        }
        for (Locale.LanguageRange range : exchange.getRequest().getHeaders().getAcceptLanguage()) {
            chosen = supported(range.getRange());
            if (chosen != null) {
                return new SimpleLocaleContext(chosen);
            }
        }
        return new SimpleLocaleContext(CHINESE);
    }

    @Override
    public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
        Locale locale = localeContext == null ? null : supported(String.valueOf(localeContext.getLocale()));
        remember(exchange, locale == null ? CHINESE : locale);
    }

    /** Chinese for {@code zh…}, English for {@code en…}, otherwise null. */
    static Locale supported(String tag) {
        if (tag == null) {
            return null;
        }
        String language = tag.toLowerCase(Locale.ROOT);
        return language.startsWith("zh") ? CHINESE : language.startsWith("en") ? Locale.ENGLISH : null;
    }

    private static void remember(ServerWebExchange exchange, Locale locale) {
        exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, locale.getLanguage()).path("/")
                                                       .maxAge(Duration.ofDays(365)).sameSite("Lax").build());
    }
}
