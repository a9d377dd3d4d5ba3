package org.mlagateway.alerts;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.mlagateway.config.SmtpConfig;

/**
 * Sends an alert as a plain-text mail through the configured server with Jakarta Mail (Eclipse Angus).
 * STARTTLS is required when configured (RFC 3207: a server that does not offer it is not used in clear),
 * SMTPS speaks TLS from the start (RFC 8314) and checks the server's name; the text is the webhook's JSON
 * body after a one-line summary, so it names no person either.
 */
final class MailNotifier implements Notifier {
    private final SmtpConfig config;
    private final Session session;

    MailNotifier(SmtpConfig config) {
        this.config = config;
        Properties p = new Properties();
        String protocol = "SMTPS".equals(config.security()) ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        p.setProperty("mail.transport.protocol", protocol);
        p.setProperty(prefix + "host", config.host());
        p.setProperty(prefix + "port", String.valueOf(config.port()));
        String millis = String.valueOf(config.timeout().toMillis());
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        p.setProperty(prefix + "writetimeout", millis);
        p.setProperty(prefix + "auth", String.valueOf(config.username() != null));
        if ("STARTTLS".equals(config.security())) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        if (!"NONE".equals(config.security())) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
        }
        this.session = Session.getInstance(p);
    }

    @Override
    public String channel() {
        return "email";
    }

    @Override
    public void send(Alert alert) throws AlertNotSent {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(config.from(), true));
            for (String to : config.to()) {
                mail.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            }
            mail.setSubject("[MLA Gateway] " + alert.summary(), "UTF-8");
            mail.setSentDate(Date.from(alert.at()));
            mail.setText(
                    alert.summary() + "\n\n" + new String(WebhookNotifier.body(alert), StandardCharsets.UTF_8) + "\n",
                    "UTF-8");
            try (Transport transport = session.getTransport()) {
                if (config.username() != null) {
                    transport.connect(
                            config.username(), new String(config.password().reveal()));
                } else {
                    transport.connect();
                }
                transport.sendMessage(mail, mail.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw new AlertNotSent("mail not accepted: " + e.getClass().getSimpleName(), e);
        }
    }
}
