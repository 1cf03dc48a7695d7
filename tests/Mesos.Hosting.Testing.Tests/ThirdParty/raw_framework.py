"""A Mesos framework in plain Python (standard library only), written from the v1 HTTP API docs.

It stands for "a correct client written by someone else": it shares no code with Mesos.Hosting.
Usage: raw_framework.py http://host:port TASKS
Exits 0 once TASKS shell tasks have finished, each update with a uuid acknowledged.
"""
import http.client
import json
import sys
from urllib.parse import urlparse

master = urlparse(sys.argv[1])
wanted = int(sys.argv[2])
path = "/api/v1/scheduler"

stream = http.client.HTTPConnection(master.hostname, master.port, timeout=60)
stream.request("POST", path, json.dumps({
    "type": "SUBSCRIBE",
    "subscribe": {"framework_info": {"user": "nobody", "name": "python-raw", "failover_timeout": 60}},
}), {"Content-Type": "application/json", "Accept": "application/json"})
response = stream.getresponse()
assert response.status == 200, response.status
stream_id = response.getheader("Mesos-Stream-Id")
calls = http.client.HTTPConnection(master.hostname, master.port, timeout=30)
framework_id = None


def next_event():
    length = int(response.readline().strip())
    return json.loads(response.read(length))


def call(kind, **payload):
    body = {"type": kind, "framework_id": framework_id}
    body.update(payload)
    calls.request("POST", path, json.dumps(body), {"Content-Type": "application/json", "Mesos-Stream-Id": stream_id})
    answer = calls.getresponse()
    text = answer.read()
    assert answer.status == 202, (kind, answer.status, text)


launched = 0
finished = set()
while len(finished) < wanted:
    event = next_event()
    kind = event["type"]
    if kind == "SUBSCRIBED":
        framework_id = event["subscribed"]["framework_id"]
    elif kind == "OFFERS":
        for offer in event["offers"]["offers"]:
            cpus = sum(r["scalar"]["value"] for r in offer["resources"] if r["name"] == "cpus")
            ports = [r for r in offer["resources"] if r["name"] == "ports"][0]["ranges"]["range"][0]
            assert isinstance(ports["begin"], int), "ranges must be JSON numbers"
            role = offer["allocation_info"]["role"]
            tasks = []
            while launched < wanted and cpus >= 0.1 * (len(tasks) + 1):
                tasks.append({
                    "name": "py-%d" % launched,
                    "task_id": {"value": "py-%d" % launched},
                    "agent_id": offer["agent_id"],
                    "resources": [
                        {"name": "cpus", "type": "SCALAR", "scalar": {"value": 0.1}, "role": "*", "allocation_info": {"role": role}},
                        {"name": "mem", "type": "SCALAR", "scalar": {"value": 32}, "role": "*", "allocation_info": {"role": role}},
                    ],
                    "command": {"shell": True, "value": "echo python was here"},
                })
                launched += 1
            if tasks:
                call("ACCEPT", accept={"offer_ids": [offer["id"]], "operations": [{"type": "LAUNCH", "launch": {"task_infos": tasks}}]})
            else:
                call("DECLINE", decline={"offer_ids": [offer["id"]], "filters": {"refuse_seconds": 1}})
    elif kind == "UPDATE":
        status = event["update"]["status"]
        if "uuid" in status:
            call("ACKNOWLEDGE", acknowledge={"agent_id": status["agent_id"], "task_id": status["task_id"], "uuid": status["uuid"]})
        if status["state"] == "TASK_FINISHED":
            finished.add(status["task_id"]["value"])
        elif status["state"] in ("TASK_FAILED", "TASK_LOST", "TASK_ERROR", "TASK_KILLED", "TASK_DROPPED"):
            sys.exit("task %s ended %s: %s" % (status["task_id"]["value"], status["state"], status.get("message")))
    elif kind == "ERROR":
        sys.exit("ERROR event: " + event["error"]["message"])

call("TEARDOWN")
print("python-raw: %d tasks finished" % len(finished))
