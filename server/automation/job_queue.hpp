#pragma once
// The job queue is automation/jobs_repo.hpp. This name stays only for the files being moved
// to their own folders now (api/queue_routes, api/lead_actions_routes, automation/rule_engine):
// remove it once they include jobs_repo.hpp.
#include "automation/jobs_repo.hpp"
