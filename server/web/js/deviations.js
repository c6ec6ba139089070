// The deviations inbox: acknowledge (qa, coordinator) and close with an electronic signature
// (qa: password asked again, meaning and reason; docs/deviations.md). Live from the feed.
// Below it, the near misses (near_misses.js).
import { get, post } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { requireSession, hasRole } from "./session.js";
import { pageHeader } from "./page_header.js";
import { LiveFeed } from "./live_feed.js";
import { clockTime } from "./time_text.js";
import { setUpNearMisses, loadNearMisses } from "./near_misses.js";

const session = requireSession();
const tbody = document.querySelector("#inbox tbody");
const query = new URLSearchParams(location.search);
let closing = null;  // the deviation the dialog signs for

const STATUS = { open: "▲ OPEN", acknowledged: "◐ ACKNOWLEDGED", closed: "✔ CLOSED" };
const STATUS_CLASS = { open: "bad", acknowledged: "warn", closed: "ok" };

function notice(text) { document.getElementById("inbox-notice").textContent = text; announce(text); }
function error(text) { document.getElementById("inbox-error").textContent = text; }

function actions(d) {
  const out = [];
  const at = d.site;
  if (d.status === "open" && (hasRole(session, "qa", at) || hasRole(session, "coordinator", at))) {
    out.push(h("button", { type: "button", class: "secondary", onclick: () => acknowledge(d) }, `Acknowledge #${d.id}`));
  }
  if (d.status !== "closed" && hasRole(session, "qa", at)) {
    out.push(h("button", { type: "button", onclick: () => openClose(d) }, `Close #${d.id}…`));
  }
  if (d.status === "closed") out.push(h("span", { class: "small" }, `closed by ${d.closed_by || "?"} ${clockTime(d.closed_at)}`));
  return h("div", { class: "actions" }, out);
}

function row(d) {
  return h("tr", { "data-id": d.id },
    h("td", {}, h("strong", {}, `#${d.id} ${d.code}`), h("div", { class: "small" }, `${d.severity} · raised ${clockTime(d.raised_at)}`)),
    h("td", {}, h("a", { class: "mono", href: "/journey.html?coi=" + encodeURIComponent(d.journey) }, d.journey),
      h("div", { class: "small" }, d.site)),
    h("td", {}, d.message || "", d.rule ? h("div", { class: "small mono" }, d.rule) : null),
    h("td", {}, h("span", { class: "badge " + STATUS_CLASS[d.status] }, STATUS[d.status] || d.status),
      d.acknowledged_by ? h("div", { class: "small" }, `ack. by ${d.acknowledged_by}`) : null),
    h("td", {}, actions(d)));
}

async function load() {
  const status = document.getElementById("f-status").value;
  const params = new URLSearchParams();
  if (status) params.set("status", status);
  if (query.get("journey")) params.set("journey", query.get("journey"));
  try {
    let list = (await get("/api/v1/deviations?" + params)).deviations;
    if (!status) list = list.filter((d) => d.status !== "closed");
    fill(tbody, list.map(row));
    document.getElementById("inbox-count").textContent =
      `${list.length} deviation${list.length === 1 ? "" : "s"}` + (query.get("journey") ? ` of ${query.get("journey")}` : "");
    error("");
  } catch (e) {
    error(e.message);
  }
}

async function acknowledge(d) {
  try {
    await post(`/api/v1/deviations/${d.id}/acknowledge`, {});
    notice(`Deviation #${d.id} acknowledged.`);
    await load();
  } catch (e) {
    error(e.message);
  }
}

const dialog = document.getElementById("close-dialog");
const form = document.getElementById("close-form");

function openClose(d) {
  closing = d;
  form.reset();
  document.getElementById("close-error").textContent = "";
  fill(document.getElementById("close-what"), h("strong", {}, `#${d.id} ${d.code}`), ` on ${d.journey}: ${d.message || ""}`);
  dialog.showModal();
  form.password.focus();
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  if (!form.reportValidity()) return;
  const d = closing;
  const button = document.getElementById("sign");
  button.disabled = true;
  try {
    const closed = await post(`/api/v1/deviations/${d.id}/close`, {
      password: form.password.value, meaning: form.meaning.value, reason: form.reason.value.trim(),
    });
    dialog.close();
    const sig = closed.signature || {};
    notice(`Deviation #${d.id} closed: signed by ${sig.signer_name || sig.signer || "you"} (${sig.meaning || form.meaning.value}).`);
    await load();
  } catch (err) {
    document.getElementById("close-error").textContent = err.message;
    form.password.value = "";
    form.password.focus();
  } finally {
    button.disabled = false;
  }
});
document.getElementById("cancel").addEventListener("click", () => dialog.close());

if (session) {
  const live = pageHeader(session, "/deviations.html");
  const select = document.getElementById("f-status");
  select.value = query.get("status") || "";
  select.addEventListener("change", load);
  await load();
  const nearMisses = setUpNearMisses(session);
  if (nearMisses) await loadNearMisses();
  new LiveFeed({ onMessage: (n) => {
    if (n.type === "deviation" || (n.deviations || []).length) load();
    if (nearMisses && n.type === "near_miss") loadNearMisses();
  }, onResync: () => { load(); if (nearMisses) loadNearMisses(); }, statusElement: live });
}
