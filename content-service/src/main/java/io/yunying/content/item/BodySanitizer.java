package io.yunying.content.item;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Rich text is stored only after OWASP's allow-list sanitiser has run over it: formatting, blocks, tables,
 * images and links survive; scripts, event handlers, styles, frames and any URL that is not http(s) or
 * mailto do not. Sanitising on write means every reader (apps, admin UI, feeds) gets safe HTML.
 */
public final class BodySanitizer {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.LINKS)
            .and(Sanitizers.IMAGES)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("figure", "figcaption", "pre", "code", "hr", "br")
                    .toFactory());

    private BodySanitizer() {
    }

    public static String sanitize(String html) {
        return html == null ? "" : POLICY.sanitize(html);
    }
}
