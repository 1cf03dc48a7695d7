// The view's model of the cluster: the operator API's SUBSCRIBED state, then each event applied to it.
"use strict";

const model = { agents: new Map(), frameworks: new Map(), tasks: new Map() };

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
