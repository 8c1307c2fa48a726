#!/usr/bin/env python3
"""Two instances of every application on the same databases: do jobs and limits stay correct?

Starts the platform with YUNYING_INSTANCES=2 on its own ports and data folder (both instances of
each application start at the same moment on empty databases, so their migrations race), then:

1. scheduled publishing: N items scheduled for the same moment are published exactly once each,
   although both content-service instances run the publisher;
2. caches: an item unpublished through instance 1 is gone from instance 2's feed within the feed's
   Cache-Control max-age;
3. rate limits: each gateway replica enforces its own sign-in bucket (the documented per-replica
   behaviour), while account lock-out, kept in the database, holds across both replicas;
4. campaign deliveries: a campaign to N contacts, fanned out and dispatched by both push-service
   instances at once, reaches a local push provider exactly once per contact (the sink counts the
   requests and their distinct idempotency keys, without deduplicating);
5. hot topics: signals for one topic sent half through each community-service instance (with a
   redelivered batch and overlapping users), while both recompute in the background: both answer the
   same list, counting each distinct user once.

Prints a Markdown section for bench/RESULTS.md. Needs python3, psql and a built platform.
Usage: bench/scale-out/run.py [items]
"""
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import threading
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.path.join(ROOT, ".data-scale-out")
PORTS = {"gateway": 18080, "content": 18081, "community": 18082, "push": 18083, "db": 15442, "provider": 18170}
ITEMS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
CONTACTS = int(sys.argv[2]) if len(sys.argv) > 2 else 500


