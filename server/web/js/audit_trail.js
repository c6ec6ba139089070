// The audit trail review (docs/quality.md "The audit trail review"; 21 CFR 11.10(e)): every
// recorded action searched by kind, journey, person, station and dates (GET /api/v1/audit/trail,
// newest first), paged on with "More" (the answer's "next" cursor), and copied as CSV or as a
// PDF report (trail.csv, trail.pdf: the same filter). The search is kept in the address, so a
// review can be bookmarked. The copies need the session's bearer token, which a plain link does
// not send: a click fetches the file with it and hands it to the browser as a download.
import { api, get } from "./api.js";
import { h, fill } from "./dom.js";

export const KINDS = [
  ["event", "Step recorded"], ["refusal", "Refusal"], ["deviation", "Deviation"], ["signature", "Signature"],
  ["sign_in", "Sign-in"], ["admin", "Administration"], ["export", "Export"], ["label_print", "Label print"],
];
const KIND_LABEL = Object.fromEntries(KINDS);
const TEXT_FIELDS = ["coi", "person", "station"];
const COLUMNS = 7;

const $ = (id) => document.getElementById(id);
let form, tbody, more;
let shown = new Set();  // "source:id" of the rows in the table: a page never adds one twice
let next = null;        // the cursor of the page after the last shown
let asked = null;       // the search shown (URLSearchParams, without limit and cursor)
let generation = 0;     // answers to an older search are dropped

/** "2026-12-04" (a date input) -> the RFC 3339 instant of that local midnight, days later. */
function midnight(value, days = 0) {
  const [y, m, d] = value.split("-").map(Number);
  return new Date(y, m - 1, d + days).toISOString();
}

/** "04 Dec 2026, 10:15:02" on the PC's clock. */
function localTime(iso) {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  return t.toLocaleString("en-GB", { year: "numeric", month: "short", day: "2-digit", hour: "2-digit",
    minute: "2-digit", second: "2-digit", hourCycle: "h23" });
}

/** "session.login_failed" with a line-break chance after each "." and "_". */
function breakable(text) {
  return text.split(/(?<=[._])/).flatMap((part, i) => (i ? [h("wbr", {}), part] : [part]));
}

/** The form as the API's filter: kind, coi, person, station, from, until. */
function filterOfForm() {
  const p = new URLSearchParams();
  const kinds = KINDS.map(([k]) => k).filter((k) => form.elements["kind-" + k].checked);
  if (kinds.length && kinds.length < KINDS.length) p.set("kind", kinds.join(","));
  for (const name of TEXT_FIELDS) {
    const value = form.elements[name].value.trim();
    if (value) p.set(name, value);
  }
  if (form.elements.from.value) p.set("from", midnight(form.elements.from.value));
  if (form.elements.until.value) p.set("until", midnight(form.elements.until.value, 1));  // the whole day
  return p;
}

/** The address's search (a bookmark) back into the form. */
function formOfAddress() {
  const q = new URLSearchParams(location.search);
  const kinds = (q.get("kind") || "").split(",");
  for (const [k] of KINDS) form.elements["kind-" + k].checked = kinds.includes(k);
  for (const name of TEXT_FIELDS) form.elements[name].value = q.get(name) || "";
  for (const name of ["from", "until"]) form.elements[name].value = /^\d{4}-\d\d-\d\d$/.test(q.get(name) || "") ? q.get(name) : "";
  if (/^\d+$/.test(q.get("limit") || "")) form.elements.limit.value = q.get("limit");
}

function remember() {
  const q = new URLSearchParams();
  const kinds = KINDS.map(([k]) => k).filter((k) => form.elements["kind-" + k].checked);
  if (kinds.length) q.set("kind", kinds.join(","));
  for (const name of [...TEXT_FIELDS, "from", "until"]) {
    const value = form.elements[name].value.trim();
    if (value) q.set(name, value);
  }
  if (form.elements.limit.value && form.elements.limit.value !== "100") q.set("limit", form.elements.limit.value);
  history.replaceState(null, "", location.pathname + (String(q) ? "?" + q : ""));
}

function error(text, field) {
  $("trail-error").textContent = text;
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const target = field === "kind" ? form.elements["kind-event"] : field && form.elements[field];
  if (target) target.setAttribute("aria-invalid", "true");
}

