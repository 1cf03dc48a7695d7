// The live view of a Mesos master: the operator API's event stream (SUBSCRIBE on api/v1, RecordIO-framed
// JSON) applied to a model of agents, frameworks and tasks, re-rendered as text nodes only, never as markup,
// because every name in it comes from whoever runs a framework.
"use strict";

const MAX_BACKOFF_MS = 30000;

const model = { agents: new Map(), frameworks: new Map(), tasks: new Map() };

// Failed attempts since the last SUBSCRIBED, which sets the backoff before the next attempt.
let failures = 0;

// RecordIO: each record is its length in bytes, in decimal, a newline, then that many bytes. A record can
// arrive split over chunks and its length counts UTF-8 bytes, so bytes are buffered and only whole records decoded.
class RecordIoReader {
  constructor() {
    this.buffer = new Uint8Array(0);
    this.decoder = new TextDecoder("utf-8", { fatal: true });
  }

  push(chunk) {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    const records = [];
    let start = 0;
    for (;;) {
      const newline = this.buffer.indexOf(10, start);
      if (newline < 0) {
        if (this.buffer.length - start > 20) {
          throw new Error("RecordIO: a record length without its newline");
        }
        break;
      }
      const header = new TextDecoder().decode(this.buffer.subarray(start, newline));
      if (!/^\d+$/.test(header)) {
        throw new Error("RecordIO: a record length that is not a number");
      }
      const length = Number(header);
      if (this.buffer.length < newline + 1 + length) {
        break;
      }
      records.push(this.decoder.decode(this.buffer.subarray(newline + 1, newline + 1 + length)));
      start = newline + 1 + length;
    }
    this.buffer = this.buffer.slice(start);
    return records;
  }
}

const idOf = (id) => (id && id.value) || "";
const taskKey = (frameworkId, taskId) => `${frameworkId}/${taskId}`;
const TERMINAL = new Set(["TASK_FINISHED", "TASK_FAILED", "TASK_KILLED", "TASK_ERROR", "TASK_LOST", "TASK_DROPPED", "TASK_GONE", "TASK_GONE_BY_OPERATOR"]);

function putTask(task) {
  model.tasks.set(taskKey(idOf(task.framework_id), idOf(task.task_id)), {
    id: idOf(task.task_id),
    name: task.name || "",
    frameworkId: idOf(task.framework_id),
    agentId: idOf(task.agent_id),
    state: task.state || "",
    resources: task.resources || [],
    statuses: [...(task.statuses || [])].sort((a, b) => (a.timestamp || 0) - (b.timestamp || 0)),
  });
}

function putFramework(framework, completed) {
  const info = framework.framework_info || framework;
  model.frameworks.set(idOf(info.id), { info, active: !!framework.active, connected: !!framework.connected, completed });
}

function putAgent(agent) {
  model.agents.set(idOf(agent.agent_info.id), agent);
}

function applySubscribed(state) {
  model.agents.clear();
  model.frameworks.clear();
  model.tasks.clear();
  const tasks = state.get_tasks || {};
  for (const list of ["completed_tasks", "unreachable_tasks", "pending_tasks", "tasks"]) {
    (tasks[list] || []).forEach(putTask);
  }
  const frameworks = state.get_frameworks || {};
  (frameworks.completed_frameworks || []).forEach((f) => putFramework(f, true));
  (frameworks.frameworks || []).forEach((f) => putFramework(f, false));
  ((state.get_agents || {}).agents || []).forEach(putAgent);
}

function applyTaskUpdated(update) {
  const status = update.status || {};
  const key = taskKey(idOf(update.framework_id), idOf(status.task_id));
  if (!model.tasks.has(key)) {
    putTask({ task_id: status.task_id, framework_id: update.framework_id, agent_id: status.agent_id, state: update.state });
  }
  const task = model.tasks.get(key);
  task.state = update.state || status.state || task.state;
  const last = task.statuses[task.statuses.length - 1];
  // A retried update carries the same status again; the history keeps each status once.
  if (!last || last.uuid !== status.uuid || last.state !== status.state || last.timestamp !== status.timestamp) {
    task.statuses.push(status);
  }
}

