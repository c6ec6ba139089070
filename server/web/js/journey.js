// One journey in full (GET /api/v1/journeys/{coi}): who did what where and when, with what
// they scanned; its hold; the clocks that run; its bags (dose, colour, state, hold); its open deviations; its temperature evidence; its units
// with their labels.
// Live: a change to this journey on the feed reloads it.
import { get } from "./api.js";
import { unitsPanel } from "./unit_labels.js";
import { showTemperature } from "./temperature_panel.js";
import { planPanel } from "./plan_panel.js";
import { h, fill, announce } from "./dom.js";
import { requireSession, hasRole } from "./session.js";
import { registerPanel } from "./register_units.js";
import { recordPanel } from "./record_step.js";
import { identifiersPanel } from "./identifiers_panel.js";
import { pageHeader } from "./page_header.js";
import { LiveFeed } from "./live_feed.js";
import { loadJourneySteps } from "./journey_steps.js";
import { learnServerNow, clockTime, duration, everySecond, setDisplayZone } from "./time_text.js";
import { loadSites, siteZone } from "./sites.js";
import { loadStepTitles, stepTitle } from "./step_titles.js";
import { loadProductForms, eventData } from "./event_data.js";
import { anchorMissingText, anchorWords, bagName, clockBagName, countdownSpan, holdBadge, ownHold, stateWords,
  tickCountdowns } from "./bags_clocks.js";

const session = requireSession();
const coi = new URLSearchParams(location.search).get("coi") || "";
let shownUnits = null;
let shownIdentifiers = null;
let desk = null;  // the register and record panels, made once the journey's site is known

const REGISTRARS = ["coordinator", "cell_lab", "apheresis", "admin"];
const RECORDERS = ["apheresis", "cell_lab", "clinical", "physician", "coordinator"];
const may = (roles, site) => roles.some((role) => hasRole(session, role, site));

// The desk panels: made once (what is being typed or scanned stays while the journey reloads).
function deskPanels(j) {
  if (desk) return;
  desk = {};
  if (may(RECORDERS, j.site)) {
    desk.record = recordPanel(j.coi, session, { onRecorded: () => load() });
    fill(document.getElementById("record-holder"), desk.record.element);
    document.getElementById("record-section").hidden = false;
  }
  if (may(REGISTRARS, j.site)) {
    desk.register = registerPanel(j, { onRegistered: () => { load(); if (desk.record) desk.record.reload(); } });
    fill(document.getElementById("register-holder"), desk.register.element);
    document.getElementById("register-section").hidden = false;
  }
}
let reloadTimer = null;
let planShown = false;

function facts(j) {
  const p = j.patient || {};
  const pairs = [
    ["COI", j.coi], ["Patient", p.initials], ["MRN", p.mrn], ["Date of birth", p.date_of_birth],
    ["Product", (productForms && productForms.name) || j.product], ["Site", j.site], ["Treating physician", j.physician],
    ["Status", j.status.replace("_", " ")], ["Started", clockTime(j.created_at)],
  ];
  return pairs.filter(([, v]) => v).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]);
}

// The journey's hold, with its reason and since when, above everything else.
function holdBanner(j) {
  const el = document.getElementById("hold");
  if (!j.hold) {
    el.hidden = true;
    fill(el);
    return;
  }
  const event = (j.events || []).find((e) => e.id === j.hold.event_id);
  fill(el, h("div", {}, "‖ ON HOLD: " + j.hold.reason),
    h("div", { class: "small" }, "since " + clockTime(j.hold.since),
      event ? ` · by ${(event.operators || []).join(" + ")} (event #${event.seq})` : "",
      " · its clocks keep running · hold.release (with a reason) lifts it"));
  el.hidden = false;
}

function cells(tag, values) { return values.map((v) => h(tag, {}, v)); }
function head(names) { return h("thead", {}, h("tr", {}, names.map((n) => h("th", { scope: "col" }, n)))); }

