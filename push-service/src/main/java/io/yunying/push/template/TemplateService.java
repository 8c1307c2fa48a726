package io.yunying.push.template;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.consent.ConsentRepository;
import io.yunying.push.contact.Channel;
import io.yunying.push.contact.ContactService;
import io.yunying.push.contact.ContactView;
import io.yunying.push.support.KeyCursor;
import io.yunying.push.support.Page;
import io.yunying.platform.http.Versions;
import io.yunying.push.support.PgErrors;
import io.yunying.push.tracking.TrackingLinks;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;

@ApplicationScoped
public class TemplateService {

    static final String KEY = "[a-z0-9][a-z0-9_-]{0,63}";

    private final TemplateRepository templates;
    private final Renderer renderer;
    private final ContentCards cards;
    private final ContactService contacts;
    private final ConsentRepository consents;
    private final TrackingLinks links;
    private final TemplateConfig config;
    private final Clock clock;

    public TemplateService(TemplateRepository templates, Renderer renderer, ContentCards cards, ContactService contacts,
                           ConsentRepository consents, TrackingLinks links, TemplateConfig config, Clock clock) {
        this.templates = templates;
        this.renderer = renderer;
        this.cards = cards;
        this.contacts = contacts;
        this.consents = consents;
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    public Uni<TemplateView> create(TemplateRequest request) {
        renderer.validate(request);
        return templates.insert(request, clock.instant())
                .onFailure(PgErrors::isUniqueViolation).transform(e -> ProblemException.conflict("template-exists",
                        "Template key taken", "a template with key " + request.key() + " exists", Map.of("key", request.key())));
    }

    public Uni<TemplateView> get(String key) {
        return templates.find(key).onItem().ifNull().failWith(() -> ProblemException.notFound("template", key));
    }

    public Uni<TemplateView> update(String key, String ifMatch, TemplateRequest request) {
        if (!key.equals(request.key())) {
            throw ProblemException.invalid("key", "the key cannot be changed");
        }
        renderer.validate(request);
        Long expected = Versions.ifMatch(ifMatch);
        return get(key).flatMap(current -> templates.update(key, expected, request, clock.instant())
                .flatMap(n -> n == 0 ? Uni.createFrom().<TemplateView>failure(ProblemException.preconditionFailed(
                        "template " + key + " is at version " + current.version() + ", not " + expected)) : get(key)));
    }

    public Uni<Page<TemplateView>> list(String cursor, Integer limit) {
        String after = KeyCursor.decode(cursor);
        int size = io.yunying.push.support.Cursor.limit(limit);
        return templates.page(after, size + 1).map(rows -> rows.size() <= size ? new Page<>(rows, null)
                : new Page<>(rows.subList(0, size), KeyCursor.encode(rows.get(size - 1).key())));
    }

    /** The message a contact would receive now, links not rewritten. */
    public Uni<Rendered> preview(String key, PreviewRequest request) {
        return get(key).flatMap(t -> contacts.get(request.externalId()).flatMap(c -> {
            Channel channel = request.channel() == null ? t.channel() : request.channel();
            Uni<Card> card = t.contentId() == null ? Uni.createFrom().nullItem() : cards.card(t.contentId());
            Uni<String> token = channel == Channel.EMAIL ? consents.tokenOf(c.id()) : Uni.createFrom().nullItem();
            return Uni.combine().all().unis(card, token).asTuple()
                    .map(both -> renderer.render(t, channel, c.locale(), MessageData.of(contact(c), both.getItem1(), config.cardLink(),
                            both.getItem2() == null ? null : links.unsubscribe(both.getItem2())), UnaryOperator.identity(), null));
        }));
    }

    private static Map<String, Object> contact(ContactView c) {
        return MessageData.contact(c.externalId(), c.region(), c.locale(), c.timeZone(), c.platform() == null ? null : c.platform().name(),
                c.membershipTier(), c.membershipExpiresAt(), c.ageBand(), c.gender() == null ? null : c.gender().name(), c.attributes());
    }
}
