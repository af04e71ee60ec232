#include "integrations/providers.hpp"

#include "integrations/curl_util.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>

namespace crm::integrations {

namespace {

std::string env_or(const char* key, const std::string& fallback) {
    const char* v = std::getenv(key);
    return v && *v ? std::string(v) : fallback;
}

std::string base64(const std::string& in) {
    std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

// Base64 in lines of 76 characters, as MIME wants.
std::string base64_lines(const std::string& in) {
    const auto b = base64(in);
    std::string out;
    for (std::size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
    return out;
}

class OutboxSms : public SmsProvider {
public:
    std::string name() const override { return "outbox"; }
    SendResult send(const OutgoingSms&) override { return {true, "", "", false, true}; }
};

class OutboxEmail : public EmailProvider {
public:
    std::string name() const override { return "outbox"; }
    SendResult send(const OutgoingEmail&) override { return {true, "", "", false, true}; }
};

// Twilio's Messages API (or any server speaking it, such as the test stand-in).
class TwilioSms : public SmsProvider {
public:
    explicit TwilioSms(ProviderSettings s) : s_(std::move(s)) { global_curl_init(); }
    std::string name() const override { return "twilio"; }
    SendResult send(const OutgoingSms& sms) override {
        const auto answer = post_form(
            {s_.twilio_base_url + "/2010-04-01/Accounts/" + s_.twilio_account_sid + "/Messages.json",
             "To=" + url_escape(sms.to_e164) + "&From=" + url_escape(s_.twilio_from) + "&Body=" + url_escape(sms.body) +
                 (sms.status_callback_url.empty() ? "" : "&StatusCallback=" + url_escape(sms.status_callback_url)),
             {"I-Twilio-Idempotency-Token: " + sms.idempotency_key, "Idempotency-Key: " + sms.idempotency_key},
             s_.twilio_account_sid,
             s_.twilio_auth_token,
             s_.timeout_ms});
        if (!answer.transport_error.empty()) return {false, "", "sms provider: " + answer.transport_error, true};
        const auto status = answer.status;
        if (status < 200 || status >= 300)
            return {false, "", "sms provider answered HTTP " + std::to_string(status), status >= 500 || status == 429};
        auto j = nlohmann::json::parse(answer.body, nullptr, false);
        std::string sid = j.is_object() && j.contains("sid") && j["sid"].is_string() ? j["sid"].get<std::string>() : "";
        return {true, sid, "", false};
    }

private:
    ProviderSettings s_;
};

struct UploadState {
    const std::string* data;
    std::size_t offset = 0;
};

size_t upload(char* buf, size_t size, size_t n, void* user) {
    auto* st = static_cast<UploadState*>(user);
    const std::size_t left = st->data->size() - st->offset;
    const std::size_t len = std::min(left, size * n);
    std::memcpy(buf, st->data->data() + st->offset, len);
    st->offset += len;
    return len;
}

std::string address_only(const std::string& from) {
    const auto lt = from.find('<');
    const auto gt = from.find('>');
    if (lt != std::string::npos && gt != std::string::npos && gt > lt) return from.substr(lt + 1, gt - lt - 1);
    return from;
}

class SmtpEmail : public EmailProvider {
public:
    explicit SmtpEmail(ProviderSettings s) : s_(std::move(s)) { global_curl_init(); }
    std::string name() const override { return "smtp"; }
    SendResult send(const OutgoingEmail& email) override {
        char date[64];
        const std::time_t now = std::time(nullptr);
        std::tm tm{};
        gmtime_r(&now, &tm);
        std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
        const std::string message = build_mime_message(s_.smtp_from, email, date);
        CURL* curl = curl_easy_init();
        if (!curl) return {false, "", "curl init failed", true};
        curl_slist* rcpt = curl_slist_append(nullptr, ("<" + email.to + ">").c_str());
        UploadState st{&message};
        const std::string from = "<" + address_only(s_.smtp_from) + ">";
        curl_easy_setopt(curl, CURLOPT_URL, s_.smtp_url.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
        curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, upload);
        curl_easy_setopt(curl, CURLOPT_READDATA, &st);
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, std::min(s_.timeout_ms, 5000L));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, s_.timeout_ms);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        const CURLcode rc = curl_easy_perform(curl);
        curl_slist_free_all(rcpt);
        curl_easy_cleanup(curl);
        if (rc != CURLE_OK) return {false, "", std::string("smtp: ") + curl_easy_strerror(rc), true};
        return {true, "<" + email.idempotency_key + "@lead-crm>", "", false};
    }

private:
    ProviderSettings s_;
};

}  // namespace

ProviderSettings ProviderSettings::from_environment() {
    ProviderSettings s;
    s.sms_provider = env_or("SMS_PROVIDER", s.sms_provider);
    s.twilio_account_sid = env_or("TWILIO_ACCOUNT_SID", "");
    s.twilio_auth_token = env_or("TWILIO_AUTH_TOKEN", "");
    s.twilio_from = env_or("TWILIO_FROM", "");
    s.twilio_base_url = env_or("TWILIO_BASE_URL", s.twilio_base_url);
    s.email_provider = env_or("EMAIL_PROVIDER", s.email_provider);
    s.smtp_url = env_or("SMTP_URL", "");
    s.smtp_from = env_or("SMTP_FROM", s.smtp_from);
    if (!s.smtp_url.empty() && std::getenv("EMAIL_PROVIDER") == nullptr) s.email_provider = "smtp";
    s.timeout_ms = std::atol(env_or("PROVIDER_TIMEOUT_MS", "10000").c_str());
    if (s.timeout_ms <= 0) s.timeout_ms = 10000;
    return s;
}

std::unique_ptr<SmsProvider> make_sms_provider(const ProviderSettings& s) {
    if (s.sms_provider == "twilio") return std::make_unique<TwilioSms>(s);
    return std::make_unique<OutboxSms>();
}

std::unique_ptr<EmailProvider> make_email_provider(const ProviderSettings& s) {
    if (s.email_provider == "smtp" && !s.smtp_url.empty()) return std::make_unique<SmtpEmail>(s);
    return std::make_unique<OutboxEmail>();
}

std::string build_mime_message(const std::string& from, const OutgoingEmail& email, const std::string& date) {
    std::string m;
    m += "Date: " + date + "\r\n";
    m += "From: " + from + "\r\n";
    m += "To: <" + email.to + ">\r\n";
    m += "Message-ID: <" + email.idempotency_key + "@lead-crm>\r\n";
    m += "Subject: =?UTF-8?B?" + base64(email.subject) + "?=\r\n";
    m += "MIME-Version: 1.0\r\n";
    const std::string text_part =
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
        base64_lines(email.body);
    if (!email.attachment) {
        m += text_part;
        return m;
    }
    const std::string boundary = "=_crm_" + email.idempotency_key;
    m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    m += "--" + boundary + "\r\n" + text_part;
    m += "--" + boundary + "\r\n";
    m += "Content-Type: " + email.attachment->content_type + "; name=\"" + email.attachment->filename + "\"\r\n";
    m += "Content-Disposition: attachment; filename=\"" + email.attachment->filename + "\"\r\n";
    m += "Content-Transfer-Encoding: base64\r\n\r\n";
    m += base64_lines(email.attachment->data);
    m += "--" + boundary + "--\r\n";
    return m;
}

}  // namespace crm::integrations
