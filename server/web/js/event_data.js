// An event's data as a person reads it: each value under its field's label and with its unit,
// from the product's forms (GET /api/v1/forms?product=&site=: the same definitions the station
// asks from), checklist answers as their questions with "yes" or "no: reason". A key no form
// names is shown under its own name, made readable ("shipper_id" -> "Shipper id").
import { get } from "./api.js";
import { h } from "./dom.js";

const FORMS = new Map();  // "product site" -> Promise of {name, steps: Map step -> form}

/** The product's forms at the site, loaded once; resolves to null when the server refuses. */
export function loadProductForms(product, site) {
  const key = `${product} ${site}`;
  if (!FORMS.has(key)) {
    const query = new URLSearchParams({ product, site }).toString();
    FORMS.set(key, get("/api/v1/forms?" + query).then((forms) => ({
      name: forms.name,
      steps: new Map((forms.steps || []).map((s) => [s.step, s])),
    }), () => null));
  }
  return FORMS.get(key);
}

function readable(key) {
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function valueText(value) {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  if (typeof value === "object") return Object.entries(value).map(([k, v]) => `${readable(k)}: ${valueText(v)}`).join("; ");
  return String(value);
}

function checklistItems(answers, form) {
  const questions = new Map(((form && form.checklist) || []).map((q) => [q.id, q.question]));
  return Object.entries(answers).map(([id, answer]) => {
    const yes = answer === true || (answer && answer.answer === true);
    const text = yes ? "yes" : `no: ${(answer && answer.reason) || "(no reason given)"}`;
    return [questions.get(id) || readable(id), text];
  });
}

/** A <dl> of the data's fields for the step's form (form may be null); null for no data. */
export function eventData(data, form) {
  if (!data || Object.keys(data).length === 0) return null;
  const fields = new Map(((form && form.fields) || []).map((f) => [f.name, f]));
  const pairs = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === "checklist" && value && typeof value === "object" && !Array.isArray(value)) {
      pairs.push(...checklistItems(value, form));
      continue;
    }
    const field = fields.get(key);
    const label = field && field.label ? field.label : readable(key);
    const unit = field && field.unit && typeof value === "number" ? " " + field.unit : "";
    pairs.push([label, valueText(value) + unit]);
  }
  return h("dl", { class: "event-data" }, pairs.flatMap(([dt, dd]) => [h("dt", {}, dt), h("dd", {}, dd)]));
}
