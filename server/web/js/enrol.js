// The new-journey page (coordinator, physician, admin): the patient, the product and site, the
// treating physician and the manufacturer's own identifiers for this order, the kinds the
// product declares (GET /api/v1/forms?product=: "identifiers", with label, format and whether
// required). POST /api/v1/journeys assigns the COI; the page shows it at once with the journey's
// units and labels: register the apheresis bag here (register_units.js) and its labels are
// offered (preview, PDF, print on the site's printers: unit_labels.js).
import { get, post } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { requireSession } from "./session.js";
import { pageHeader } from "./page_header.js";
import { noEnterSubmit } from "./scan_field.js";
import { registerPanel } from "./register_units.js";
import { unitsPanel } from "./unit_labels.js";

const session = requireSession();
const CREATORS = new Set(["coordinator", "physician", "admin"]);
const form = document.getElementById("enrol");
const errors = document.getElementById("enrol-error");
let identifierInputs = [];  // [{rule, input}]

function problem(text, field) {
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  fill(errors, h("p", { class: "error", role: "alert" }, text));
  if (field) { field.setAttribute("aria-invalid", "true"); field.focus(); }
}

async function fillProducts() {
  const select = form.product;
  fill(select, h("option", { value: "" }, "— choose —"));
  try {
    const rules = await get(`/api/v1/sites/${encodeURIComponent(form.site.value)}/rules`);
    for (const p of [...rules.usable].sort()) select.append(h("option", { value: p }, p));
  } catch (e) {
    problem(`The products of site ${form.site.value} cannot be listed: ${e.message}`);
  }
  await fillIdentifiers();
}

async function fillIdentifiers() {
  const holder = document.getElementById("identifier-fields");
  identifierInputs = [];
  if (!form.product.value) { fill(holder, h("p", { class: "small" }, "Choose the product first.")); return; }
  try {
    const forms = await get(`/api/v1/forms?product=${encodeURIComponent(form.product.value)}&site=${encodeURIComponent(form.site.value)}`);
    const rules = forms.identifiers || [];
    if (!rules.length) { fill(holder, h("p", { class: "small" }, "This product declares no manufacturer identifier.")); return; }
    fill(holder, rules.map((rule) => {
      const id = "mid-" + rule.kind;
      const input = h("input", { id, maxlength: 64, autocomplete: "off", spellcheck: "false", "data-kind": rule.kind,
        "aria-describedby": id + "-hint" });
      identifierInputs.push({ rule, input });
      const hint = [rule.required ? "Required." : "Give it when the manufacturer has given it; it can be added later.",
        rule.example ? `Like ${rule.example}.` : ""].join(" ");
      return h("div", { class: "field" }, h("label", { for: id }, rule.label + (rule.required ? " — required" : "")), input,
        h("p", { id: id + "-hint", class: "small" }, hint));
    }));
  } catch (e) {
    fill(holder, h("p", { class: "error" }, `The product's identifiers cannot be listed: ${e.message}`));
  }
}

// The field the server named in its refusal ("patient.mrn", "identifiers[1].value").
function fieldNamed(name, identifiers) {
  const byName = { site: form.site, product: form.product, physician: form.physician, patient: form.mrn,
    "patient.mrn": form.mrn, "patient.initials": form.initials, "patient.date_of_birth": form.dob };
  if (byName[name]) return byName[name];
  const m = /^identifiers\[(\d+)\]/.exec(name || "");
  if (m && identifiers[Number(m[1])]) return form.querySelector(`[data-kind="${identifiers[Number(m[1])].kind}"]`);
  return null;
}

function showCreated(j) {
  form.hidden = true;
  const section = document.getElementById("created");
  document.getElementById("created-coi").textContent = j.coi;
  const p = j.patient || {};
  const pairs = [["Patient", p.initials], ["MRN", p.mrn], ["Date of birth", p.date_of_birth], ["Product", j.product],
    ["Site", j.site], ["Treating physician", j.physician],
    ...(j.identifiers || []).map((m) => [m.label || m.kind, m.value])];
  fill(document.getElementById("created-facts"),
    pairs.filter(([, v]) => v).map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  document.getElementById("created-link").href = "/journey.html?coi=" + encodeURIComponent(j.coi);
  let journey = j;
  const labels = document.getElementById("created-labels");
  const drawLabels = () => fill(labels, unitsPanel(journey));
  const register = registerPanel(journey, { onRegistered: async () => {
    journey = await get("/api/v1/journeys/" + encodeURIComponent(j.coi));
    drawLabels();
  } });
  fill(document.getElementById("created-register"), register.element);
  drawLabels();
  section.hidden = false;
  section.focus();
  announce(`Journey ${j.coi} created`);
}

async function create(e) {
  e.preventDefault();
  fill(errors);
  const required = [[form.mrn, "The MRN is required."], [form.initials, "The initials are required."],
    [form.site, "Choose the site."], [form.product, "Choose the product."]];
  for (const [field, text] of required) if (!field.value.trim()) { problem(text, field); return; }
  for (const { rule, input } of identifierInputs) {
    if (rule.required && !input.value.trim()) { problem(`${rule.label} is required for this product.`, input); return; }
    if (rule.pattern && input.value.trim() && !new RegExp(`^(?:${rule.pattern})$`).test(input.value.trim())) {
      problem(`${rule.label} is not in the manufacturer's format${rule.example ? " (like " + rule.example + ")" : ""}.`, input);
      return;
    }
  }
  const identifiers = identifierInputs.filter(({ input }) => input.value.trim())
    .map(({ rule, input }) => ({ kind: rule.kind, value: input.value.trim() }));
  const body = {
    site: form.site.value, product: form.product.value,
    patient: { mrn: form.mrn.value.trim(), initials: form.initials.value.trim(), ...(form.dob.value ? { date_of_birth: form.dob.value } : {}) },
    ...(form.physician.value.trim() ? { physician: form.physician.value.trim() } : {}),
    identifiers,
  };
  const button = document.getElementById("create");
  button.disabled = true;
  try {
    showCreated(await post("/api/v1/journeys", body));
  } catch (err) {
    problem(`Not created (${err.code}): ${err.message}`, fieldNamed(err.field, identifiers));
  } finally {
    button.disabled = false;
  }
}

if (session) {
  const live = pageHeader(session, "/enrol.html");
  fill(live, "");
  live.hidden = true;  // nothing live here
  const sites = [...new Set(session.user.roles.filter((r) => CREATORS.has(r.role)).map((r) => r.site))].sort();
  if (!sites.length) {
    problem("Only coordinators, physicians and administrators create journeys; you hold none of these roles.");
    document.getElementById("create").disabled = true;
  }
  for (const s of sites) form.site.append(h("option", { value: s }, s));
  form.site.addEventListener("change", fillProducts);
  form.product.addEventListener("change", fillIdentifiers);
  noEnterSubmit(form);  // a wedge's Enter after a scanned MRN must not create a half-filled journey
  form.addEventListener("submit", create);
  if (sites.length) await fillProducts();
  form.mrn.focus();
}
