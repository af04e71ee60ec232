#!/usr/bin/env python3
"""The operator's writes during a mixed benchmark (scripts/bench-load): an outcome or a note on a
random benchmark lead, RATE times a second for SECONDS, on a fixed schedule (a slow answer does
not push the next write back). Prints the writes' count, p50, p99 and errors.

    steady_writer.py BASE_URL SESSION_COOKIE LEADS RATE SECONDS
"""
import http.client
import json
import random
import sys
import time
from urllib.parse import urlparse

base, cookie, leads, rate, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
url = urlparse(base)
random.seed(21)
headers = {"Cookie": "crm_session=" + cookie, "Content-Type": "application/json", "X-Requested-With": "crm"}
latencies, errors = [], 0
start = time.monotonic()
n = 0
while n < rate * seconds:
    due = start + n / rate
    pause = due - time.monotonic()
    if pause > 0:
        time.sleep(pause)
    lead = random.randint(41, 40 + leads)  # the benchmark's leads come after the 40 seeded ones
    if n % 2 == 0:
        path, body = f"/api/leads/{lead}/outcome", {"outcome": random.choice(["no_answer", "voicemail", "answered"])}
    else:
        path, body = f"/api/leads/{lead}/notes", {"text": f"Note de charge {n}"}
    t0 = time.monotonic()
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        conn.request("POST", path, json.dumps(body), headers)
        status = conn.getresponse().status
        if status >= 300 and status != 409:  # 409: a lead nobody may call, answered at once
            errors += 1
    except OSError:
        errors += 1
    finally:
        conn.close()
    latencies.append(time.monotonic() - t0)
    n += 1

latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
print(f"{len(latencies)} writes, p50 {pct(0.50):.2f}ms, p99 {pct(0.99):.2f}ms, errors {errors}")
