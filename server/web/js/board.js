// The board: one row per active journey (GET /api/v1/board), most urgent first, updated in
// place from the live feed. Filters live in the URL, so a reload or a bookmark keeps them.
import { get, ApiError } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";
import { LiveFeed } from "./live_feed.js";
import { STEPS, stepName } from "./journey_steps.js";
import { learnServerNow, serverNow, duration, countdown, clockTime, everySecond } from "./time_text.js";

const PAGE_SIZE = 200;
const session = requireSession();
const tbody = document.querySelector("#board tbody");
const rows = new Map();  // coi -> {tr, journey}
let nextCursor = null;
let total = 0;

function filters() {
  const form = document.getElementById("filters");
  const params = new URLSearchParams();
  for (const name of ["site", "product", "stage", "overdue"]) {
    if (form[name].value) params.set(name, form[name].value);
  }
  return params;
}

function boardUrl(extra) {
  const params = filters();
  for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
  return "/api/v1/board?" + params.toString();
}

// --- one row --------------------------------------------------------------------------------

function progress(stage) {
  const index = stage ? stage.index : 0;
  const of = stage ? stage.of : STEPS.length;
  const items = [];
  for (let i = 1; i <= of; i++) {
    items.push(h("li", { class: i < index ? "done" : i === index ? "current" : null }));
  }
  const name = stage ? stepName(stage.step) : "Not started";
  return [
    h("ol", { class: "progress", "aria-hidden": "true" }, items),
    h("span", {}, `${index}/${of} ${name}`),
  ];
}

function patient(j) {
  const p = j.patient || {};
  return [h("strong", {}, p.initials || "—"), p.mrn ? h("div", { class: "small" }, "MRN " + p.mrn) : null];
}

function deadline(j) {
  if (!j.next || !j.next.due_by) return h("span", { class: "small" }, j.next ? `${stepName(j.next.step)}, no time limit` : "—");
  const c = countdown(j.next.due_by);
  const icon = c.state === "overdue" ? "⚠ " : c.state === "soon" ? "◷ " : "";
  return [
    h("div", {}, stepName(j.next.step) + " by " + clockTime(j.next.due_by)),
    h("div", { class: "due " + c.state, "data-due": j.next.due_by }, icon + c.text),
  ];
}

function deviations(j) {
  const badges = [];
  if (j.status === "on_hold") badges.push(h("span", { class: "badge hold" }, "⏸ ON HOLD"));
  if (j.overdue) badges.push(h("span", { class: "badge bad" }, "⚠ OVERDUE"));
  for (const code of j.deviation_codes || []) badges.push(h("span", { class: "badge warn" }, "▲ " + code));
  if (j.deviations_open > 0) badges.push(h("span", { class: "small" }, `${j.deviations_open} open`));
  if (badges.length === 0) badges.push(h("span", { class: "badge ok" }, "✔ none"));
  return badges;
}

function render(tr, j) {
  tr.dataset.coi = j.coi;
  tr.dataset.stageSince = j.stage_since || "";
  tr.className = j.overdue ? "overdue" : "";
  const link = h("a", { href: "/journey.html?coi=" + encodeURIComponent(j.coi), class: "mono" }, j.coi);
  const cells = [
    [patient(j), h("div", {}, link)],
    [h("div", {}, j.product), h("div", { class: "small" }, j.site)],
    progress(j.stage),
    h("span", { class: "in-stage" }, j.stage_since ? duration(serverNow() - Date.parse(j.stage_since)) : "—"),
    deadline(j),
    deviations(j),
  ];
  // Keep focus where it was when the row is rebuilt under the user's cursor.
  const hadFocus = tr.contains(document.activeElement);
  fill(tr, cells.map((c) => h("td", {}, c)));
  if (hadFocus) link.focus();
}

function upsert(j, { flash } = {}) {
  let row = rows.get(j.coi);
  if (!row) {
    row = { tr: h("tr", {}), journey: j };
    rows.set(j.coi, row);
    tbody.append(row.tr);
  }
  row.journey = j;
  render(row.tr, j);
  if (flash) {
    row.tr.classList.remove("updated");
    void row.tr.offsetWidth;  // restart the animation
    row.tr.classList.add("updated");
    announce(`${j.coi}: now ${stepName(j.stage && j.stage.step)}`);
  }
}

function remove(coi) {
  const row = rows.get(coi);
  if (!row) return;
  row.tr.remove();
  rows.delete(coi);
}

function showCount() {
  document.getElementById("board-count").textContent =
    `${total} journey${total === 1 ? "" : "s"}` + (rows.size < total ? `, showing ${rows.size}` : "");
  document.getElementById("more").hidden = !nextCursor;
}

function showError(e) {
  document.getElementById("board-error").textContent = e ? e.message : "";
}

// --- loading --------------------------------------------------------------------------------

async function loadAll() {
  try {
    const page = await get(boardUrl({ limit: PAGE_SIZE }));
    learnServerNow(page.now);
    const seen = new Set(page.journeys.map((j) => j.coi));
    for (const coi of [...rows.keys()]) if (!seen.has(coi)) remove(coi);
    for (const j of page.journeys) {
      const before = rows.get(j.coi);
      upsert(j, { flash: before && before.journey.last_event_id !== j.last_event_id });
    }
    // The server's order (urgency) wins: re-append the rows in it.
    for (const j of page.journeys) tbody.append(rows.get(j.coi).tr);
    nextCursor = page.next_cursor;
    total = page.total;
    showError(null);
    showCount();
  } catch (e) {
    showError(e);
  }
}