function apply(event) {
  switch (event.type) {
    case "SUBSCRIBED": applySubscribed(event.subscribed.get_state || {}); break;
    case "TASK_ADDED": putTask(event.task_added.task); break;
    case "TASK_UPDATED": applyTaskUpdated(event.task_updated); break;
    case "FRAMEWORK_ADDED": putFramework(event.framework_added.framework, false); break;
    case "FRAMEWORK_UPDATED": putFramework(event.framework_updated.framework, false); break;
    case "FRAMEWORK_REMOVED": putFramework({ framework_info: event.framework_removed.framework_info }, true); break;
    case "AGENT_ADDED": putAgent(event.agent_added.agent); break;
    case "AGENT_REMOVED": model.agents.delete(idOf(event.agent_removed.agent_id)); break;
    default: return false;
  }
  return true;
}

// Elements are built from text nodes: no cluster-supplied string is ever parsed as HTML.
function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([name, value]) => node.setAttribute(name, value));
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function stateBadge(state) {
  const kind = state === "TASK_FINISHED" ? "finished"
    : ["TASK_KILLED", "TASK_KILLING"].includes(state) ? "killed"
    : TERMINAL.has(state) ? "failed" : "live";
  return el("span", { class: `state ${kind}` }, (state || "UNKNOWN").replace(/^TASK_/, ""));
}

function formatTime(seconds) {
  const date = new Date(seconds * 1000);
  return el("time", { datetime: date.toISOString() }, date.toISOString().replace("T", " ").replace("Z", ""));
}

function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(2).replace(/0+$/, "");
}

function scalars(resources) {
  const sums = new Map();
  resources.filter((r) => r.type === "SCALAR").forEach((r) => sums.set(r.name, (sums.get(r.name) || 0) + r.scalar.value));
  return sums;
}

function formatResources(resources) {
  const parts = [...scalars(resources)].map(([name, value]) => `${name}: ${formatNumber(value)}`);
  resources.filter((r) => r.type === "RANGES").forEach((r) => {
    parts.push(`${r.name}: [${(r.ranges.range || []).map((x) => `${x.begin}-${x.end}`).join(", ")}]`);
  });
  return parts.join("; ");
}

function usedOn(agentId, total) {
  const used = scalars([...model.tasks.values()].filter((t) => t.agentId === agentId && !TERMINAL.has(t.state)).flatMap((t) => t.resources));
  return [...scalars(total)].map(([name, value]) => `${name}: ${formatNumber(used.get(name) || 0)} of ${formatNumber(value)}`).join("; ");
}

function fillBody(table, rows, columns, empty) {
  const body = document.querySelector(`#${table} tbody`);
  body.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colspan: String(columns), class: "empty" }, empty))]));
  document.getElementById(`${table}-count`).textContent = `(${rows.length})`;
}

function frameworkName(id) {
  const framework = model.frameworks.get(id);
  return framework ? framework.info.name || id : id;
}

function render() {
  const agents = [...model.agents.values()].map((a) => {
    const info = a.agent_info;
    const total = a.total_resources || info.resources || [];
    return el("tr", { "data-agent-id": idOf(info.id) },
      el("td", { class: "id" }, idOf(info.id)),
      el("td", {}, `${info.hostname}:${info.port || 5051}`),
      el("td", {}, a.active ? "yes" : "no"),
      el("td", {}, formatResources(total)),
      el("td", {}, usedOn(idOf(info.id), total)));
  });
  fillBody("agents", agents, 5, "No agents.");

  const live = new Map();
  model.tasks.forEach((t) => { if (!TERMINAL.has(t.state)) live.set(t.frameworkId, (live.get(t.frameworkId) || 0) + 1); });
  const frameworks = [...model.frameworks.entries()].map(([id, f]) => el("tr", { "data-framework-id": id },
    el("td", {}, f.info.name || ""),
    el("td", { class: "id" }, id),
    el("td", {}, (f.info.roles && f.info.roles.length ? f.info.roles : [f.info.role || "*"]).join(", ")),
    el("td", {}, f.completed ? "completed" : f.connected ? "connected" : "disconnected"),
    el("td", {}, String(live.get(id) || 0))));
  fillBody("frameworks", frameworks, 5, "No frameworks.");

  const latest = (t) => (t.statuses.length ? t.statuses[t.statuses.length - 1].timestamp || 0 : Infinity);
  const tasks = [...model.tasks.values()].sort((a, b) => latest(b) - latest(a)).map((t) => el("tr", { "data-task-id": t.id },
    el("td", {}, t.name || t.id, t.name && t.name !== t.id ? el("div", { class: "id" }, el("code", {}, t.id)) : []),
    el("td", {}, frameworkName(t.frameworkId)),
    el("td", { class: "id" }, t.agentId),
    el("td", { class: "current" }, stateBadge(t.state)),
    el("td", {}, el("ol", { class: "history" }, t.statuses.map((s) => el("li", {}, stateBadge(s.state), formatTime(s.timestamp || 0)))))));
  fillBody("tasks", tasks, 5, "No tasks.");
}

