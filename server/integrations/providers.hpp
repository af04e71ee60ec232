#pragma once
// Outbound channels behind one interface each. The default ("outbox") sends nothing: the
// message stays in the `messages` table, shown in the UI, so the app works fully offline.
// Real providers go over libcurl with timeouts, so a slow or dead peer fails a job (which is
// retried later) instead of hanging a thread.
#include <memory>
#include <optional>
#include <string>

namespace crm::integrations {

struct SendResult {
    bool ok = false;
    std::string provider_id;  // the provider's message id (empty when kept in the outbox)
    std::string error;        // short, never containing the message body or the number
    bool retryable = true;
    bool kept_in_outbox = false;  // ok, but nothing left the machine: no provider is configured
};

struct OutgoingSms {
    std::string to_e164;
    std::string body;
    std::string idempotency_key;      // the job's key: a retried job is never sent twice
    std::string status_callback_url;  // where the provider posts its delivery receipt ("" = none)
};

struct Attachment {
    std::string filename;
    std::string content_type;  // e.g. "text/calendar; method=REQUEST"
    std::string data;
};

struct OutgoingEmail {
    std::string to;
    std::string subject;
    std::string body;  // plain text, UTF-8
    std::optional<Attachment> attachment;
    std::string idempotency_key;  // becomes the Message-ID
};

class SmsProvider {
public:
    virtual ~SmsProvider() = default;
    virtual std::string name() const = 0;  // outbox | twilio
    virtual SendResult send(const OutgoingSms& sms) = 0;
};

class EmailProvider {
public:
    virtual ~EmailProvider() = default;
    virtual std::string name() const = 0;  // outbox | smtp
    virtual SendResult send(const OutgoingEmail& email) = 0;
};

struct ProviderSettings {
    std::string sms_provider = "outbox";  // outbox | twilio
    std::string twilio_account_sid, twilio_auth_token, twilio_from;
    std::string twilio_base_url = "https://api.twilio.com";
    std::string email_provider = "outbox";  // outbox | smtp
    std::string smtp_url;                   // smtp://host:port or smtps://user:pass@host:465
    std::string smtp_from = "CRM <no-reply@localhost>";
    long timeout_ms = 10000;

    static ProviderSettings from_environment();
};

std::unique_ptr<SmsProvider> make_sms_provider(const ProviderSettings& s);
std::unique_ptr<EmailProvider> make_email_provider(const ProviderSettings& s);

// RFC 5322 message with an optional attachment (multipart/mixed), UTF-8 subject encoded.
std::string build_mime_message(const std::string& from, const OutgoingEmail& email, const std::string& date_rfc2822);

}  // namespace crm::integrations
