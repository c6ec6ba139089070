// The week of a site (GET /api/v1/sites/{code}/week): one block per day with what is planned and
// due that day, the places booked against each resource, what slipped, and the conflicts. Every
// state is a word and a symbol, not a colour alone. Site and first day live in the URL.
import { get } from "./api.js";
import { h, fill } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";
import { LiveFeed } from "./live_feed.js";

const session = requireSession();
const form = document.getElementById("week-form");

const STATES = {
  done: ["✔", "done", "ok"],
  due: ["●", "due", "warn"],
  planned: ["○", "planned", ""],
  slipped: ["⚠", "SLIPPED", "bad"],
};
const KINDS = {
  apheresis: "Apheresis", manufacturing: "Manufacturing", shipment: "Shipment",
  lymphodepletion: "Lymphodepletion", infusion: "Infusion",
};
const RESOURCES = { apheresis_chair: "Apheresis chairs", infusion_bed: "Infusion beds" };

function stateBadge(state) {
  const [symbol, word, cls] = STATES[state] || ["?", state, ""];
  return h("span", { class: "badge " + cls }, `${symbol} ${word}`);
}

// "09:00" of a local "2026-12-07T09:00", with the day when it is not the day shown.
function localTime(local, day) {
  if (!local) return "";
  return local.slice(0, 10) === day ? local.slice(11) : `${local.slice(8, 10)}.${local.slice(5, 7)}. ${local.slice(11)}`;
}

function itemLine(i, day) {
  const when = i.end_local ? `${localTime(i.start_local, day)}–${localTime(i.end_local, day)}` : localTime(i.start_local, day);
  return h("li", { "data-coi": i.coi, "data-kind": i.kind, "data-state": i.state },
    stateBadge(i.state), " ", i.conflict ? [h("span", { class: "badge bad" }, "▲ CONFLICT"), " "] : null,
    h("strong", {}, KINDS[i.kind] || i.kind), " ", when, " · ", i.initials, " · ", i.product, " · ",
    h("a", { href: "/journey.html?coi=" + encodeURIComponent(i.coi), class: "mono" }, i.coi));
}

function capacityLine(c) {
  const places = c.places === null ? "capacity not set" : `${c.booked} of ${c.places} booked`;
  return h("li", {}, c.conflict ? [h("span", { class: "badge bad" }, "▲ CONFLICT"), " "] : null,
    `${RESOURCES[c.resource] || c.resource}: ${places}`);
}

function dayBlock(d, today) {
  const heading = `${d.weekday} ${d.date}` + (d.date === today ? " (today)" : "");
  return h("section", { class: "day panel", "aria-labelledby": "day-" + d.date },
    h("h3", { id: "day-" + d.date }, heading),
    d.items.length ? h("ul", { class: "items" }, d.items.map((i) => itemLine(i, d.date))) : h("p", { class: "small" }, "Nothing planned."),
    h("ul", { class: "capacity small" }, d.capacity.map(capacityLine)));
}

function params() {
  const p = new URLSearchParams();
  if (form.site.value) p.set("site", form.site.value);
  if (form.start.value) p.set("start", form.start.value);
  return p;
}

function shiftWeek(days) {
  const base = form.start.value ? new Date(form.start.value + "T00:00:00Z") : new Date();
  base.setUTCDate(base.getUTCDate() + days);
  form.start.value = base.toISOString().slice(0, 10);
  load();
}

async function load() {
  history.replaceState(null, "", "?" + params().toString());
  const site = form.site.value;
  if (!site) return;
  const query = form.start.value ? "?start=" + encodeURIComponent(form.start.value) : "";
  try {
    const week = await get(`/api/v1/sites/${encodeURIComponent(site)}/week${query}`);
    if (!form.start.value) form.start.value = week.start;
    document.getElementById("w-ics").href = `/api/v1/sites/${encodeURIComponent(site)}/week.ics?start=${week.start}`;
    document.getElementById("week-heading").textContent = `Week of ${week.start} at ${week.site}`;
    document.getElementById("week-zone").textContent =
      `${week.start} to ${week.end}; times in the site's time zone, ${week.time_zone}. ` +
      `${week.conflicts.length} conflict${week.conflicts.length === 1 ? "" : "s"}, ${week.slipped.length} slipped.`;
    const today = week.now.slice(0, 10);
    fill(document.getElementById("slipped"), week.slipped.length === 0 ? h("p", {}, h("span", { class: "badge ok" }, "✔ nothing slipped")) :
      h("ul", { class: "items" }, week.slipped.map((i) =>
        h("li", { "data-coi": i.coi, "data-kind": i.kind }, stateBadge("slipped"), " ", h("strong", {}, KINDS[i.kind] || i.kind),
          ` was due ${i.due_local.replace("T", " ")} (${i.step} not recorded) · ${i.initials} · ${i.product} · `,
          h("a", { href: "/journey.html?coi=" + encodeURIComponent(i.coi), class: "mono" }, i.coi)))));
    fill(document.getElementById("days"), week.days.map((d) => dayBlock(d, today)));
    document.getElementById("week-error").textContent = "";
  } catch (e) {
    document.getElementById("week-error").textContent = e.message;
  }
}

if (session) {
  const live = pageHeader(session, "/week.html");
  const query = new URLSearchParams(location.search);
  const sites = [...new Set(session.user.roles.map((r) => r.site))].sort();
  for (const s of sites) form.site.append(h("option", { value: s }, s));
  form.site.value = query.get("site") || sites[0] || "";
  form.start.value = query.get("start") || "";
  form.addEventListener("change", load);
  document.getElementById("w-prev").addEventListener("click", () => shiftWeek(-7));
  document.getElementById("w-next").addEventListener("click", () => shiftWeek(7));
  document.getElementById("w-this").addEventListener("click", () => { form.start.value = ""; load(); });
  await load();
  // Steps recorded change what is done and slipped: reload on the feed's notices (a second apart at most).
  let timer = null;
  new LiveFeed({ onMessage: () => { clearTimeout(timer); timer = setTimeout(load, 1000); }, onResync: load, statusElement: live });
}
