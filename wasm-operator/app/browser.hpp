#pragma once
// The browser's side effects the controller asks for: open a link, save a file, copy a text.
#include <string>

namespace crm::console {

void open_url(const std::string& url);  // a new tab (tel:, wa.me, PDFs)
void save_file(const std::string& name, const std::string& mime, const std::string& data);
void copy_to_clipboard(const std::string& text);

}  // namespace crm::console
