// The board: one row per active journey (GET /api/v1/board), most urgent first, updated in
// place from the live feed. Filters live in the URL, so a reload or a bookmark keeps them.
import { get, ApiError } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";
import { LiveFeed } from "./live_feed.js";
import { startAlerts, loadAlerts, onAlertNotice } from "./alerts.js";
import { STEPS, stepName, loadJourneySteps } from "./journey_steps.js";
import { learnServerNow, serverNow, duration, clockTime, shortTime, everySecond, setDisplayZone } from "./time_text.js";
import { loadStepTitles, stepTitle } from "./step_titles.js";
import { loadSites, siteZone, commonZone, learnProductTitles, productTitle } from "./sites.js";
import { mostUrgentClock, clockBagName, anchorMissingText, bagName, stateWords, ownHold, holdBadge, countdownSpan,
  tickCountdowns } from "./bags_clocks.js";

const PAGE_SIZE = 200;
const COLUMNS = ["Patient", "Product · bags", "Stage · hold", "Next deadline", "Deviations"];
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

// The stages as a line of squares: filled for the stages that happened (stage.done), outlined
// for those passed over, the current one marked; the words next to it say the same.
function progress(j) {
  const stage = j.stage;
  const index = stage ? stage.index : 0;
  const of = stage ? stage.of : STEPS.length;
  const done = new Set(stage && Array.isArray(stage.done) ? stage.done : []);
  const items = [];
  for (let i = 1; i <= of; i++) {
    items.push(h("li", { class: i === index ? "current" : done.has(i) ? "done" : null }));
  }
  const name = stage ? stepName(stage.step) : "Not started";
  const zone = siteZone(j.site);
  return [
    j.hold ? h("div", { class: "hold-line" }, holdBadge(j.hold),
      h("span", { class: "small" }, "since " + clockTime(j.hold.since, zone))) : null,
    h("ol", { class: "progress", "aria-hidden": "true" }, items),
    h("div", {}, name, h("span", { class: "small" }, ` · stage ${index} of ${of}`)),
    h("div", { class: "small" }, "for ",
      h("span", { class: "in-stage" }, j.stage_since ? duration(serverNow() - Date.parse(j.stage_since)) : "—")),
  ];
}

function patient(j) {
  const p = j.patient || {};
  return [h("strong", {}, p.initials || "—"), p.mrn ? h("div", { class: "small" }, "MRN " + p.mrn) : null];
}

// Each bag on a line: "Dose 1 · blue · infused", "Bag 210001 · thawed", with its own hold.
function bagList(j) {
  if (!j.bags || j.bags.length === 0) return null;
  return h("ul", { class: "bags" }, j.bags.map((b) => {
    const hold = ownHold(b, j.hold);
    return h("li", { title: b.unit }, `${bagName(b)} · `, h("span", { class: "state" }, stateWords(b.state)),
      hold ? [" ", holdBadge(hold, { label: "HOLD" })] : null);
  }));
}

// The most urgent running clock: "infusion.end due 10:30 (◷ in 12 min 03 s)", its bag, and why
// it counts from an earlier step when its own is not recorded. "no time limit" only when no
// clock runs.
function deadline(j) {
  const zone = siteZone(j.site);
  const clock = mostUrgentClock(j.clocks);
  if (clock) {
    const bag = clockBagName(clock, j.bags);
    const missing = anchorMissingText(clock);
    const more = j.clocks.length - 1;
    return [
      h("div", { class: "clock" }, stepTitle(clock.step), " due ",
        h("time", { datetime: clock.due_by, title: clockTime(clock.due_by, zone) }, shortTime(clock.due_by, zone)),
        " (", countdownSpan(clock.due_by), ")"),
      bag ? h("div", { class: "small" }, bag) : null,
      missing ? h("div", { class: "anchor-missing" }, "◌ " + missing) : null,
      more > 0 ? h("div", { class: "small" }, `+ ${more} more clock${more === 1 ? "" : "s"}`) : null,
    ];
  }
  if (j.next && j.next.due_by) {  // a due time without a clock: shown as the server gives it
    return [
      h("div", { class: "clock" }, stepTitle(j.next.step), " due ",
        h("time", { datetime: j.next.due_by, title: clockTime(j.next.due_by, zone) }, shortTime(j.next.due_by, zone)),
        " (", countdownSpan(j.next.due_by), ")"),
      nextPlanned(j),
    ];
  }
  if (!j.next) {
    return [h("span", { class: "small" }, j.next_steps === null ? "— (the site's rules do not load this product)" : "—"),
      nextPlanned(j)];
  }
  return [h("div", {}, "no time limit"), h("div", { class: "small" }, "next: " + stepTitle(j.next.step)), nextPlanned(j)];
}

