// The plan panel of the journey page (GET/PUT /api/v1/journeys/{coi}/plan): the planned dates,
// typed and shown on the site's clock (its time zone, as everywhere the site's times are shown,
// whatever the PC's zone) and sent as UTC; a change after the first plan asks for its
// reason. Shows the product rules a date breaks (flags), the bookings over capacity (conflicts),
// the lead times no one has set (not checked), and every earlier version.
import { api, ApiError } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { clockTime, wallClock, instantOf } from "./time_text.js";

const KINDS = [
  ["apheresis", "Apheresis slot"],
  ["manufacturing", "Manufacturing slot (end: expected release)"],
  ["shipment", "Shipment of the product"],
  ["lymphodepletion", "Lymphodepletion (start and end)"],
  ["infusion", "Planned infusion"],
];

function flagList(plan) {
  const rows = [
    ...plan.flags.map((f) => h("li", { "data-code": f.code, "data-item": f.item },
      h("span", { class: "badge warn" }, `▲ ${f.code}`), ` ${f.item}: ${f.message} `,
      h("span", { class: "small mono" }, f.rule), f.source ? h("div", { class: "small" }, "Source: " + f.source) : null)),
    ...plan.conflicts.map((c) => h("li", { "data-code": "CONFLICT", "data-item": c.item },
      h("span", { class: "badge bad" }, "▲ CONFLICT"),
      ` ${c.item} on ${c.date}: ${c.booked} bookings for ${c.places} ${c.resource.replace("_", " ")} place${c.places === 1 ? "" : "s"}`)),
  ];
  if (plan.version > 0 && rows.length === 0) rows.push(h("li", {}, h("span", { class: "badge ok" }, "✔ no flag, no conflict")));
  const unchecked = plan.unchecked.map((u) => u.rule).join(", ");
  return [
    h("ul", { id: "plan-flags", class: "items", "aria-live": "polite" }, rows),
    unchecked ? h("p", { class: "small" }, "◌ Not checked (the site has not set them): " + unchecked) : null,
    plan.rules_problem ? h("p", { class: "small" }, "◌ The product's rules did not load: " + plan.rules_problem) : null,
  ];
}

function historyList(plan) {
  if (plan.history.length === 0) return null;
  return h("details", {}, h("summary", {}, `Versions (${plan.history.length})`),
    h("ol", {}, plan.history.map((v) => h("li", {},
      `v${v.version} by ${v.planned_by}, ${clockTime(v.planned_at, plan.time_zone)}`, v.reason ? ` — reason: ${v.reason}` : " — first plan",
      h("div", { class: "small" }, v.items.map((i) => `${i.kind} ${clockTime(i.start, plan.time_zone)}${i.end ? "–" + clockTime(i.end, plan.time_zone) : ""}`).join("; "))))));
}

function form(coi, plan, container) {
  const byKind = Object.fromEntries(plan.items.map((i) => [i.kind, i]));
  const rows = KINDS.map(([kind, label]) => {
    const i = byKind[kind] || {};
    return h("tr", {},
      h("th", { scope: "row" }, label),
      h("td", {}, h("input", { type: "datetime-local", name: kind + "-start", "aria-label": label + ": start", value: wallClock(i.start, plan.time_zone) })),
      h("td", {}, h("input", { type: "datetime-local", name: kind + "-end", "aria-label": label + ": end", value: wallClock(i.end, plan.time_zone) })));
  });
  const error = h("p", { class: "error", role: "alert" });
  const reason = plan.version > 0 ? h("div", {}, h("label", { for: "plan-reason" }, "Reason for the change (required)"),
    h("textarea", { id: "plan-reason", name: "reason", rows: 2, "aria-required": "true" })) : null;
  const el = h("form", { id: "plan-form", "aria-labelledby": "plan-heading" },
    h("table", { class: "plain plan" }, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Item"),
      h("th", { scope: "col" }, `Start (${plan.time_zone} time)`), h("th", { scope: "col" }, "End"))), h("tbody", {}, rows)),
    reason, error,
    h("div", { class: "actions" }, h("button", { type: "submit" }, plan.version > 0 ? "Save the change" : "Save the plan")));
  el.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const items = [];
    for (const [kind] of KINDS) {
      const start = el.elements[kind + "-start"].value, end = el.elements[kind + "-end"].value;
      if (!start) continue;
      const item = { kind, start: instantOf(start, plan.time_zone) };
      if (end) item.end = instantOf(end, plan.time_zone);
      items.push(item);
    }
    const body = { items, version: plan.version };
    if (reason) body.reason = el.elements.reason.value.trim() || undefined;
    try {
      const saved = await api("PUT", "/api/v1/journeys/" + encodeURIComponent(coi) + "/plan", body);
      showPlan(coi, saved, container);
      announce(`Plan saved as version ${saved.version}: ${saved.flags.length} flags, ${saved.conflicts.length} conflicts`);
    } catch (e) {
      error.textContent = e instanceof ApiError && e.field ? `${e.message} (${e.field})` : e.message;
    }
  });
  return el;
}

function showPlan(coi, plan, container) {
  fill(container,
    h("p", { class: "small" }, plan.version === 0 ? "Not planned yet." :
      `Version ${plan.version} by ${plan.planned_by}, ${clockTime(plan.planned_at, plan.time_zone)}` + (plan.reason ? ` — ${plan.reason}` : "") +
      `. The site counts days in ${plan.time_zone}.`),
    flagList(plan), form(coi, plan, container), historyList(plan));
}

/** Fills container with the journey's plan; keeps what the user types unless asked to reload. */
export async function planPanel(coi, container) {
  try {
    showPlan(coi, await api("GET", "/api/v1/journeys/" + encodeURIComponent(coi) + "/plan"), container);
  } catch (e) {
    fill(container, h("p", { class: "error", role: "alert" }, e.message));
  }
}
