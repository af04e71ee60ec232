#pragma once
// The files under the repository's assets/ folder that the server reads at run time: the fonts
// and logo of the lead package PDF, the package page's layout and style, the e-mail texts.
// Kept as files so the owner can reword an e-mail or restyle the page without a rebuild
// (a restart reads them again).
#include <map>
#include <string>

namespace crm::assets {

// The folder: CRM_ASSETS_DIR when set, else the assets/ of the source tree the server was
// built from.
const std::string& directory();
std::string path(const std::string& relative);

// A text asset's content, read once and then kept. Throws std::runtime_error naming the file.
const std::string& text(const std::string& relative);

// A text template with {{name}} placeholders filled from `values` (inserted as given: the
// caller escapes for HTML). A placeholder without a value throws: a template edited with a
// typo fails at start-up (check_present) or in a test, never as a blank in a sent message.
std::string fill(const std::string& relative, const std::map<std::string, std::string>& values);

// Every asset the server uses exists and each template's placeholders are the ones the code
// fills. Run at start-up; throws std::runtime_error naming the first problem.
void check_present();

}  // namespace crm::assets
