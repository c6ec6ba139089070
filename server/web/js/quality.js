// The quality figures page: GET /api/v1/quality/figures, its charts and its CSV files, for the
// period and site chosen. Charts and files need the session's token, which <img> and <a> do not
// send: they are fetched with it and shown from a blob.
import { api, get } from "./api.js";
import { h, fill } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";

const session = requireSession();
const MEASURES = {
  vein_to_vein: "Vein to vein (collection to infusion)",
  manufacturing_turnaround: "Manufacturing (receipt to release)",
  thaw_to_infusion: "Thaw to infusion",
};
const $ = (id) => document.getElementById(id);
const isoDay = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The query of the form: local days to UTC instants, "until" taking in its whole day. */
function query() {
  const [fy, fm, fd] = $("q-from").value.split("-").map(Number);
  const [uy, um, ud] = $("q-until").value.split("-").map(Number);
  const params = new URLSearchParams({
    from: new Date(fy, fm - 1, fd).toISOString(),
    until: new Date(uy, um - 1, ud + 1).toISOString(),
  });
  if ($("q-site").value) params.set("site", $("q-site").value);
  if ($("q-product").value.trim()) params.set("product", $("q-product").value.trim());
  return params.toString();
}

const value = (v, unit) => `${Number(v).toFixed(unit === "min" ? 0 : 1)} ${unit}`;

async function blobUrl(path) {
  const res = await api("GET", path, undefined, { raw: true });
  return URL.createObjectURL(await res.blob());
}

async function chart(img, path, text) {
  const old = img.src;
  img.src = await blobUrl(path);
  img.alt = text;
  img.hidden = false;
  if (old.startsWith("blob:")) URL.revokeObjectURL(old);
}

async function download(path, name) {
  try {
    const url = await blobUrl(path);
    h("a", { href: url, download: name }).click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    $("q-error").textContent = e.message;
  }
}

function deviationRows(list) {
  fill($("dev-table").querySelector("tbody"), list.map((d) => h("tr", {},
    h("td", {}, d.month), h("td", {}, d.product), h("td", {}, d.site),
    h("td", {}, d.kind === "near_miss" ? "Near miss" : "Deviation"), h("td", { class: "mono" }, d.code),
    h("td", {}, d.severity), h("td", {}, d.count))));
  const total = list.reduce((n, d) => n + d.count, 0);
  $("dev-table").querySelector("caption").textContent = list.length === 0 ? "No deviation or near miss in this period."
    : `${total} in all.`;
  return total;
}

function durationRows(list) {
  fill($("dur-table").querySelector("tbody"), list.map((d) => h("tr", {},
    h("td", {}, MEASURES[d.measure] || d.measure), h("td", {}, d.product), h("td", {}, d.site), h("td", {}, d.journeys),
    h("td", {}, value(d.median, d.unit)), h("td", {}, `${value(d.p25, d.unit)} – ${value(d.p75, d.unit)}`),
    h("td", {}, `${value(d.min, d.unit)} – ${value(d.max, d.unit)}`))));
  $("dur-table").querySelector("caption").textContent = list.length === 0 ? "No stretch ended in this period." : "";
}

async function show(event) {
  if (event) event.preventDefault();
  $("q-error").textContent = "";
  const q = query();
  try {
    const figures = await get(`/api/v1/quality/figures?${q}`);
    const total = deviationRows(figures.deviations);
    durationRows(figures.durations);
    await chart($("dev-chart"), `/api/v1/quality/deviations.png?${q}`,
      `Bar chart of ${total} deviations and near misses per month; the table below gives each figure.`);
    await chart($("dur-chart"), `/api/v1/quality/durations.png?${q}`,
      "Box plots of each stretch per product and site; the table below gives each figure.");
  } catch (e) {
    $("q-error").textContent = e.message;
  }
}

if (session) {
  const live = pageHeader(session, "/quality.html");
  fill(live, "");
  live.hidden = true;  // nothing live here
  const now = new Date();
  $("q-until").value = isoDay(now);
  $("q-from").value = isoDay(new Date(now.getFullYear() - 1, now.getMonth(), now.getDate() + 1));
  const sites = [...new Set(session.user.roles.filter((r) => ["qa", "coordinator", "admin"].includes(r.role)).map((r) => r.site))];
  for (const s of sites) $("q-site").append(h("option", { value: s }, s));
  $("figures-form").addEventListener("submit", show);
  $("dev-csv").addEventListener("click", () => download(`/api/v1/quality/deviations.csv?${query()}`, "quality-deviations.csv"));
  $("dur-csv").addEventListener("click", () => download(`/api/v1/quality/durations.csv?${query()}`, "quality-durations.csv"));
  await show();
}
