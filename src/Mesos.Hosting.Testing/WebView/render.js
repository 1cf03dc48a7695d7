// Rendering the model. Every name in it comes from whoever runs a framework, so the tables are built from
// text nodes only, never from markup.
"use strict";

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