class ProviderSink(BaseHTTPRequestHandler):
    """A push provider that accepts everything and remembers every request's idempotency key."""
    keys = []
    lock = threading.Lock()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        key = self.headers.get("Idempotency-Key") or ""
        with ProviderSink.lock:
            ProviderSink.keys.append(key)
        body = json.dumps({"name": f"projects/scale-out/messages/{key}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def call(method, url, body=None, token=None, expect=None):
    """One request; a 503 (the gateway's "try again shortly" when a pooled connection to a service closed
    under a request it may not resend) is retried the way a client should, after a short pause."""
    for attempt in range(3):
        status, answer, headers = send(method, url, body, token)
        if status != 503 or attempt == 2:
            break
        time.sleep(1)
    if expect and status not in expect:
        raise SystemExit(f"{method} {url} answered {status}: {str(answer)[:300]}")
    return status, answer, headers


def send(method, url, body, token):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text, headers = response.status, response.read().decode(), response.headers
    except urllib.error.HTTPError as e:
        status, text, headers = e.code, e.read().decode(), e.headers
    return status, (json.loads(text) if text.strip().startswith(("{", "[")) else text), headers


def sql(query, database="content"):
    out = subprocess.run(["psql", "-h", "localhost", "-p", str(PORTS["db"]), "-U", "postgres", "-d", database,
                          "-At", "-c", query], capture_output=True, text=True, env={**os.environ, "PGPASSWORD": "postgres"})
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return out.stdout.strip()


def start_platform():
    shutil.rmtree(DATA, ignore_errors=True)
    env = {**os.environ, "YUNYING_INSTANCES": "2",
           # both push-service instances send to the local provider sink, at any hour
           "PUSH_PROVIDERS_FCM_URL": f"http://localhost:{PORTS['provider']}",
           "PUSH_DELIVERY_QUIET_HOURS_ENABLED": "false", "YUNYING_DATA_DIR": DATA, "YUNYING_DB_PORT": str(PORTS["db"]),
           "YUNYING_GATEWAY_PORT": str(PORTS["gateway"]), "YUNYING_CONTENT_PORT": str(PORTS["content"]),
           "YUNYING_COMMUNITY_PORT": str(PORTS["community"]), "YUNYING_PUSH_PORT": str(PORTS["push"])}
    log = open("/tmp/yunying-scale-out.log", "w")
    process = subprocess.Popen([os.path.join(ROOT, "yunying"), "run"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 400
    while time.time() < deadline:
        text = open("/tmp/yunying-scale-out.log").read()
        if "is running" in text:
            return process
        if process.poll() is not None:
            raise SystemExit("the platform did not start:\n" + text[-2000:])
        time.sleep(2)
    raise SystemExit("the platform did not start in time")


def password(role):
    for line in open(os.path.join(DATA, "demo-accounts.properties")):
        if line.startswith(role + "="):
            return line.split("=", 1)[1].strip()


def sign_in(gateway, role):
    _, answer, _ = call("POST", gateway + "/api/auth/sign-in", {"username": role, "password": password(role)}, expect={200})
    return answer["accessToken"]


def main():
    sink = ThreadingHTTPServer(("localhost", PORTS["provider"]), ProviderSink)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    process = start_platform()
    results = []
    try:
        gw1 = f"http://localhost:{PORTS['gateway']}"
        gw2 = f"http://localhost:{PORTS['gateway'] + 10}"
        c1 = f"http://localhost:{PORTS['content']}"
        c2 = f"http://localhost:{PORTS['content'] + 10}"
        editor = sign_in(gw1, "editor")
        # every token first: check 3 spends the sign-in bucket of this address
        operator = sign_in(gw1, "operator")
        admin = sign_in(gw1, "admin")
        migrations = sql("select count(*) from flyway_schema_history where success")
        failed = sql("select count(*) from flyway_schema_history where not success")
        results.append(("both content-service instances migrated one empty database at once",
                        f"{migrations} migrations applied once, {failed} failed", failed == "0"))

        # 1. scheduled publishing fires once
        run = datetime.now(timezone.utc).strftime("%H%M%S")
        category = f"scale-out-{run}"
        call("PUT", f"{gw1}/api/content/categories/{category}", {"slug": category, "name": "Scale-out", "requiresReview": False},
             editor, {200, 201})
        due = (datetime.now(timezone.utc) + timedelta(seconds=45 + ITEMS // 10)).isoformat(timespec="seconds").replace("+00:00", "Z")
        ids = []
        for i in range(ITEMS):
            _, item, _ = call("POST", gw1 + "/api/content/items", {"type": "ARTICLE", "source": "PGC",
                              "title": f"Scale-out {run} #{i}", "slug": f"scale-out-{run}-{i}", "author": "editor-bench",
                              "body": "<p>two instances</p>", "category": category}, editor, {201})
            ids.append(item["id"])
            call("POST", f"{gw1}/api/content/items/{item['id']}/submit", {}, editor, {200})
            call("POST", f"{gw1}/api/content/items/{item['id']}/schedule", {"publishAt": due}, editor, {200})
        id_list = ",".join(f"'{i}'" for i in ids)
        deadline = time.time() + 180
        while time.time() < deadline:
            published = int(sql(f"select count(*) from content_item where state = 'PUBLISHED' and id in ({id_list})"))
            if published == ITEMS:
                break
            time.sleep(2)
        events = sql(f"select count(*) from outbox_event where type = 'content.published' and data->>'id' in ({id_list})")
        transitions = sql(f"select count(*) from item_transition where action = 'PUBLISH' and item_id in ({id_list})")
        results.append((f"{ITEMS} items scheduled for the same second, both instances running the publisher",
                        f"{published} published, {transitions} PUBLISH transitions, {events} content.published events",
                        published == ITEMS and transitions == str(ITEMS) and events == str(ITEMS)))

        # 2. no stale content past the cache TTL
        app = call("POST", gw1 + "/api/auth/dev/app-user-tokens", {"userId": "scale-out-reader"}, expect={200})[1]["accessToken"]
        target = ids[0]
        # read through instance 2 first so its page cache holds the item
        feed = f"/api/content/feeds/category:{category}?limit=100"

        def in_feed(base):
            """Pages through the whole feed on one instance; the Cache-Control of its first page."""
            found, cursor, first_headers = False, None, None
            while True:
                _, page, headers = call("GET", base + feed + (f"&cursor={cursor}" if cursor else ""), token=app, expect={200})
                first_headers = first_headers or headers
                found = found or any(i.get("id") == target for i in page.get("items", []))
                cursor = page.get("nextCursor")
                if not cursor:
                    return found, first_headers

        before, headers = in_feed(c2)
        max_age = int((headers.get("Cache-Control") or "max-age=0").split("max-age=")[1].split(",")[0])
        call("POST", f"{c1}/api/content/items/{target}/unpublish", {}, editor, {200})
        time.sleep(max_age + 1)
        after, _ = in_feed(c2)
        results.append((f"unpublished on instance 1, read from instance 2 after max-age={max_age}s",
                        f"in feed before: {before}, after: {after}", before and not after))

        # 3. rate limits: per-replica buckets, lock-out shared
        def sign_in_statuses(gateway, n, user, pwd):
            return [call("POST", gateway + "/api/auth/sign-in", {"username": user, "password": pwd})[0] for _ in range(n)]
        s1 = sign_in_statuses(gw1, 12, "nobody", "wrong-password")
        s2 = sign_in_statuses(gw2, 12, "nobody", "wrong-password")
        results.append(("12 sign-ins to each gateway replica (bucket: 10 per address per replica)",
                        f"replica 1: {s1.count(401)}x401 {s1.count(429)}x429; replica 2: {s2.count(401)}x401 {s2.count(429)}x429",
                        s1.count(429) == 2 and s2.count(429) == 2))

        # 4. campaign deliveries exactly once, two dispatchers
        region = f"scale-out-{run}"
        # the audience is set up on push-service directly: through the gateway one user's burst is rate limited
        p1 = f"http://localhost:{PORTS['push']}"
        for i in range(CONTACTS):
            external = f"so-{run}-{i}"
            call("POST", p1 + "/api/push/contacts", {"externalId": external, "platform": "ANDROID", "locale": "zh-CN",
                 "timeZone": "Asia/Shanghai", "region": region}, operator, {201})
            call("PUT", f"{p1}/api/push/contacts/{external}/addresses/PUSH", {"address": f"fcm-token-{run}-{i}", "deviceId": "phone"},
                 operator, {200})
            call("PUT", f"{p1}/api/push/contacts/{external}/consents", {"channel": "PUSH", "status": "SUBSCRIBED", "source": "scale-out"},
                 operator, {200})
        call("POST", gw1 + "/api/push/segments", {"key": region, "name": "Scale-out audience", "materialised": False,
             "rule": {"attribute": "region", "op": "eq", "value": region}}, operator, {201})
        call("POST", gw1 + "/api/push/templates", {"key": region, "name": "Scale-out push", "channel": "PUSH", "defaultLocale": "zh-CN",
             "content": {"zh-CN": {"title": "两个实例", "body": "每人只收到一次"}}}, operator, {201})
        call("POST", gw1 + "/api/push/campaigns", {"key": region, "name": "Scale-out campaign", "segments": [region],
             "channels": ["PUSH"], "variants": [{"key": "A", "percent": 100, "templates": {"PUSH": region}}],
             "schedule": {"kind": "NOW"}}, operator, {201})
        _, _, headers = call("GET", f"{gw1}/api/push/campaigns/{region}", token=operator, expect={200})
        started = time.time()
        call("POST", f"{gw2}/api/push/campaigns/{region}/launch", None, operator, {200})
        campaign_id = sql(f"select id from campaign where key = '{region}'", "push")
        deadline = time.time() + 300
        sent = 0
        while time.time() < deadline:
            sent = int(sql(f"select count(*) from delivery where source_id = '{campaign_id}' and status = 'SENT'", "push"))
            if sent >= CONTACTS:
                break
            time.sleep(1)
        elapsed = time.time() - started
        time.sleep(3)  # anything sent twice would arrive now
        rows = sql(f"select count(*) from delivery where source_id = '{campaign_id}'", "push")
        with ProviderSink.lock:
            received, distinct = len(ProviderSink.keys), len(set(ProviderSink.keys))
        results.append((f"a campaign to {CONTACTS} contacts, both push-service instances fanning out and dispatching",
                        f"{rows} delivery rows, {sent} sent in {elapsed:.1f} s; the provider got {received} requests, "
                        f"{distinct} distinct keys",
                        rows == str(CONTACTS) and sent == CONTACTS and received == CONTACTS and distinct == CONTACTS))

        # 5. hot topics across both community-service instances
        m1 = f"http://localhost:{PORTS['community']}"
        m2 = f"http://localhost:{PORTS['community'] + 10}"
        topic = f"双实例{run}"
        now = datetime.now(timezone.utc)
        events = [{"id": str(uuid.uuid4()), "topics": [topic], "actor": f"fan-{i % 150}",
                   "occurredAt": (now - timedelta(seconds=i % 240)).isoformat(timespec="seconds").replace("+00:00", "Z")}
                  for i in range(400)]
        call("POST", m1 + "/api/community/trends/signals", events[:200], admin, {202})
        call("POST", m2 + "/api/community/trends/signals", events[200:], admin, {202})
        call("POST", m2 + "/api/community/trends/signals", events[:200], admin, {202})  # redelivered to the other instance
        deadline = time.time() + 60
        views = {}
        while time.time() < deadline:
            views = {}
            for name, base in (("1", m1), ("2", m2)):
                _, ops, _ = call("GET", base + "/api/community/trends/ops?window=1h&limit=50&sparklines=false", token=admin,
                                 expect={200})
                views[name] = next((i for i in ops["items"] if i["topic"] == topic.lower() or i["topic"] == topic), None)
            if views["1"] and views["2"] and views["1"]["users"] == 150 and views["2"]["users"] == 150:
                break
            time.sleep(2)
        stored = sql(f"select count(*) from topic_actor where topic = '{topic.lower()}'", "community")
        u1 = views.get("1") and views["1"]["users"]
        u2 = views.get("2") and views["2"]["users"]
        results.append(("400 signals of 150 users for one topic, half through each community-service instance, "
                        "200 redelivered to the other instance",
                        f"distinct users on instance 1: {u1}, on instance 2: {u2}; {stored} (topic, user) rows kept",
                        u1 == 150 and u2 == 150 and stored == "150"))
    finally:
        sink.shutdown()
        # the launcher is this script's child: stop it the way ./yunying stop does, and reap it
        process.terminate()
        process.wait(timeout=90)

    print("## Scale-out correctness with two instances (issue 10)\n")
    print(f"- Date {datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%MZ')}, {os.cpu_count()} cores; command `bench/scale-out/run.py {ITEMS} {CONTACTS}`")
    print("- Two instances of every application (gateway, content, community, push) on one PostgreSQL, started together on empty databases\n")
    print("| check | observed | holds |\n|---|---|---|")
    for check, observed, holds in results:
        print(f"| {check} | {observed} | {'yes' if holds else '**no**'} |")
    if not all(r[2] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
