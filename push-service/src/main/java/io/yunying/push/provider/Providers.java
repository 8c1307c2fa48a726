package io.yunying.push.provider;

import io.smallrye.mutiny.Uni;
import io.yunying.push.contact.Platform;
import io.yunying.push.inbox.InboxRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Picks the provider for a message: by channel, and for push by the contact's platform (APNs for iOS, FCM otherwise). */
@ApplicationScoped
public class Providers {

    private final EmailProvider email;
    private final FcmProvider fcm;
    private final ApnsProvider apns;
    private final SmsProvider sms;
    private final InboxRepository inbox;
    private final Clock clock;

    public Providers(EmailProvider email, FcmProvider fcm, ApnsProvider apns, SmsProvider sms, InboxRepository inbox, Clock clock) {
        this.email = email;
        this.fcm = fcm;
        this.apns = apns;
        this.sms = sms;
        this.inbox = inbox;
        this.clock = clock;
    }

    public Uni<SendResult> send(Outgoing out) {
        return switch (out.channel()) {
            case EMAIL -> email.send(out);
            case SMS -> sms.send(out);
            case PUSH -> out.platform() == Platform.IOS ? apns.send(out) : fcm.send(out);
            case IN_APP -> inbox.deliver(out.deliveryId(), out.contactId(), out.message().title(), out.message().body(),
                            out.message().deepLink(), clock.instant())
                    .map(id -> (SendResult) new SendResult.Sent("inbox:" + id))
                    .onFailure().recoverWithItem(e -> new SendResult.Retry("inbox: " + e.getMessage(), null));
        };
    }
}