let renderPending = false;
function scheduleRender() {
  if (!renderPending) {
    renderPending = true;
    requestAnimationFrame(() => { renderPending = false; render(); });
  }
}

function showStream(kind, text) {
  const stream = document.getElementById("stream");
  stream.className = `stream ${kind}`;
  stream.textContent = text;
}

async function showMaster() {
  const response = await fetch("master/state", { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) {
    return;
  }
  const state = await response.json();
  document.getElementById("master-id").textContent = state.id || "";
  document.getElementById("master-version").textContent = state.version || "";
  document.getElementById("master-address").textContent = (state.pid || "").replace(/^[^@]*@/, "");
  const leading = document.getElementById("master-leading");
  if (!state.leader) {
    leading.textContent = "no leader elected";
  } else if (state.leader === state.pid) {
    leading.textContent = "yes";
  } else {
    const address = state.leader.replace(/^[^@]*@/, "");
    leading.replaceChildren("no, the leader is ", el("a", { href: `${location.protocol}//${address}/` }, address));
  }
}

// Reads one subscription to its end; resolves when the master ends the stream, rejects on any failure.
async function follow(controller) {
  const response = await fetch("api/v1", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ type: "SUBSCRIBE" }),
    credentials: "same-origin",
    cache: "no-store",
    // A master that does not lead redirects to the leader's port, another origin this page cannot read.
    redirect: "manual",
    signal: controller.signal,
  });
  if (response.type === "opaqueredirect") {
    throw new Error("this master does not lead; open the leader's view");
  }
  if (!response.ok || !response.body) {
    throw new Error(`SUBSCRIBE answered ${response.status} ${(await response.text()).trim()}`.trim());
  }
  const reader = response.body.getReader();
  const records = new RecordIoReader();
  // A silent stream is a dead one: nothing for two heartbeat intervals ends it.
  let silence = 0;
  let watchdog = 0;
  const expectNext = () => {
    clearTimeout(watchdog);
    if (silence > 0) {
      watchdog = setTimeout(() => controller.abort(new Error("no heartbeat from the master")), silence);
    }
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        return;
      }
      for (const record of records.push(value)) {
        const event = JSON.parse(record);
        if (event.type === "SUBSCRIBED") {
          silence = 2000 * (event.subscribed.heartbeat_interval_seconds || 15);
          failures = 0;
          showStream("live", "Live: following the master's event stream.");
        }
        if (apply(event)) {
          scheduleRender();
        }
      }
      expectNext();
    }
  } finally {
    clearTimeout(watchdog);
  }
}

async function run() {
  for (;;) {
    const controller = new AbortController();
    let reason;
    try {
      showStream(failures ? "reconnecting" : "connecting", failures ? "Reconnecting to the event stream…" : "Connecting to the event stream…");
      showMaster().catch(() => {});
      await follow(controller);
      reason = "the master ended the event stream";
    } catch (error) {
      reason = (controller.signal.reason && controller.signal.reason.message) || error.message || String(error);
    }
    failures += 1;
    // Doubling from half a second with jitter, so that many open pages do not return to a master all at once.
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** (failures - 1)) * (0.75 + Math.random() / 2);
    showStream("reconnecting", `Reconnecting in ${Math.ceil(delay / 1000)} s: ${reason}.`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

render();
run();
