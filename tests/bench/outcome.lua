-- wrk: POST /api/leads/{id}/outcome on random benchmark leads (ids after the 40 seeded ones).
-- The session cookie comes from the environment (scripts/bench-load logs in first).
local cookie = os.getenv("CRM_BENCH_COOKIE")
local first, last = 41, 40 + tonumber(os.getenv("CRM_BENCH_LEADS") or "100000")
local outcomes = { "no_answer", "voicemail", "answered" }
math.randomseed(42)
request = function()
  local id = math.random(first, last)
  local body = '{"outcome":"' .. outcomes[math.random(1, #outcomes)] .. '"}'
  return wrk.format("POST", "/api/leads/" .. id .. "/outcome", {
    ["Cookie"] = "crm_session=" .. cookie,
    ["Content-Type"] = "application/json",
    ["X-Requested-With"] = "crm",
  }, body)
end