// Where no clock runs: the journey's next planned date (its plan, server/schedule): when its
// step is due (an apheresis by its end, an infusion by its start), marked when it has passed
// without the step (the plan slipped).
function nextPlanned(j) {
  const p = j.next_planned;
  if (!p) return null;
  const zone = siteZone(j.site);
  const slipped = Date.parse(p.at) < serverNow();
  return h("div", { class: "small next-planned" + (slipped ? " slipped" : ""), title: stepTitle(p.step) },
    (slipped ? "⚠ plan slipped: " : "◷ planned: ") + p.kind + " · ",
    h("time", { datetime: p.at, title: clockTime(p.at, zone) }, clockTime(p.at, zone)));
}

// One badge per thing to know: overdue once (the sweeper's OVERDUE deviation is the same fact
// as the clock that ran out), each open code once, critical or major ones marked as such.
function deviations(j) {
  const badges = [];
  const overdue = isOverdue(j);
  if (overdue) badges.push(h("span", { class: "badge bad" }, "⚠ OVERDUE"));
  const shown = new Set(overdue ? ["OVERDUE"] : []);
  for (const code of j.deviation_codes || []) {
    if (shown.has(code)) continue;
    shown.add(code);
    badges.push(h("span", { class: "badge warn" }, "▲ " + code));
  }
  if (j.deviations_open > 0) {
    const severe = j.deviations_severe || 0;
    badges.push(h("span", { class: "small" }, `${j.deviations_open} open` + (severe > 0 ? `, ${severe} critical or major` : "")));
  }
  if (badges.length === 0) badges.push(h("span", { class: "badge ok" }, "✔ none"));
  return badges;
}

function rowClass(j) {
  return [isOverdue(j) ? "overdue" : null, j.hold || j.status === "on_hold" ? "on-hold" : null].filter(Boolean).join(" ");
}

