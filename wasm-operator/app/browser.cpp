#include "app/browser.hpp"

#include <emscripten.h>

namespace crm::console {

// clang-format off
void open_url(const std::string& url) {
    EM_ASM({ window.open(UTF8ToString($0), '_blank'); }, url.c_str());
}

void save_file(const std::string& name, const std::string& mime, const std::string& data) {
    EM_ASM({
        const blob = new Blob([UTF8ToString($2)], {type: UTF8ToString($1)});
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = UTF8ToString($0);
        document.body.appendChild(a);
        a.click();
        a.remove();
    }, name.c_str(), mime.c_str(), data.c_str());
}

// The async Clipboard API needs a secure context (https or localhost); elsewhere the text is
// selected in a temporary field and copied the old way.
void copy_to_clipboard(const std::string& text) {
    EM_ASM({
        const value = UTF8ToString($0);
        window.__crmLastCopied = value;
        const fallback = () => {
            const t = document.createElement('textarea');
            t.value = value;
            document.body.appendChild(t);
            t.select();
            try { document.execCommand('copy'); } catch (e) {}
            t.remove();
        };
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(value).catch(fallback);
        else fallback();
    }, text.c_str());
}
// clang-format on

}  // namespace crm::console
