// The audit page: GET /api/v1/audit/verify and what it found, then the audit trail review
// (audit_trail.js: search, page and copy every recorded action).
import { get } from "./api.js";
import { h, fill } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";
import { setUpTrail } from "./audit_trail.js";

const session = requireSession();

function report(r) {
  const verdict = r.intact
    ? h("p", { class: "verdict ok" }, "✔ Intact: every chain verifies.")
    : h("p", { class: "verdict bad" }, `✖ BROKEN: ${r.broken.length} link${r.broken.length === 1 ? "" : "s"} do not verify.`);
  const broken = (r.broken || []).length === 0 ? null : h("table", {},
    h("thead", {}, h("tr", {}, ["Journey", "Chain", "Seq", "Problem", "Expected", "Found"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, r.broken.map((b) => h("tr", {},
      h("td", { class: "mono" }, b.coi || "—"), h("td", {}, b.chain), h("td", {}, b.seq), h("td", {}, b.problem),
      h("td", { class: "mono small" }, b.expected || ""), h("td", { class: "mono small" }, b.found || "")))));
  return [verdict,
    h("p", {}, `${r.journeys_checked} journeys, ${r.events_checked} events, ${r.facts_checked} facts, ` +
      `${r.admin_entries_checked} administration entries and ${r.checkpoints_checked} signed checkpoints checked at ` +
      `${new Date().toLocaleString("en-GB")}.`),
    h("p", {}, r.latest_checkpoint ? `Latest signed checkpoint: ${r.latest_checkpoint}.`
      : "No signed checkpoint yet: a journey deleted whole would go unnoticed."),
    broken];
}

async function verify() {
  const button = document.getElementById("verify");
  button.disabled = true;
  fill(document.getElementById("result"), h("p", {}, "Verifying…"));
  try {
    fill(document.getElementById("result"), report(await get("/api/v1/audit/verify")));
    document.getElementById("audit-error").textContent = "";
  } catch (e) {
    fill(document.getElementById("result"));
    document.getElementById("audit-error").textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

if (session) {
  const live = pageHeader(session, "/audit.html");
  fill(live, "");
  live.hidden = true;  // nothing live here
  document.getElementById("verify").addEventListener("click", verify);
  await Promise.all([verify(), setUpTrail()]);
}
