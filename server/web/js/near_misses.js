// The near misses on the deviations page (docs/deviations.md "Near misses"): refused scans that
// named another patient's COI, wristband or bag. qa and coordinators read them; qa reviews each
// once, with a note. Another patient's wristband is never shown here: the server sends which
// scan it was, and the other journey's COI when it knows it.
import { get, post } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { hasRole } from "./session.js";
import { clockTime } from "./time_text.js";

const KIND = { coi: "COI", unit: "Unit", wristband: "Wristband" };

let session = null;
let reviewing = null;  // the near miss the dialog reviews

const $ = (id) => document.getElementById(id);
function notice(text) { $("nm-notice").textContent = text; announce(text); }
function error(text) { $("nm-error").textContent = text; }

/** Whether the user reads near misses at all: qa or coordinator at some site. */
export function readsNearMisses(s) { return hasRole(s, "qa") || hasRole(s, "coordinator"); }

function identity(f) {
  if (f.kind === "wristband") return h("span", {}, `another patient's wristband (scan ${f.scan} of the event; not shown)`);
  return h("span", {}, `${KIND[f.kind] || f.kind} `, h("span", { class: "mono" }, f.value));
}

function otherJourney(n) {
  const o = n.other_journey;
  if (!o) return h("div", { class: "small" }, "not a journey known here");
  if (!o.visible) return h("div", { class: "small" }, "belongs to a journey of another site");
  return h("div", { class: "small" }, "belongs to ",
    h("a", { class: "mono", href: "/journey.html?coi=" + encodeURIComponent(o.coi) }, o.coi), ` (${o.site})`);
}

function review(n) {
  if (n.reviewed) {
    return [h("span", { class: "badge ok" }, "✔ REVIEWED"),
      h("div", { class: "small" }, `by ${n.reviewed_by || "?"} ${clockTime(n.reviewed_at)}`),
      h("div", { class: "small" }, n.review_note || "")];
  }
  return [h("span", { class: "badge bad" }, "▲ NOT REVIEWED"),
    hasRole(session, "qa", n.site)
      ? h("div", { class: "actions" }, h("button", { type: "button", onclick: () => openReview(n) }, `Review #${n.id}…`))
      : null];
}

/** "UNIT_NOT_IN_JOURNEY" with a line-break chance after each "_" (narrow screens). */
function code(text) {
  return text.split("_").flatMap((part, i) => (i ? ["_", h("wbr", {}), part] : [part]));
}

function row(n) {
  return h("tr", { "data-id": n.id },
    h("td", {}, h("strong", {}, `#${n.id} `, code(n.code)),
      h("div", { class: "small" }, `${n.step} · `, h("time", { datetime: n.occurred_at, title: n.occurred_at }, clockTime(n.occurred_at)))),
    h("td", {}, h("a", { class: "mono", href: "/journey.html?coi=" + encodeURIComponent(n.journey) }, n.journey),
      h("div", { class: "small" }, n.site),
      n.wristband_mismatch ? h("div", { class: "small" }, "wristband scanned did not match this patient") : null),
    h("td", {}, identity(n.foreign),
      (n.other_identities || []).map((f) => h("div", { class: "small" }, "also: ", identity(f))),
      otherJourney(n)),
    h("td", {}, h("div", {}, n.station ? `Station ${n.station}` : "At a desk (no station)"),
      h("div", { class: "small" }, (n.operators || []).join(", ") || "no operator named")),
    h("td", {}, review(n)));
}

/** Fetches and shows the near misses (the filter's choice, and ?journey= of the page). */
export async function loadNearMisses() {
  if (!session) return;
  const params = new URLSearchParams();
  const reviewed = $("nm-reviewed").value;
  if (reviewed) params.set("reviewed", reviewed);
  const journey = new URLSearchParams(location.search).get("journey");
  if (journey) params.set("journey", journey);
  try {
    const list = (await get("/api/v1/near-misses?" + params)).near_misses;
    fill(document.querySelector("#near-misses tbody"), list.map(row));
    $("nm-count").textContent = `${list.length} near miss${list.length === 1 ? "" : "es"}` +
      (reviewed === "false" ? " not reviewed" : reviewed === "true" ? " reviewed" : "");
    error("");
  } catch (e) {
    error(e.message);
  }
}

function openReview(n) {
  reviewing = n;
  const form = $("review-form");
  form.reset();
  $("review-error").textContent = "";
  fill($("review-what"), h("strong", {}, `#${n.id} ${n.code}`), ` on ${n.journey} at ${clockTime(n.occurred_at)}`);
  $("review-dialog").showModal();
  form.note.focus();
}

/** Shows the section to qa and coordinators, and wires its filter and review dialog. */
export function setUpNearMisses(s) {
  if (!s || !readsNearMisses(s)) return false;
  session = s;
  $("near-misses-section").hidden = false;
  $("nm-reviewed").addEventListener("change", loadNearMisses);
  const form = $("review-form");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const n = reviewing;
    const button = $("review-save");
    button.disabled = true;
    try {
      await post(`/api/v1/near-misses/${n.id}/review`, { note: form.note.value.trim() });
      $("review-dialog").close();
      notice(`Near miss #${n.id} reviewed.`);
      await loadNearMisses();
    } catch (err) {
      $("review-error").textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  $("review-cancel").addEventListener("click", () => $("review-dialog").close());
  return true;
}
