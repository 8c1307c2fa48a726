package io.yunying.push.consent;

import io.smallrye.mutiny.Uni;
import io.yunying.platform.problem.ProblemException;
import io.yunying.push.contact.Channel;
import io.yunying.push.contact.ContactService;
import io.yunying.push.contact.ContactView;
import io.yunying.push.contact.DoNotDisturb;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

@ApplicationScoped
public class ConsentService {

    public static final String TOPIC = "\\*|[a-z0-9][a-z0-9_-]{0,63}";
    public static final String WHOLE_CHANNEL = "*";

    private final ConsentRepository consents;
    private final ContactService contacts;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, ContactService contacts, Clock clock) {
        this.consents = consents;
        this.contacts = contacts;
        this.clock = clock;
    }

    public Uni<ConsentView> set(String externalId, ConsentRequest request, String defaultSource) {
        String topic = request.topic() == null ? WHOLE_CHANNEL : request.topic();
        String source = request.source() == null || request.source().isBlank() ? defaultSource : request.source();
        return contacts.get(externalId)
                .flatMap(c -> consents.set(c.id(), request.channel(), topic, request.status(), source, clock.instant()));
    }

    public Uni<List<ConsentView>> list(String externalId) {
        return contacts.get(externalId).flatMap(c -> consents.list(c.id()));
    }

    public Uni<ConsentCheck> check(String externalId, Channel channel, String topic) {
        String t = topic == null ? WHOLE_CHANNEL : topic;
        if (!t.matches(TOPIC)) {
            throw ProblemException.invalid("topic", "a topic is lower-case letters, digits, _ or -; * means the whole channel");
        }
        return contacts.get(externalId).flatMap(c -> consents.granted(c.id(), channel, t)
                .flatMap(granted -> (channel == Channel.EMAIL ? consents.tokenOf(c.id()) : Uni.createFrom().<String>nullItem())
                        .map(token -> new ConsentCheck(channel, t, granted, quietNow(c), c.timeZone(), token))));
    }

    /**
     * One-click unsubscribe (RFC 8058): the token in the email's List-Unsubscribe link is the only
     * credential, and it unsubscribes from email only, from one topic or from all email.
     */
    public Uni<ConsentView> unsubscribe(String token, String topic) {
        String t = topic == null || topic.isBlank() ? WHOLE_CHANNEL : topic;
        if (!t.matches(TOPIC)) {
            throw ProblemException.invalid("topic", "a topic is lower-case letters, digits, _ or -; * means the whole channel");
        }
        return consents.contactByToken(token)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("unsubscribe token", "given"))
                .flatMap(id -> consents.set(id, Channel.EMAIL, t, ConsentStatus.UNSUBSCRIBED, "one-click", clock.instant()));
    }

    private boolean quietNow(ContactView c) {
        DoNotDisturb dnd = c.doNotDisturb();
        if (dnd == null) {
            return false;
        }
        LocalTime local = clock.instant().atZone(ZoneId.of(c.timeZone())).toLocalTime();
        if (dnd.start().isBefore(dnd.end())) {
            return !local.isBefore(dnd.start()) && local.isBefore(dnd.end());
        }
        return !local.isBefore(dnd.start()) || local.isBefore(dnd.end());
    }
}
