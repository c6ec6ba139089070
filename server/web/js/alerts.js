// Alerts on the board (docs/quality.md "Alerts"): each alert a rule sends to the browser is a
// banner (role=alert, so a screen reader says it at once) above the journeys, with what
// happened, what to do, a link to the journey, and an Acknowledge button
// (POST /api/v1/alerts/{id}/acknowledge). New alerts come on the live feed (type "alert"); an
// acknowledgement anywhere (another board, the API) removes the banner everywhere
// ("alert_acknowledged"). On load and on every resync the open ones are fetched again.
import { get, post } from "./api.js";
import { h, announce } from "./dom.js";

const shown = new Map();  // alert id -> banner element
let box = null;

function banner(alert) {
  const escalated = alert.purpose === "escalation" || alert.escalated_at;
  const title = `${escalated ? "ESCALATED: " : ""}${alert.severity.toUpperCase()} ${alert.code} · ${alert.journey}`;
  const button = h("button", { type: "button", class: "secondary", "aria-label": `Acknowledge alert ${alert.id}` },
    "Acknowledge");
  const el = h("div", { class: "alert-banner", role: "alert", "data-alert": alert.id },
    h("p", { class: "alert-title" }, h("strong", {}, title), " at ", alert.site),
    h("p", {}, alert.message || ""),
    alert.what_to_do ? h("p", {}, h("strong", {}, "What to do: "), alert.what_to_do) : null,
    h("p", {}, h("a", { href: "/journey.html?coi=" + encodeURIComponent(alert.journey) }, "Open the journey"), " ", button));
  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      await post(`/api/v1/alerts/${alert.id}/acknowledge`);
      remove(alert.id);
      announce(`Alert ${alert.id} acknowledged`);
    } catch (e) {
      button.disabled = false;
      el.append(h("p", { class: "error" }, "Not acknowledged: " + e.message));
    }
  });
  return el;
}

function show(alert) {
  const existing = shown.get(alert.id);
  const el = banner(alert);
  if (existing) existing.replaceWith(el);
  else box.prepend(el);
  shown.set(alert.id, el);
  box.hidden = false;
}

function remove(id) {
  const el = shown.get(id);
  if (el) el.remove();
  shown.delete(id);
  box.hidden = shown.size === 0;
}

/** Fetches the open alerts that were sent to the board (QA, coordinators and admins may). */
export async function loadAlerts() {
  if (!box) return;
  let alerts;
  try {
    alerts = (await get("/api/v1/alerts?status=open")).alerts;
  } catch {
    return;  // a role that does not read alerts: the feed's notices still show
  }
  for (const id of [...shown.keys()]) remove(id);
  for (const alert of alerts.reverse()) {
    if (alert.deliveries.some((d) => d.channel === "browser" && d.state === "sent")) show(alert);
  }
}

/** Handles a feed notice of the alerts; returns whether it was one. */
export function onAlertNotice(notice) {
  if (!box) return false;
  if (notice.type === "alert" && notice.alert) show(notice.alert);
  else if (notice.type === "alert_acknowledged") remove(notice.id);
  else return false;
  return true;
}

/** Starts the banners in the element with id "alerts". */
export async function startAlerts() {
  box = document.getElementById("alerts");
  if (box) await loadAlerts();
}
