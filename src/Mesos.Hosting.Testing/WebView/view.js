// The live view of a Mesos master: follows the operator API's event stream (SUBSCRIBE on api/v1, RecordIO-framed
// JSON), applies it to the model and re-renders, and reconnects with backoff when the stream ends, fails or falls silent.
"use strict";

const MAX_BACKOFF_MS = 30000;

// Failed attempts since the last SUBSCRIBED, which sets the backoff before the next attempt.
let failures = 0;

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