function render(tr, j) {
  tr.dataset.coi = j.coi;
  tr.dataset.stageSince = j.stage_since || "";
  tr.className = rowClass(j);
  const link = h("a", { href: "/journey.html?coi=" + encodeURIComponent(j.coi), class: "mono" }, j.coi);
  const cells = [
    [patient(j), h("div", {}, link)],
    [h("div", {}, productTitle(j.product), h("span", { class: "small" }, " · " + j.site)), bagList(j)],
    progress(j),
    deadline(j),
    deviations(j),
  ];
  // Keep focus where it was when the row is rebuilt under the user's cursor.
  const hadFocus = tr.contains(document.activeElement);
  // data-label: the column's name, shown above each cell when the rows are cards (phones).
  fill(tr, cells.map((c, i) => h("td", { "data-label": COLUMNS[i] }, c)));
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
    announce(`${j.coi}: now ${j.hold ? "on hold: " + j.hold.reason : stepName(j.stage && j.stage.step)}`);
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

// pending: the first page, already asked for (see the end of this file).
async function loadAll(pending) {
  try {
    const page = await (pending instanceof Promise ? pending : get(boardUrl({ limit: PAGE_SIZE })));
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

// The filters from the address at once; the products (and their names) from each site's rules
// after the first rows are drawn: the rules are the slowest call of the page, and the rows do
// not wait for them (they show the product ids until the names arrive, then are drawn again).
function fillFilters() {
  const form = document.getElementById("filters");
  const query = new URLSearchParams(location.search);
  for (const [value, name] of STEPS) form.stage.append(h("option", { value }, name));
  const sites = [...new Set(session.user.roles.map((r) => r.site))].sort();
  for (const s of sites) form.site.append(h("option", { value: s }, s));
  const asked = query.get("product");
  if (asked) form.product.append(h("option", { value: asked }, asked));
  for (const name of ["site", "product", "stage", "overdue"]) form[name].value = query.get(name) || "";
  form.addEventListener("change", () => {
    history.replaceState(null, "", "?" + filters().toString());
    loadAll();
  });
}

// Each site's rules (the products it may use, and their names); never rejects.
function fetchProducts() {
  const sites = [...new Set(session.user.roles.map((r) => r.site))].sort();
  return Promise.all(sites.map((s) => get(`/api/v1/sites/${encodeURIComponent(s)}/rules`)
    .catch(() => null)));  // a site without rules has no products to filter by
}

// redraw: the rows were drawn before the names arrived.
function fillProducts(rulesOfSites, { redraw }) {
  const form = document.getElementById("filters");
  const products = new Set();
  for (const rules of rulesOfSites) {
    if (!rules) continue;
    rules.usable.forEach((p) => products.add(p));
    learnProductTitles(rules.titles);
  }
  const chosen = form.product.value;
  form.product.replaceChildren(h("option", { value: "" }, "All products"),
    ...[...products].sort().map((p) => h("option", { value: p }, productTitle(p))));
  form.product.value = chosen;
  if (redraw) for (const row of rows.values()) render(row.tr, row.journey);  // with the products' names
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

// The soonest due time of the journey: its most urgent clock, or its next step's due time.
function dueKey(j) {
  let key = j.next && j.next.due_by ? Date.parse(j.next.due_by) : Infinity;
  const clock = mostUrgentClock(j.clocks);
  if (clock) key = Math.min(key, Date.parse(clock.due_by));
  return key;
}

function isOverdue(j) { return Boolean(j.overdue) || dueKey(j) < serverNow(); }

// Most urgent first, as the server sorts (server/board/board_query.h): overdue, then open
// critical or major deviations, then the soonest due. Negative when a comes before b.
function tier(j) { return isOverdue(j) ? 0 : (j.deviations_severe || 0) > 0 ? 1 : 2; }
function compareUrgency(a, b) { return tier(a) - tier(b) || dueKey(a) - dueKey(b) || 0; }

// The row moves up or down to its place in that order.
function reposition(coi) {
  const row = rows.get(coi);
  const prev = row.tr.previousElementSibling, next = row.tr.nextElementSibling;
  const before = (tr) => compareUrgency(rows.get(tr.dataset.coi).journey, row.journey);
  if ((!prev || before(prev) <= 0) && (!next || before(next) >= 0)) return;
  for (const tr of tbody.rows) {
    if (tr !== row.tr && before(tr) > 0) { tbody.insertBefore(row.tr, tr); return; }
  }
  tbody.append(row.tr);
}

function applyRow(fields) {
  const row = rows.get(fields.coi);
  if (!row) return false;
  const j = { ...row.journey, ...fields };
  j.overdue = dueKey(j) < serverNow();
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
  if (onAlertNotice(notice)) return;
  if (notice.type !== "board" || !notice.journey) return;
  if (notice.row && applyRow(notice.row)) return;
  if (fetching.has(notice.journey)) return;
  fetching.add(notice.journey);
  refreshJourney(notice.journey).finally(() => fetching.delete(notice.journey));
}

function tick() {
  for (const el of tickCountdowns(tbody)) {
    const tr = el.closest("tr");
    if (!tr.classList.contains("overdue")) {
      tr.classList.add("overdue");
      const cells = tr.querySelectorAll("td");
      const row = rows.get(tr.dataset.coi);
      if (row && cells.length) fill(cells[cells.length - 1], deviations(row.journey));
      if (row) reposition(tr.dataset.coi);  // it has just become the most urgent kind
    }
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
  // Every call the first rows need left before this module loaded (early_calls.js builds the
  // same paths, the first page's filters read from the address as fillFilters sets them); get()
  // takes those answers. The page waits for the slowest call, not for their sum. The products'
  // names (each site's rules, the slowest) follow the rows.
  const query = new URLSearchParams(location.search);
  const firstFilters = new URLSearchParams();
  for (const name of ["site", "product", "stage", "overdue"]) if (query.get(name)) firstFilters.set(name, query.get(name));
  firstFilters.set("limit", PAGE_SIZE);
  const firstPage = get("/api/v1/board?" + firstFilters.toString());
  firstPage.catch(() => {});  // loadAll reports it
  let rulesOfSites = null;
  const products = fetchProducts().then((r) => { rulesOfSites = r; });
  await Promise.all([loadJourneySteps().catch(showError), loadSites(), loadStepTitles()]);
  setDisplayZone(commonZone());
  fillFilters();
  await firstPage.catch(() => {});
  // The rows are drawn once: with the products' names when the rules came first (as they
  // usually do), else at once and again when the names come.
  const namesFirst = rulesOfSites !== null;
  if (namesFirst) fillProducts(rulesOfSites, { redraw: false });
  await loadAll(firstPage);
  performance.mark("board: first rows drawn");  // tests/browser/page_bench.mjs reads it
  if (!namesFirst) {
    await products;
    fillProducts(rulesOfSites, { redraw: true });
  }
  everySecond(tick);
  await startAlerts();
  new LiveFeed({ onMessage: onNotice, onResync: () => { loadAll(); loadAlerts(); }, statusElement: live });
}
