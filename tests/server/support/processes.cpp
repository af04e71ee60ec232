#include "support/processes.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <thread>

#include "support/test_server.hpp"

namespace crm::testing {

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Starts `argv` with `env`, stdin from `stdin_path` (or /dev/null), stdout and stderr into files.
pid_t spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
            const std::string& stdin_path, const std::string& out_path, const std::string& err_path) {
    std::vector<std::string> env_strings = {"PATH=/usr/bin:/bin"};
    for (const auto& [k, v] : env) env_strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : env_strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = args;
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) throw std::runtime_error("posix_spawn failed for " + args[0]);
    return pid;
}

int wait_exit(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool listening(int port) {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket s(ioc);
    boost::system::error_code ec;
    s.connect({boost::asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)}, ec);
    return !ec;
}

// A peer started in the background: up to 10 s for it to accept connections on `port`.
void wait_until_listening(int port, const std::string& what, const std::string& err_path) {
    for (int i = 0; i < 200 && !listening(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!listening(port)) throw std::runtime_error(what + " did not start: " + read_file(err_path));
}

void stop_and_remove(pid_t pid, const std::string& dir) {
    kill(pid, SIGTERM);
    wait_exit(pid);
    std::filesystem::remove_all(dir);
}

}  // namespace

int free_port() {
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::acceptor a(ioc, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

void ScopedEnv::set(const std::string& k, const std::string& v) {
    setenv(k.c_str(), v.c_str(), 1);
    keys.push_back(k);
}

ScopedEnv::~ScopedEnv() {
    for (const auto& k : keys) unsetenv(k.c_str());
}

CommandResult run_program(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                          const std::string& input) {
    const auto dir = make_temp_dir();
    std::ofstream(dir + "/in") << input;
    const pid_t pid = spawn(argv, env, dir + "/in", dir + "/out", dir + "/err");
    CommandResult r;
    r.exit_code = wait_exit(pid);
    r.out = read_file(dir + "/out");
    r.err = read_file(dir + "/err");
    std::filesystem::remove_all(dir);
    return r;
}

CommandResult run_crm_server(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
                             const std::string& input) {
    std::vector<std::string> argv = {CRM_SERVER_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_program(argv, env, input);
}

ServerProcess::ServerProcess(const std::map<std::string, std::string>& env) {
    dir_ = make_temp_dir();
    pid_ = spawn({CRM_SERVER_BINARY}, env, "", dir_ + "/out", dir_ + "/err");
    // Until it prints where it listens, or exits (bounded: 30 s).
    const std::regex listening_on("listening on https?://[^:]+:([0-9]+)");
    for (int i = 0; i < 600; ++i) {
        std::smatch m;
        const auto out = read_file(dir_ + "/out");
        if (std::regex_search(out, m, listening_on)) {
            port_ = std::stoi(m[1]);
            return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            err_ = read_file(dir_ + "/err");
            pid_ = 0;
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

void ServerProcess::stop() {
    if (pid_ == 0) return;
    kill(pid_, SIGTERM);
    exit_code_ = wait_exit(pid_);
    err_ = read_file(dir_ + "/err");
    pid_ = 0;
}

void ServerProcess::kill_hard() {
    if (pid_ == 0) return;
    kill(pid_, SIGKILL);
    exit_code_ = wait_exit(pid_);
    pid_ = 0;
}

ServerProcess::~ServerProcess() {
    stop();
    std::filesystem::remove_all(dir_);
}

LoadBalancer::LoadBalancer(const std::vector<int>& backend_ports) {
    dir_ = make_temp_dir();
    port_ = free_port();
    std::string config =
        "global\n"
        "    maxconn 512\n"
        "defaults\n"
        "    mode http\n"
        "    timeout connect 2s\n"
        "    timeout client 30s\n"
        "    timeout server 30s\n"
        "    retries 2\n"
        "    option redispatch 1\n"
        "frontend crm\n"
        "    bind 127.0.0.1:" +
        std::to_string(port_) +
        "\n"
        "    option forwardfor\n"
        "    default_backend instances\n"
        "backend instances\n"
        "    balance roundrobin\n"
        "    option httpchk GET /healthz\n"
        "    http-response set-header X-Served-By %[srv_name]\n";
    char name = 'a';
    for (const int p : backend_ports)
        config += std::string("    server ") + name++ + " 127.0.0.1:" + std::to_string(p) +
                  " check inter 100ms fall 1 rise 1\n";
    std::ofstream(dir_ + "/haproxy.cfg") << config;
    pid_ = spawn({"/usr/sbin/haproxy", "-db", "-f", dir_ + "/haproxy.cfg"}, {}, "", dir_ + "/out", dir_ + "/err");
    wait_until_listening(port_, "haproxy", dir_ + "/err");
}

LoadBalancer::~LoadBalancer() {
    stop_and_remove(pid_, dir_);
}

SmtpMailbox::SmtpMailbox() {
    dir_ = make_temp_dir();
    port_ = free_port();
    pid_ = spawn({"/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + std::to_string(port_), "-c",
                  "aiosmtpd.handlers.Mailbox", dir_ + "/mail"},
                 {}, "", dir_ + "/out", dir_ + "/err");
    wait_until_listening(port_, "aiosmtpd", dir_ + "/err");
}

SmtpMailbox::~SmtpMailbox() {
    stop_and_remove(pid_, dir_);
}

std::vector<std::string> SmtpMailbox::messages() const {
    std::vector<std::pair<std::filesystem::file_time_type, std::string>> files;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(dir_ + "/mail/new", ec))
        files.emplace_back(f.last_write_time(), f.path().string());
    std::sort(files.begin(), files.end());
    std::vector<std::string> out;
    for (const auto& [t, path] : files) out.push_back(read_file(path));
    return out;
}

}  // namespace crm::testing

namespace crm::testing {

std::string SmtpMailbox::decoded_parts(const std::string& raw_message, const std::string& content_type) {
    const auto dir = make_temp_dir();
    std::ofstream(dir + "/mail.eml") << raw_message;
    const auto r = run_program({"/usr/bin/python3", "-c",
                                "import email,sys; m=email.message_from_file(open(sys.argv[1])); "
                                "print(''.join(p.get_payload(decode=True).decode() for p in m.walk() "
                                "if p.get_content_type()==sys.argv[2]))",
                                dir + "/mail.eml", content_type},
                               {});
    std::filesystem::remove_all(dir);
    return r.out;
}

}  // namespace crm::testing