function row(e) {
  const failed = e.kind === "refusal" || /_failed$/.test(e.action);
  return h("tr", { class: failed ? "refused" : null, "data-key": `${e.source}:${e.id}` },
    h("td", {}, h("time", { datetime: e.at, title: e.at }, localTime(e.at))),
    h("td", {}, failed ? h("span", { class: "badge bad" }, e.kind === "refusal" ? "✖ REFUSED" : "✖ FAILED") : null,
      h("span", { class: "kind" }, KIND_LABEL[e.kind] || e.kind)),
    h("td", { class: "mono" }, breakable(e.action)),
    h("td", {}, e.actor || "—"),
    h("td", {}, e.station || "—"),
    h("td", {}, e.coi ? h("button", { type: "button", class: "link mono", title: `Show only journey ${e.coi}`,
      "aria-describedby": "trail-coi-hint", onclick: () => byJourney(e.coi) }, e.coi) : "—"),
    h("td", {}, e.summary));
}

function count(filterText) {
  const n = shown.size;
  $("trail-count").textContent = `${n} record${n === 1 ? "" : "s"} shown${next ? ", more to load" : ""}` +
    ` (${filterText || "every record"}).`;
}

/** Runs the form's search from its first page (again: append = false) or the next page. */
async function load({ append = false } = {}) {
  const mine = ++generation;
  const p = new URLSearchParams(append ? asked : filterOfForm());
  const limit = form.elements.limit.value.trim();
  if (limit) p.set("limit", limit);
  if (append && next) p.set("after", next);
  more.disabled = true;
  try {
    const page = await get("/api/v1/audit/trail?" + p);
    if (mine !== generation) return;
    if (!append) {
      asked = filterOfForm();
      shown = new Set();
      fill(tbody);
      for (const id of ["trail-csv", "trail-pdf"]) {
        $(id).href = `/api/v1/audit/trail.${id.slice(6)}` + (String(asked) ? "?" + asked : "");
      }
    }
    const rows = page.entries.filter((e) => !shown.has(`${e.source}:${e.id}`));
    for (const e of rows) shown.add(`${e.source}:${e.id}`);
    tbody.append(...rows.map(row));
    if (!shown.size) tbody.append(h("tr", {}, h("td", { colspan: COLUMNS }, "No record matches this search.")));
    next = page.next;
    more.hidden = !next;
    count(page.filter);
    error("");
  } catch (e) {
    if (mine !== generation) return;
    error(e.message, e.field);
  } finally {
    more.disabled = false;
  }
}

/** A COI clicked: that journey's records, whoever and wherever (the kinds and dates kept). */
function byJourney(coi) {
  form.elements.coi.value = coi;
  form.elements.person.value = "";
  form.elements.station.value = "";
  remember();
  load();
  form.elements.coi.focus();
}

/** The file of a download link (trail.csv or trail.pdf), fetched with the session's token. */
async function download(event) {
  event.preventDefault();
  const link = event.currentTarget;
  if (link.getAttribute("aria-busy") === "true") return;
  link.setAttribute("aria-busy", "true");
  $("trail-notice").textContent = "";
  $("trail-error").textContent = "";
  try {
    const res = await api("GET", new URL(link.href).pathname + new URL(link.href).search, undefined, { raw: true });
    const disposition = res.headers.get("Content-Disposition") || "";
    const name = (/filename="([^"]+)"/.exec(disposition) || [])[1] || link.pathname.split("/").pop();
    const sha = res.headers.get("X-Export-SHA256");
    const url = URL.createObjectURL(await res.blob());
    h("a", { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    $("trail-notice").textContent = `Downloaded ${name}` + (sha ? ` (SHA-256 ${sha.slice(0, 16)}…)` : "") +
      "; the copy is recorded in the trail.";
  } catch (e) {
    error(e.message, e.field);
  } finally {
    link.removeAttribute("aria-busy");
  }
}

/** Builds the kind boxes, wires the form, and shows the address's search (every record when none). */
export async function setUpTrail() {
  form = $("trail-search");
  tbody = document.querySelector("#trail tbody");
  more = $("trail-more");
  $("trail-kinds").append(...KINDS.map(([kind, label]) => h("span", { class: "choice" },
    h("input", { type: "checkbox", id: "trail-kind-" + kind, name: "kind-" + kind, value: kind }),
    h("label", { for: "trail-kind-" + kind }, label))));
  formOfAddress();
  form.addEventListener("submit", (e) => { e.preventDefault(); $("trail-notice").textContent = ""; remember(); load(); });
  form.addEventListener("reset", () => setTimeout(() => { remember(); load(); }));
  more.addEventListener("click", () => load({ append: true }));
  for (const id of ["trail-csv", "trail-pdf"]) $(id).addEventListener("click", download);
  await load();
}