async function loadMore() {
  if (!nextCursor) return;
  try {
    const page = await get(boardUrl({ limit: PAGE_SIZE, after: nextCursor }));
    learnServerNow(page.now);
    for (const j of page.journeys) upsert(j);
    nextCursor = page.next_cursor;
    showCount();
  } catch (e) {
    showError(e);
  }
}

// One journey the page does not show changed: fetch its row alone (GET /api/v1/board?coi=,
// with the page's filters) and put it in its place, if it matches them.
async function refreshJourney(coi) {
  try {
    const page = await get(boardUrl({ coi, limit: 1 }));
    learnServerNow(page.now);
    const j = page.journeys.find((x) => x.coi === coi);
    if (j) {
      if (!rows.has(coi)) total += 1;
      upsert(j, { flash: true });
      reposition(coi);
    } else if (rows.has(coi)) {
      remove(coi);
      total = Math.max(0, total - 1);
    }
    showCount();
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) showError(e);
  }
}

// --- filters --------------------------------------------------------------------------------

async function fillFilters() {
  const form = document.getElementById("filters");
  const query = new URLSearchParams(location.search);
  for (const [value, name] of STEPS) form.stage.append(h("option", { value }, name));
  const sites = [...new Set(session.user.roles.map((r) => r.site))].sort();
  for (const s of sites) form.site.append(h("option", { value: s }, s));
  const products = new Set();
  await Promise.all(sites.map(async (s) => {
    try { (await get(`/api/v1/sites/${encodeURIComponent(s)}/rules`)).usable.forEach((p) => products.add(p)); }
    catch { /* a site without rules has no products to filter by */ }
  }));
  for (const p of [...products].sort()) form.product.append(h("option", { value: p }, p));
  for (const name of ["site", "product", "stage", "overdue"]) form[name].value = query.get(name) || "";
  form.addEventListener("change", () => {
    history.replaceState(null, "", "?" + filters().toString());
    loadAll();
  });
}

// --- live -----------------------------------------------------------------------------------
// The feed's "board" notices carry the changed row (without the patient: every subscriber of
// the site gets them, whatever their role; server/board/board_routes.h). A row on the page is
// updated in place from the notice alone; a journey not on the page is fetched once with
// ?coi= (it may have just started, or just come to match the filters).

const ACTIVE = new Set(["active", "on_hold"]);

function matchesFilters(j) {
  const f = filters();
  if (!ACTIVE.has(j.status)) return false;
  if (f.get("site") && j.site !== f.get("site")) return false;
  if (f.get("product") && j.product !== f.get("product")) return false;
  if (f.get("stage") && (!j.stage || j.stage.step !== f.get("stage"))) return false;
  if (f.get("overdue") && String(j.overdue) !== f.get("overdue")) return false;
  return true;
}

function dueKey(j) { return j.next && j.next.due_by ? Date.parse(j.next.due_by) : Infinity; }

// Most urgent first, as the server sorts: the row moves up or down to its deadline's place.
function reposition(coi) {
  const row = rows.get(coi);
  const key = dueKey(row.journey);
  const prev = row.tr.previousElementSibling, next = row.tr.nextElementSibling;
  const prevKey = prev ? dueKey(rows.get(prev.dataset.coi).journey) : -Infinity;
  const nextKey = next ? dueKey(rows.get(next.dataset.coi).journey) : Infinity;
  if (prevKey <= key && key <= nextKey) return;
  for (const tr of tbody.rows) {
    if (tr !== row.tr && dueKey(rows.get(tr.dataset.coi).journey) > key) { tbody.insertBefore(row.tr, tr); return; }
  }
  tbody.append(row.tr);
}

function applyRow(fields) {
  const row = rows.get(fields.coi);
  if (!row) return false;
  const j = { ...row.journey, ...fields };
  j.overdue = Boolean(j.next && j.next.due_by && Date.parse(j.next.due_by) < serverNow());
  if (!matchesFilters(j)) {
    remove(j.coi);
    total = Math.max(0, total - 1);
  } else {
    upsert(j, { flash: true });
    reposition(j.coi);
  }
  showCount();
  return true;
}

const fetching = new Set();
function onNotice(notice) {
  if (notice.type !== "board" || !notice.journey) return;
  if (notice.row && applyRow(notice.row)) return;
  if (fetching.has(notice.journey)) return;
  fetching.add(notice.journey);
  refreshJourney(notice.journey).finally(() => fetching.delete(notice.journey));
}

function tick() {
  for (const el of tbody.querySelectorAll("[data-due]")) {
    const c = countdown(el.dataset.due);
    el.className = "due " + c.state;
    el.textContent = (c.state === "overdue" ? "⚠ " : c.state === "soon" ? "◷ " : "") + c.text;
    const tr = el.closest("tr");
    if (c.state === "overdue" && !tr.classList.contains("overdue")) tr.classList.add("overdue");
  }
  for (const tr of tbody.rows) {
    const since = tr.dataset.stageSince;
    const cell = tr.querySelector(".in-stage");
    if (since && cell) cell.textContent = duration(serverNow() - Date.parse(since));
  }
}

if (session) {
  const live = pageHeader(session, "/");
  document.getElementById("more").addEventListener("click", loadMore);
  await fillFilters();
  await loadAll();
  everySecond(tick);
  new LiveFeed({ onMessage: onNotice, onResync: loadAll, statusElement: live });
}