// Every running clock: step, bag, rule, started at (from what), due by, time left, and the
// anchor-missing note. Then the steps expected without a time limit, and the measured times.
function clocks(j) {
  const d = j.deadlines;
  if (!d) return h("p", {}, "The site's rules no longer load this product: no clocks can be computed.");
  const list = d.clocks || [];
  const table = list.length === 0 ? h("p", { id: "no-clocks" }, "No clock runs: no time limit now.") :
    h("table", { class: "plain clocks" },
      head(["Step", "Bag", "Rule", "Started at", "Due by", "Time left"]),
      h("tbody", {}, [...list].sort((a, b) => Date.parse(a.due_by) - Date.parse(b.due_by)).map((c) => {
        const missing = anchorMissingText(c);
        return h("tr", { "data-step": c.step, "data-unit": c.unit || "" }, cells("td", [
          h("strong", { class: "mono" }, c.step),
          clockBagName(c, j.bags) || "the journey",
          h("span", { class: "mono small" }, c.rule),
          [clockTime(c.started_at), h("div", { class: "small" }, anchorWords(c.from)),
            missing ? h("div", { class: "anchor-missing" }, "◌ ANCHOR MISSING: " + missing) : null],
          h("strong", {}, clockTime(c.due_by)),
          countdownSpan(c.due_by, { always: true }),
        ]));
      })));
  // Open obligations that no clock limits: expected, with no time limit.
  const timed = new Set(list.map((c) => c.step + " " + (c.unit || "")));
  const untimed = (d.open || []).filter((o) => !timed.has(o.step + " " + (o.unit || "")));
  const expected = untimed.map((o) => h("li", { title: o.step }, h("strong", {}, titleOf(o.step)),
    o.unit ? ` for ${clockBagName(o, j.bags)}` : "",
    o.due_by ? [" due by ", clockTime(o.due_by), " (", countdownSpan(o.due_by, { always: true }), ")"] : ": no time limit"));
  const points = [];
  const t = j.time_points || {};
  if (t.vein_to_vein_s != null) points.push(`vein to vein ${duration(t.vein_to_vein_s * 1000)}`);
  if (t.manufacturing_turnaround_s != null) points.push(`manufacturing ${duration(t.manufacturing_turnaround_s * 1000)}`);
  for (const x of t.thaw_to_infusion_end || []) points.push(`thaw to infusion end (${x.unit}) ${duration(x.seconds * 1000)}`);
  return [
    table,
    expected.length ? [h("h3", {}, "Expected next"), h("ul", { id: "expected" }, expected)] : null,
    points.length ? h("p", { class: "small" }, "Measured: " + points.join("; ")) : null,
  ];
}

// Every bag of the final product: unit, dose, colour, state, and its own hold.
function bagsTable(j) {
  if (!j.bags) return h("p", {}, "The site's rules no longer load this product: the bags' states cannot be computed.");
  if (j.bags.length === 0) return h("p", {}, "No bag of the final product is registered yet.");
  return h("table", { class: "plain bags-table" },
    head(["Bag", "Unit", "Dose", "Colour", "State", "Hold"]),
    h("tbody", {}, j.bags.map((b) => {
      const own = ownHold(b, j.hold);
      const swatch = b.colour && CSS.supports("color", b.colour) ? h("span", { class: "swatch", "aria-hidden": "true" }) : null;
      if (swatch) swatch.style.backgroundColor = b.colour;
      return h("tr", { "data-unit": b.unit }, cells("td", [
        h("strong", {}, bagName(b)),
        h("span", { class: "mono" }, b.unit),
        b.dose != null ? `dose ${b.dose}` : "—",
        b.colour ? [swatch, b.colour] : "—",
        h("strong", {}, stateWords(b.state)),
        own ? [holdBadge(own), h("div", { class: "small" }, "since " + clockTime(own.since))]
          : b.hold ? h("span", { class: "badge hold" }, "‖ with the journey") : h("span", { class: "badge ok" }, "✔ none"),
      ]));
    })));
}

