// The manufacturer's identifiers of a journey (order or enrolment id, their COI, batch or lot),
// and changing one: PUT /api/v1/journeys/{coi}/identifiers/{kind} with the new value and, when
// it had one, the reason. The old value is never overwritten: the server keeps it with who
// changed it and why, and the history is shown here.
import { get, put } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { clockTime } from "./time_text.js";
import { noEnterSubmit } from "./scan_field.js";

/** The panel's content for journey j; onChanged() after a change. */
export async function identifiersPanel(j, { canChange, onChanged = () => {} }) {
  let kinds = [];
  try {
    kinds = (await get(`/api/v1/forms?product=${encodeURIComponent(j.product)}&site=${encodeURIComponent(j.site)}`)).identifiers || [];
  } catch { /* without the product's forms only the values are shown */ }
  const current = new Map((j.identifiers || []).map((m) => [m.kind, m]));
  const rows = kinds.length ? kinds : (j.identifiers || []).map((m) => ({ kind: m.kind, label: m.label || m.kind }));
  const table = h("table", { class: "plain", id: "identifiers-table" },
    h("thead", {}, h("tr", {}, ["Identifier", "Value", "Given by"].map((n) => h("th", { scope: "col" }, n)))),
    h("tbody", {}, rows.map((r) => {
      const m = current.get(r.kind);
      return h("tr", { "data-kind": r.kind }, h("td", {}, r.label), h("td", { class: "mono" }, m ? m.value : "— not given"),
        h("td", { class: "small" }, m ? `${m.recorded_by}, ${clockTime(m.recorded_at)}` + (m.reason ? ` (changed: ${m.reason})` : "") : ""));
    })));
  if (!canChange || !kinds.length) return table;

  const kind = h("select", { id: "mid-kind" }, kinds.map((k) => h("option", { value: k.kind }, k.label)));
  const value = h("input", { id: "mid-value", maxlength: 64, autocomplete: "off", spellcheck: "false" });
  const reason = h("input", { id: "mid-reason", maxlength: 500, size: 30, "aria-describedby": "mid-reason-hint" });
  const message = h("div", { "aria-live": "assertive" });
  const history = h("div", {});
  const form = h("form", { class: "actions", "aria-label": "Give or change an identifier" },
    h("label", { for: "mid-kind" }, "Identifier"), kind,
    h("label", { for: "mid-value" }, "New value"), value,
    h("label", { for: "mid-reason" }, "Reason (when it changes)"), reason,
    h("button", { type: "submit" }, "Save"));
  noEnterSubmit(form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { value: value.value.trim() };
    if (reason.value.trim()) body.reason = reason.value.trim();
    try {
      const answer = await put(`/api/v1/journeys/${encodeURIComponent(j.coi)}/identifiers/${encodeURIComponent(kind.value)}`, body);
      fill(message, h("p", { class: "notice" }, "Saved; the earlier value is kept in the history."));
      fill(history, h("ul", { class: "small" }, answer.history.map((x) =>
        h("li", {}, `${clockTime(x.recorded_at)} ${x.kind} = ${x.value} by ${x.recorded_by}`, x.reason ? ` — ${x.reason}` : ""))));
      announce("identifier saved");
      onChanged();
    } catch (err) {
      fill(message, h("p", { class: "error", role: "alert" }, err.message));
      (err.field === "reason" ? reason : value).focus();
    }
  });
  return [table, form, h("p", { id: "mid-reason-hint", class: "small" }, "A value that exists already changes only with a reason."), message, history];
}
