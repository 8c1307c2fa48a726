package io.yunying.push.provider;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email over SMTP (Quarkus Mailer). The Message-ID is derived from the delivery id, so a message sent
 * again after a crash carries the same id. A 5xx refusal of the recipient is a bounce (permanent);
 * anything else (connection refused, 4xx) is retried.
 */
@ApplicationScoped
public class EmailProvider {

    private static final Pattern SMTP_CODE = Pattern.compile("\\b([45])\\d\\d\\b");

    private final ReactiveMailer mailer;
    private final ProviderConfig config;

    public EmailProvider(ReactiveMailer mailer, ProviderConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    public static String messageId(long deliveryId) {
        return "<delivery-" + deliveryId + "@yunying>";
    }

    public Uni<SendResult> send(Outgoing out) {
        Mail mail = Mail.withHtml(out.address(), out.message().subject(), out.message().html())
                .setFrom(config.emailFrom())
                .addHeader("Message-ID", messageId(out.deliveryId()))
                .addHeader("Idempotency-Key", out.idempotencyKey());
        if (out.message().body() != null) {
            mail.setText(out.message().body());
        }
        out.message().headers().forEach(mail::addHeader);
        return mailer.send(mail)
                .replaceWith((SendResult) new SendResult.Sent(messageId(out.deliveryId())))
                .onFailure().recoverWithItem(EmailProvider::read);
    }

    static SendResult read(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        Matcher code = SMTP_CODE.matcher(message);
        if (code.find() && code.group(1).equals("5") && (message.contains("RCPT") || message.contains("recipient")
                || message.contains("mailbox") || message.contains("550") || message.contains("553"))) {
            return new SendResult.Permanent("bounced: " + message);
        }
        return new SendResult.Retry("smtp: " + message, null);
    }
}