function deviationList(list) {
  if (!list || list.length === 0) return h("p", {}, h("span", { class: "badge ok" }, "✔ none open"));
  return h("ul", {}, list.map((d) => h("li", {},
    h("span", { class: "badge " + (d.severity === "minor" ? "warn" : "bad") }, `▲ ${d.code} (${d.severity})`),
    " ", d.message || "", " ", h("a", { href: "/deviations.html?journey=" + encodeURIComponent(coi) }, "review"))));
}

// The product's forms (titles, field labels and units) for the timeline; null until loaded.
let productForms = null;

function eventItem(e) {
  const decision = e.decision || {};
  const refused = decision.decision === "refused";
  const problems = [
    ...(decision.refusals || []).map((r) => h("span", { class: "badge bad" }, "✖ refused: " + r.code)),
    ...(decision.deviations || []).map((d) => h("span", { class: "badge warn" }, "▲ " + d.code)),
  ];
  return h("li", { class: refused ? "refused" : null },
    h("div", { title: e.step }, h("strong", {}, `#${e.seq} ${titleOf(e.step)}`), " ",
      refused ? h("span", { class: "badge bad" }, " REFUSED") : h("span", { class: "badge ok" }, "✔ accepted")),
    h("div", {}, "When: ", clockTime(e.occurred_at), h("span", { class: "small" }, ` (recorded ${clockTime(e.recorded_at)})`)),
    h("div", {}, "Who: ", (e.operators || []).join(" + ") || "—", " · Where: ", e.station || "desk"),
    e.scans && e.scans.length ? h("div", {}, "Scanned: ", e.scans.map((s) => h("code", { class: "mono" }, s + " "))) : null,
    eventData(e.data, productForms && productForms.steps.get(e.step)),
    e.corrects_event_id ? h("div", {}, `Corrects event ${e.corrects_event_id}: ${e.correction_reason || ""}`) : null,
    problems.length ? h("div", {}, problems) : null);
}

// The step's title from the product's own definition, else the core's, else its id.
function titleOf(step) {
  const form = productForms && productForms.steps.get(step);
  return form && form.title ? form.title : stepTitle(step);
}

let zoneKnown = false;

async function load() {
  try {
    const j = await get("/api/v1/journeys/" + encodeURIComponent(coi));
    if (!zoneKnown) {  // every time on the page in the journey's site's zone (board.md "Times")
      zoneKnown = true;
      await loadSites();
      setDisplayZone(siteZone(j.site));
      productForms = await loadProductForms(j.product, j.site);
    }
    if (j.deadlines && j.deadlines.now) learnServerNow(j.deadlines.now);
    document.title = `${j.coi} · CellJourney`;
    fill(document.getElementById("title"), `Journey ${j.coi} · ${(j.patient || {}).initials || ""} · ${(productForms && productForms.name) || j.product}`);
    fill(document.getElementById("facts"), facts(j));
    holdBanner(j);
    deskPanels(j);
    const identifierKey = JSON.stringify(j.identifiers || []);
    if (identifierKey !== shownIdentifiers) {
      shownIdentifiers = identifierKey;
      fill(document.getElementById("identifiers"), await identifiersPanel(j,
        { canChange: may(["coordinator", "physician", "admin"], j.site), onChanged: () => load() }));
    }
    fill(document.getElementById("clocks"), clocks(j));
    fill(document.getElementById("bags"), bagsTable(j));
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
    // The plan panel keeps what the user types: drawn once, then redrawn by its own saves.
    if (!planShown) {
      planShown = true;
      document.getElementById("week-link").href = "/week.html?site=" + encodeURIComponent(j.site);
      await planPanel(j.coi, document.getElementById("plan"));
    }
  } catch (e) {
    document.getElementById("journey-error").textContent = e.message;
  }
}

function tick() { tickCountdowns(document); }

if (session) {
  const live = pageHeader(session, "");
  await loadJourneySteps().catch((e) => { document.getElementById("journey-error").textContent = e.message; });
  await loadStepTitles();
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
