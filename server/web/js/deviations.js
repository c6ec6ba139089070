// The deviations inbox (docs/quality.md "Deviations and CAPA"): every deviation of the user's
// sites with its patient's initials, product, site, severity, age and owner, filtered and
// sorted by the server (the filters are in the address, so a view can be bookmarked). A row's
// button opens its detail below the table (deviation_detail.js: the timeline and the form of the
// next step). Live from the feed. Below it, the near misses (near_misses.js).
import { get } from "./api.js";
import { h, fill } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";
import { LiveFeed } from "./live_feed.js";
import { clockTime, duration } from "./time_text.js";
import { loadSites } from "./sites.js";
import { setUpNearMisses, loadNearMisses } from "./near_misses.js";
import { STATUS, STATUS_CLASS, setUpDetail, showDetail, shownId } from "./deviation_detail.js";

const session = requireSession();
const tbody = document.querySelector("#inbox tbody");
const form = document.getElementById("filters");
const FILTERS = ["status", "severity", "site", "owner", "code", "older_than_hours", "sort"];
const SEVERITY = { critical: "▲▲ critical", major: "▲ major", minor: "△ minor" };

/** "OUT_OF_ORDER" with a line-break chance after each "_" (the column stays narrow). */
function code(text) {
  return text.split("_").flatMap((part, i) => (i ? ["_", h("wbr", {}), part] : [part]));
}

function error(text) { document.getElementById("inbox-error").textContent = text; }

function statusCell(d) {
  const out = [h("span", { class: "badge " + (STATUS_CLASS[d.status] || "") }, STATUS[d.status] || d.status)];
  if (d.status === "closed" && d.closing_signature) {
    const s = d.closing_signature;
    out.push(h("div", { class: "small" }, `signed by ${s.signer_name || d.closed_by || "?"} ${clockTime(d.closed_at)}`),
      h("div", { class: "small" }, `meaning: ${s.meaning}`), h("div", { class: "small" }, `reason: ${s.reason}`));
  }
  return out;
}

function row(d) {
  return h("tr", { "data-id": d.id },
    h("td", {},
      h("button", { type: "button", class: "secondary", onclick: () => open(d.id),
        "aria-label": `Open deviation ${d.id} (${d.code})` }, `#${d.id}`),
      h("div", {}, h("strong", {}, code(d.code))),
      h("div", { class: "small" }, SEVERITY[d.severity] || d.severity)),
    h("td", {}, h("div", {}, h("span", { "aria-label": "patient initials" }, d.patient_initials), " · ", d.product_name || d.product),
      h("a", { class: "mono", href: "/journey.html?coi=" + encodeURIComponent(d.journey) }, d.journey),
      h("div", { class: "small" }, d.site)),
    h("td", {}, d.message || "", d.rule ? h("div", { class: "small mono" }, d.rule) : null),
    h("td", {}, duration(d.age_seconds * 1000), h("div", { class: "small" },
      h("time", { datetime: d.raised_at }, clockTime(d.raised_at)))),
    h("td", {}, d.owner || h("span", { class: "small" }, "— none yet")),
    h("td", {}, statusCell(d)));
}

function params() {
  const p = new URLSearchParams();
  for (const name of FILTERS) {
    const value = (form[name].value || "").trim();
    if (value && !(name === "sort" && value === "newest")) p.set(name, value);
  }
  if (!form.status.value) p.set("status", "");
  return p;
}

export async function load() {
  const p = params();
  const query = new URLSearchParams(location.search);
  if (query.get("journey")) p.set("journey", query.get("journey"));
  const asked = new URLSearchParams(p);
  if (!asked.get("status")) asked.delete("status");
  try {
    const list = (await get("/api/v1/deviations?" + asked)).deviations;
    fill(tbody, list.map(row));
    document.getElementById("inbox-count").textContent =
      `${list.length} deviation${list.length === 1 ? "" : "s"}` + (query.get("journey") ? ` of ${query.get("journey")}` : "");
    error("");
  } catch (e) {
    error(e.message);
  }
}

function remember(id) {
  const p = params();
  const journey = new URLSearchParams(location.search).get("journey");
  if (journey) p.set("journey", journey);
  if (id) p.set("id", id);
  history.replaceState(null, "", "?" + p);
}

async function open(id) {
  remember(id);
  await showDetail(id);
}

if (session) {
  const live = pageHeader(session, "/deviations.html");
  const query = new URLSearchParams(location.search);
  const sites = await loadSites();
  form.site.append(...[...sites.keys()].sort().map((code) => h("option", { value: code }, code)));
  for (const name of FILTERS) if (query.has(name)) form[name].value = query.get(name);
  if (!query.has("status")) form.status.value = "active";
  form.addEventListener("submit", (e) => { e.preventDefault(); remember(shownId()); load(); });
  for (const name of ["status", "severity", "site", "sort"]) form[name].addEventListener("change", () => { remember(shownId()); load(); });
  setUpDetail(session, { onChange: load, onClose: () => remember(null) });
  await load();
  if (query.get("id")) await showDetail(Number(query.get("id")));
  const nearMisses = setUpNearMisses(session);
  if (nearMisses) await loadNearMisses();
  new LiveFeed({ onMessage: (n) => {
    // The table only: the detail's forms keep what is being typed (it reloads after each step).
    if (n.type === "deviation" || (n.deviations || []).length) load();
    if (nearMisses && n.type === "near_miss") loadNearMisses();
  }, onResync: () => { load(); if (nearMisses) loadNearMisses(); }, statusElement: live });
}
