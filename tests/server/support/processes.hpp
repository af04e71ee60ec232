#pragma once
// The real crm-server binary as a separate process (what an owner runs), and the local peers
// the tests talk to (Debian's aiosmtpd as a real SMTP server on loopback).
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace crm::testing {

// A port nothing listens on right now (the kernel's choice), for a server started next.
int free_port();

// Environment variables set for the life of the object, then removed (the App reads
// providers' settings from the environment).
struct ScopedEnv {
    std::vector<std::string> keys;
    void set(const std::string& k, const std::string& v);
    ~ScopedEnv();
};

struct CommandResult {
    int exit_code = -1;
    std::string out, err;
};

// Runs a program (full path first) with only `env` (plus PATH), `input` on its standard input,
// and waits for it to end.
CommandResult run_program(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                          const std::string& input = "");

// Runs crm-server with `args`, only `env` as its environment (plus PATH), `input` on its
// standard input, and waits for it to end.
CommandResult run_crm_server(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                             const std::string& input = "");

// crm-server serving in the background until stop(): started() says whether it printed its
// "listening on" line (false: it exited first; exit_code() and err() say why).
class ServerProcess {
public:
    ServerProcess(const std::map<std::string, std::string>& env);
    ~ServerProcess();
    bool started() const { return port_ != 0; }
    int port() const { return port_; }
    int exit_code() const { return exit_code_; }
    const std::string& err() const { return err_; }
    void stop();
    void kill_hard();  // SIGKILL: no shutdown, no flush, mid-request (a machine that dies)

private:
    pid_t pid_ = 0;
    int port_ = 0;
    int exit_code_ = -1;
    std::string err_;
    std::string dir_;
};

// Debian's haproxy on loopback in front of `backend_ports`: round-robin per request, each
// answer naming the instance that gave it in X-Served-By ("a", "b", … in the order given), the
// client's address passed on in X-Forwarded-For. An instance is checked (GET /healthz) every
// 100 ms and taken out after one failed check; a connection refused is retried on the next.
class LoadBalancer {
public:
    explicit LoadBalancer(const std::vector<int>& backend_ports);
    ~LoadBalancer();
    int port() const { return port_; }

private:
    std::string dir_;
    int port_ = 0;
    pid_t pid_ = 0;
};

// aiosmtpd on loopback, keeping every message it receives in a maildir.
class SmtpMailbox {
public:
    SmtpMailbox();
    ~SmtpMailbox();
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }
    std::vector<std::string> messages() const;  // raw RFC 5322 text, in arrival order
    // The decoded parts of a message with this content type (Python's e-mail parser: an
    // independent reader); plain_text is its text/plain.
    static std::string decoded_parts(const std::string& raw_message, const std::string& content_type);
    static std::string plain_text(const std::string& raw_message) { return decoded_parts(raw_message, "text/plain"); }

private:
    std::string dir_;
    int port_ = 0;
    pid_t pid_ = 0;
};

}  // namespace crm::testing
