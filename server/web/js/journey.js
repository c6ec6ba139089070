// One journey in full (GET /api/v1/journeys/{coi}): who did what where and when, with what
// they scanned; the clocks that run; its open deviations; its temperature evidence; its units
// with their labels.
// Live: a change to this journey on the feed reloads it.
import { get } from "./api.js";
import { unitsPanel } from "./unit_labels.js";
import { showTemperature } from "./temperature_panel.js";
import { h, fill, announce } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";
import { LiveFeed } from "./live_feed.js";
import { stepName } from "./journey_steps.js";
import { learnServerNow, countdown, clockTime, duration, everySecond } from "./time_text.js";

const session = requireSession();
const coi = new URLSearchParams(location.search).get("coi") || "";
let shownUnits = null;
let reloadTimer = null;

function facts(j) {
  const p = j.patient || {};
  const pairs = [
    ["COI", j.coi], ["Patient", p.initials], ["MRN", p.mrn], ["Date of birth", p.date_of_birth],
    ["Product", j.product], ["Site", j.site], ["Status", j.status.replace("_", " ")], ["Started", clockTime(j.created_at)],
  ];
  return pairs.filter(([, v]) => v).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]);
}

function clocks(j) {
  const d = j.deadlines;
  if (!d) return h("p", {}, "The site's rules no longer load this product: no clocks can be computed.");
  const items = (d.open || []).map((o) => {
    const what = [h("strong", {}, stepName(o.step)), o.unit ? ` (${o.unit})` : ""];
    if (!o.due_by) return h("li", {}, what, ": expected next, no time limit");
    const c = countdown(o.due_by);
    return h("li", {}, what, " due by ", clockTime(o.due_by), " — ",
      h("span", { class: "due " + c.state, "data-due": o.due_by }, (c.state === "overdue" ? "⚠ " : "◷ ") + c.text),
      o.rule ? h("div", { class: "small" }, "rule " + o.rule) : null);
  });
  const points = [];
  const t = j.time_points || {};
  if (t.vein_to_vein_s != null) points.push(`vein to vein ${duration(t.vein_to_vein_s * 1000)}`);
  if (t.manufacturing_turnaround_s != null) points.push(`manufacturing ${duration(t.manufacturing_turnaround_s * 1000)}`);
  for (const x of t.thaw_to_infusion_end || []) points.push(`thaw to infusion end (${x.unit}) ${duration(x.seconds * 1000)}`);
  return [
    items.length ? h("ul", {}, items) : h("p", {}, "Nothing is expected next."),
    points.length ? h("p", { class: "small" }, "Measured: " + points.join("; ")) : null,
  ];
}

function deviationList(list) {
  if (!list || list.length === 0) return h("p", {}, h("span", { class: "badge ok" }, "✔ none open"));
  return h("ul", {}, list.map((d) => h("li", {},
    h("span", { class: "badge " + (d.severity === "minor" ? "warn" : "bad") }, `▲ ${d.code} (${d.severity})`),
    " ", d.message || "", " ", h("a", { href: "/deviations.html?journey=" + encodeURIComponent(coi) }, "review"))));
}

function eventItem(e) {
  const decision = e.decision || {};
  const refused = decision.decision === "refused";
  const problems = [
    ...(decision.refusals || []).map((r) => h("span", { class: "badge bad" }, "✖ refused: " + r.code)),
    ...(decision.deviations || []).map((d) => h("span", { class: "badge warn" }, "▲ " + d.code)),
  ];
  return h("li", { class: refused ? "refused" : null },
    h("div", {}, h("strong", {}, `#${e.seq} ${stepName(e.step)}`), h("span", { class: "small mono" }, ` ${e.step} `),
      refused ? h("span", { class: "badge bad" }, " REFUSED") : h("span", { class: "badge ok" }, "✔ accepted")),
    h("div", {}, "When: ", clockTime(e.occurred_at), h("span", { class: "small" }, ` (recorded ${clockTime(e.recorded_at)})`)),
    h("div", {}, "Who: ", (e.operators || []).join(" + ") || "—", " · Where: ", e.station || "desk"),
    e.scans && e.scans.length ? h("div", {}, "Scanned: ", e.scans.map((s) => h("code", { class: "mono" }, s + " "))) : null,
    e.data && Object.keys(e.data).length ? h("div", { class: "small mono" }, JSON.stringify(e.data)) : null,
    e.corrects_event_id ? h("div", {}, `Corrects event ${e.corrects_event_id}: ${e.correction_reason || ""}`) : null,
    problems.length ? h("div", {}, problems) : null);
}

async function load() {
  try {
    const j = await get("/api/v1/journeys/" + encodeURIComponent(coi));
    if (j.deadlines && j.deadlines.now) learnServerNow(j.deadlines.now);
    document.title = `${j.coi} · CellJourney`;
    fill(document.getElementById("title"), `Journey ${j.coi} · ${(j.patient || {}).initials || ""} · ${j.product}`);
    fill(document.getElementById("facts"), facts(j));
    fill(document.getElementById("clocks"), clocks(j));
    fill(document.getElementById("deviations"), deviationList(j.open_deviations));
    // The label panels keep what the user is doing (a reason typed) unless the units changed.
    const unitKeys = (j.units || []).map((u) => u.key).join(" ");
    if (unitKeys !== shownUnits) {
      shownUnits = unitKeys;
      fill(document.getElementById("units"), unitsPanel(j));
    }
    fill(document.getElementById("timeline"), [...(j.events || [])].reverse().map(eventItem));
    document.getElementById("journey-error").textContent = "";
    await showTemperature(j.coi, document.getElementById("temperature"));
  } catch (e) {
    document.getElementById("journey-error").textContent = e.message;
  }
}

function tick() {
  for (const el of document.querySelectorAll("[data-due]")) {
    const c = countdown(el.dataset.due);
    el.className = "due " + c.state;
    el.textContent = (c.state === "overdue" ? "⚠ " : "◷ ") + c.text;
  }
}

if (session) {
  const live = pageHeader(session, "");
  await load();
  everySecond(tick);
  new LiveFeed({
    onMessage: (n) => {
      if (n.journey !== coi) return;
      // One scan brings several notices (event, board, deviation): one reload for them all.
      clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => { load(); announce(`${coi} changed`); }, 100);
    },
    onResync: load,
    statusElement: live,
  });
}
