package io.yunying.push.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ResultMapper;
import io.quarkus.qute.Results;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.Variant;
import io.yunying.platform.problem.Problem;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.contact.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Templates are Qute templates written by operators at runtime. Only the variables listed here
 * exist; anything else is refused when the template is saved. Values are HTML-escaped in email
 * HTML, and the rendered HTML is sanitised (no scripts, event handlers or foreign protocols) before
 * its links are rewritten for click tracking.
 */
@ApplicationScoped
public class Renderer {

    static final Set<String> CONTACT_FIELDS = Set.of("externalId", "region", "locale", "timeZone", "platform",
            "membershipTier", "membershipExpiresAt", "ageBand", "gender", "attributes");
    static final Set<String> CARD_FIELDS = Set.of("id", "title", "summary", "coverUrl", "url");
    private static final Pattern ATTRIBUTE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Variant HTML = Variant.forContentType(Variant.TEXT_HTML);
    private static final Variant TEXT = Variant.forContentType(Variant.TEXT_PLAIN);
    private static final PolicyFactory BASE_POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.STYLES)
            .and(Sanitizers.TABLES).and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder().allowElements("span", "div", "center", "hr", "font")
                    .allowAttributes("align", "width", "height", "bgcolor", "cellpadding", "cellspacing", "border").globally()
                    .allowAttributes("color", "face", "size").onElements("font").toFactory());

    private final Engine engine = Engine.builder().addDefaults()
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addResultMapper(new Missing())
            .strictRendering(false)
            .build();
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    /**
     * A parsed template part. One without variables renders the same for everybody, so it is rendered
     * once per template version, locale and part rather than once per message.
     */
    private record Parsed(Template template, String constant) {
    }

    /** Missing values (an attribute a contact does not have) render as nothing; {x ?: 'default'} still applies. */
    private static final class Missing implements ResultMapper {
        @Override
        public int getPriority() {
            return 10;
        }

        @Override
        public boolean appliesTo(io.quarkus.qute.TemplateNode.Origin origin, Object result) {
            return Results.isNotFound(result) || result == null;
        }

        @Override
        public String map(Object result, Expression expression) {
            return "";
        }
    }

    /** Checks syntax, required fields and every variable of every locale; 400 naming each problem. */
    public void validate(TemplateRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!request.content().containsKey(request.defaultLocale())) {
            errors.add(new Problem.FieldError("content", "needs the default locale " + request.defaultLocale(), null));
        }
        request.content().forEach((locale, c) -> {
            String at = "content." + locale + ".";
            required(request.channel(), c).forEach(field -> errors.add(new Problem.FieldError(at + field, "required on " + request.channel(), null)));
            check(errors, at + "title", c.title(), request, false);
            check(errors, at + "body", c.body(), request, false);
            check(errors, at + "subject", c.subject(), request, false);
            check(errors, at + "html", c.html(), request, true);
            check(errors, at + "deepLink", c.deepLink(), request, false);
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "invalid-template", "Invalid template",
                    errors.get(0).field() + ": " + errors.get(0).message(), errors, Map.of());
        }
    }

    private static List<String> required(Channel channel, TemplateContent c) {
        List<String> missing = new ArrayList<>();
        switch (channel) {
            case PUSH, IN_APP, SMS -> {
                if (blank(c.body())) {
                    missing.add("body");
                }
            }
            case EMAIL -> {
                if (blank(c.subject())) {
                    missing.add("subject");
                }
                if (blank(c.html()) && blank(c.body())) {
                    missing.add("html");
                }
            }
        }
        return missing;
    }

    private void check(List<Problem.FieldError> errors, String field, String source, TemplateRequest request, boolean html) {
        if (blank(source)) {
            return;
        }
        Template template;
        try {
            template = engine.parse(source, html ? HTML : TEXT);
        } catch (TemplateException e) {
            errors.add(new Problem.FieldError(field, "not a valid template: " + e.getMessage(), null));
            return;
        }
        for (Expression expression : template.getExpressions()) {
            String problem = unknown(expression, request);
            if (problem != null) {
                errors.add(new Problem.FieldError(field, problem, null));
            }
        }
    }

    /** Why an expression is not allowed, or null. */
    private static String unknown(Expression expression, TemplateRequest request) {
        if (expression.isLiteral()) {
            return null;
        }
        String text = "{" + expression.toOriginalString() + "}";
        if (expression.hasNamespace()) {
            return "unknown variable " + text + ": namespaces are not available in messages";
        }
        List<String> names = new ArrayList<>();
        for (Expression.Part part : expression.getParts()) {
            if (part.isVirtualMethod()) {
                if (names.isEmpty()) {
                    return "unknown variable " + text;
                }
                break;
            }
            names.add(part.getName());
        }
        String root = names.get(0);
        String path = String.join(".", names);
        switch (root) {
            case "contact" -> {
                if (names.size() < 2 || !CONTACT_FIELDS.contains(names.get(1))) {
                    return "unknown variable " + path + "; contact has " + String.join(", ", CONTACT_FIELDS.stream().sorted().toList());
                }
                if (names.get(1).equals("attributes")) {
                    if (names.size() != 3 || !ATTRIBUTE.matcher(names.get(2)).matches()) {
                        return "unknown variable " + path + "; use contact.attributes.<key>";
                    }
                } else if (names.size() > 2) {
                    return "unknown variable " + path;
                }
                return null;
            }
            case "card" -> {
                if (request.contentId() == null || request.contentId().isBlank()) {
                    return "unknown variable " + path + ": the template names no content item (contentId)";
                }
                if (names.size() != 2 || !CARD_FIELDS.contains(names.get(1))) {
                    return "unknown variable " + path + "; card has " + String.join(", ", CARD_FIELDS.stream().sorted().toList());
                }
                return null;
            }
            case "unsubscribeUrl" -> {
                return request.channel() == Channel.EMAIL && names.size() == 1 ? null
                        : "unknown variable " + path + ": only email templates have an unsubscribe link";
            }
            default -> {
                return "unknown variable " + path;
            }
        }
    }

    /**
     * Renders a template for one contact on one channel (the template's own, or a fallback channel).
     * {@code links} rewrites http(s) links for click tracking (identity for previews);
     * {@code openPixel} is appended to email HTML when not null.
     */
    public Rendered render(TemplateView t, Channel channel, String contactLocale, Map<String, Object> data,
                           UnaryOperator<String> links, String openPixel) {
        String locale = t.localeFor(contactLocale);
        TemplateContent c = t.localised(contactLocale);
        String prefix = t.id() + ":" + t.version() + ":" + locale + ":";
        String title = text(prefix + "title", c.title(), data);
        String body = text(prefix + "body", c.body(), data);
        String subject = text(prefix + "subject", c.subject(), data);
        String deepLink = text(prefix + "deepLink", c.deepLink(), data);
        if (deepLink != null && isWeb(deepLink)) {
            deepLink = links.apply(deepLink);
        }
        return switch (channel) {
            case PUSH, IN_APP -> new Rendered(channel, locale, title != null ? title : subject, body, null, null, deepLink, Map.of());
            case SMS -> new Rendered(channel, locale, null, body != null ? body : title, null, null, null, Map.of());
            case EMAIL -> {
                String unsubscribeUrl = (String) data.get("unsubscribeUrl");
                String rawHtml = c.html() != null ? render(prefix + "html", c.html(), HTML, data)
                        : "<p>" + escape(body != null ? body : "") + "</p>";
                String html = sanitise(rawHtml, links, unsubscribeUrl);
                if (unsubscribeUrl != null && (c.html() == null || !c.html().contains("unsubscribeUrl"))) {
                    html += "<p style=\"font-size:12px;color:#888\"><a href=\"" + escapeAttribute(unsubscribeUrl) + "\">退订 Unsubscribe</a></p>";
                }
                if (openPixel != null) {
                    html += "<img src=\"" + escapeAttribute(openPixel) + "\" width=\"1\" height=\"1\" alt=\"\" />";
                }
                Map<String, String> headers = new LinkedHashMap<>();
                if (unsubscribeUrl != null) {
                    headers.put("List-Unsubscribe", "<" + unsubscribeUrl + ">");
                    headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                }
                yield new Rendered(channel, locale, null, body, subject != null ? subject : title, html, deepLink, headers);
            }
        };
    }

    private String text(String key, String source, Map<String, Object> data) {
        return blank(source) ? null : render(key, source, TEXT, data);
    }

    private String render(String key, String source, Variant variant, Map<String, Object> data) {
        Parsed p = parsed.computeIfAbsent(key, k -> {
            Template template = engine.parse(source, variant);
            boolean constant = template.getExpressions().stream().allMatch(Expression::isLiteral);
            return new Parsed(template, constant ? template.render() : null);
        });
        return p.constant() != null ? p.constant() : p.template().data(data).render();
    }

    /** Sanitises the HTML; http(s) links are rewritten through {@code links}, except the unsubscribe link. */
    private static String sanitise(String html, UnaryOperator<String> links, String unsubscribeUrl) {
        PolicyFactory policy = BASE_POLICY.and(new HtmlPolicyBuilder()
                .allowStandardUrlProtocols()
                .allowElements("a")
                .allowAttributes("title", "target").onElements("a")
                .allowAttributes("href").matching((element, attribute, value) ->
                        value.equals(unsubscribeUrl) || !isWeb(value) ? value : links.apply(value))
                .onElements("a")
                .requireRelNofollowOnLinks()
                .toFactory());
        return policy.sanitize(html);
    }

    static boolean isWeb(String url) {
        String lower = url.toLowerCase();
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String escapeAttribute(String s) {
        return escape(s).replace("\"", "&#34;");
    }
}
