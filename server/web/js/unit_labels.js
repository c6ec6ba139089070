// A journey's units and their labels: preview (PNG), PDF, the print history, and print or
// reprint on one of the site's registered printers, chosen from a list (a reprint needs a
// reason). The API: docs/labels.md, GET /api/v1/labels/{din}.png|pdf?template=,
// POST /api/v1/labels/{din}/print, GET /api/v1/labels/{din}/prints, GET /api/v1/printers?site=.
// Units without a DIN (shippers) have no label here.
import { get, post, api } from "./api.js";
import { h, fill } from "./dom.js";
import { clockTime } from "./time_text.js";

const TEMPLATES = ["apheresis-bag", "patient-wristband", "apheresis-shipper", "final-product-storage", "verification-sheet"];
const TEMPLATE_OF_KIND = { apheresis_bag: "apheresis-bag", bag: "final-product-storage", shipper: "apheresis-shipper" };

function labelPath(u, suffix, params) {
  const query = new URLSearchParams(params);
  if (u.product_code) query.set("product_code", u.product_code);
  return `/api/v1/labels/${encodeURIComponent(u.din)}${suffix}?${query}`;
}

async function showLabel(u, template, holder) {
  try {
    const res = await api("GET", labelPath(u, ".png", { template, dpi: 150 }), undefined, { raw: true });
    const url = URL.createObjectURL(await res.blob());
    fill(holder, h("img", { class: "label", src: url, alt: `The ${template} label of ${u.key}` }));
  } catch (e) {
    fill(holder, h("p", { class: "error" }, e.message));
  }
}

async function downloadPdf(u, template, holder) {
  try {
    const res = await api("GET", labelPath(u, ".pdf", { template }), undefined, { raw: true });
    h("a", { href: URL.createObjectURL(await res.blob()), download: `${u.din}-${template}.pdf` }).click();
  } catch (e) {
    fill(holder, h("p", { class: "error" }, e.message));
  }
}

function printLine(p) {
  const what = p.reprint > 0 ? `reprint ${p.reprint}` : "first print";
  const outcome = p.outcome === "printed" ? "✔ printed" : p.outcome === "failed" ? "✖ FAILED" : "? unconfirmed";
  return h("li", {}, `${clockTime(p.requested_at)} ${p.template}: ${what} on ${p.printer} by ${p.user || p.station || "?"} — ${outcome}`,
    p.reason ? ` (reason: ${p.reason})` : "", p.error ? h("span", { class: "error" }, " " + p.error) : null);
}

const sitePrinters = new Map();  // site code -> Promise of its printers, asked once per page

function printersOf(site) {
  if (!sitePrinters.has(site)) {
    sitePrinters.set(site, get("/api/v1/printers?site=" + encodeURIComponent(site)).then((r) => r.printers));
  }
  return sitePrinters.get(site);
}

async function fillPrinters(site, select, button) {
  try {
    const printers = await printersOf(site);
    fill(select, printers.length
      ? printers.map((p) => h("option", { value: p.name }, `${p.name} (${p.format.toUpperCase()}, ${p.dpi} dpi)`))
      : h("option", { value: "" }, "no printer registered at this site"));
    select.disabled = button.disabled = printers.length === 0;
  } catch (e) {
    sitePrinters.delete(site);
    fill(select, h("option", { value: "" }, "printers cannot be listed: " + e.message));
    select.disabled = button.disabled = true;
  }
}

async function showPrints(u, holder) {
  try {
    const history = await get(labelPath(u, "/prints", {}));
    fill(holder, history.prints.length ? h("ul", {}, history.prints.map(printLine)) : h("p", { class: "small" }, "Never printed."));
    return history.prints;
  } catch (e) {
    fill(holder, h("p", { class: "error" }, e.message));
    return [];
  }
}

function labelPanel(u, site) {
  const id = "u-" + u.key.replace(/\W+/g, "-");
  const template = h("select", { id: id + "-template" }, TEMPLATES.map((t) => h("option", { value: t }, t)));
  template.value = TEMPLATE_OF_KIND[u.kind] || TEMPLATES[0];
  const preview = h("div", {});
  const prints = h("div", {});
  const printer = h("select", { id: id + "-printer", required: true, disabled: true }, h("option", { value: "" }, "…"));
  const printButton = h("button", { type: "submit", disabled: true }, "Print");
  const reason = h("input", { id: id + "-reason", size: 40, maxlength: 500 });
  const message = h("p", { class: "notice", role: "status" });
  // The printer offered first: the one this unit was last printed on, while it is in service.
  const refreshPrints = async () => {
    const list = await showPrints(u, prints);
    const last = list.length ? list[list.length - 1].printer : null;
    if (last && [...printer.options].some((o) => o.value === last)) printer.value = last;
  };
  const print = async (e) => {
    e.preventDefault();
    message.textContent = "";
    const body = { template: template.value, printer: printer.value };
    if (reason.value.trim()) body.reason = reason.value.trim();
    if (u.product_code) body.product_code = u.product_code;
    try {
      const done = await post(`/api/v1/labels/${encodeURIComponent(u.din)}/print`, body);
      message.textContent = `${done.reprint > 0 ? "Reprint " + done.reprint : "Label"} sent to ${done.printer}: ${done.outcome}.`;
      reason.value = "";
    } catch (err) {
      fill(message, h("span", { class: "error" }, err.message));
    }
    await refreshPrints();
  };
  fillPrinters(site, printer, printButton).then(refreshPrints);
  return h("div", { class: "panel" },
    h("h3", {}, `${u.kind.replace("_", " ")} `, h("span", { class: "mono" }, u.key)),
    u.expires_at ? h("p", { class: "small" }, "expires " + clockTime(u.expires_at)) : null,
    h("div", { class: "actions" },
      h("label", { for: id + "-template" }, "Template"), template,
      h("button", { type: "button", class: "secondary", onclick: () => showLabel(u, template.value, preview) }, "Show label"),
      h("button", { type: "button", class: "secondary", onclick: () => downloadPdf(u, template.value, preview) }, "PDF")),
    preview,
    h("h4", {}, "Prints"), prints,
    h("form", { class: "actions", onsubmit: print },
      h("label", { for: id + "-printer" }, "Printer"), printer,
      h("label", { for: id + "-reason" }, "Reason (for a reprint)"), reason,
      printButton),
    message);
}

/** The "Units and labels" section of a journey (GET /api/v1/journeys/{coi}). */
export function unitsPanel(j) {
  const labelled = (j.units || []).filter((u) => u.din);
  const others = (j.units || []).filter((u) => !u.din);
  if (labelled.length + others.length === 0) return h("p", {}, "No unit registered yet.");
  return [
    labelled.map((u) => labelPanel(u, j.site)),
    others.length ? h("ul", {}, others.map((u) => h("li", {}, `${u.kind.replace("_", " ")} `, h("span", { class: "mono" }, u.key)))) : null,
  ];
}
