#include "system/system_repo.hpp"

namespace crm::system {

void check_database_answers(db::Database& db) {
    db.prepare("SELECT 1").step();
}

}  // namespace crm::system
