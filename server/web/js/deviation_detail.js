// One deviation below the inbox: its facts, its CAPA actions, its timeline (every step with who,
// when and why) and the form of the step that comes next, offered to whom the server lets do it
// (docs/quality.md "Deviations and CAPA"; the server decides, these are only the likely forms).
// Closing asks the password again in the signature dialog.
import { get, post } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { hasRole } from "./session.js";
import { clockTime } from "./time_text.js";

export const STATUS = {
  open: "▲ OPEN", acknowledged: "◐ ACKNOWLEDGED", investigating: "◐ INVESTIGATING (REOPENED)",
  capa: "◑ CAPA", disposition: "◕ DISPOSITION", closed: "✔ CLOSED",
};
export const STATUS_CLASS = { open: "bad", acknowledged: "warn", investigating: "warn", capa: "warn", disposition: "warn", closed: "ok" };
const ROOT_CAUSES = [["people", "People (human error, training)"], ["procedure", "Procedure (SOP unclear or not followed)"],
  ["equipment", "Equipment (device, freezer, scanner, logger)"], ["material", "Material (bag, shipper, label)"],
  ["environment", "Environment (facility, temperature)"], ["it_system", "IT system"],
  ["supplier_courier", "Supplier or courier"], ["patient_clinical", "Patient (clinical condition)"],
  ["undetermined", "Undetermined (say why)"]];
const DISPOSITIONS = [["use", "Use"], ["quarantine", "Quarantine"], ["discard", "Discard"],
  ["physician_decision", "Physician's decision (required for out of specification)"]];
const STEP = {
  raised: "Raised", acknowledged: "Acknowledged", assigned: "Owner reassigned", investigated: "Investigation recorded",
  action_added: "CAPA action added", action_closed: "CAPA action closed", capa_completed: "CAPA completed",
  capa_skipped: "CAPA skipped", disposed: "Disposition recorded", closed: "Closed with a signature",
  reopened: "Reopened", commented: "Comment",
};

const $ = (id) => document.getElementById(id);
let session = null, hooks = {}, current = null;

export function shownId() { return current ? current.id : null; }

function me() { return session.user.username; }
const isQa = (d) => hasRole(session, "qa", d.site);

// A form of labelled fields; fields: [{name, label, type: "text"|"textarea"|"select"|"date", options, value, required}].
function stepForm(id, title, fields, submit, send) {
  const errorLine = h("p", { class: "error", role: "alert", id: `${id}-error` });
  const controls = fields.map((f) => {
    const fid = `${id}-${f.name}`;
    const attrs = { id: fid, name: f.name, required: f.required !== false };
    let control;
    if (f.type === "select") control = h("select", attrs, f.options.map(([v, t]) => h("option", { value: v }, t)));
    else if (f.type === "textarea") control = h("textarea", { ...attrs, rows: 2, maxlength: 2000 });
    else control = h("input", { ...attrs, type: f.type || "text", autocomplete: "off" });
    if (f.value) control.value = f.value;
    return h("div", {}, h("label", { for: fid }, f.label), control);
  });
  const form = h("form", { id, "aria-labelledby": `${id}-title` }, h("h3", { id: `${id}-title` }, title), controls, errorLine,
    h("div", { class: "actions" }, h("button", { type: "submit" }, submit)));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const body = {};
    for (const f of fields) {
      const v = form.elements[f.name].value.trim();
      if (v) body[f.name] = v;
    }
    form.querySelector("button[type=submit]").disabled = true;
    try {
      await send(body);
      await done(`${title}: done for deviation #${current.id}.`);
    } catch (err) {
      errorLine.textContent = err.message;
      const bad = err.field && form.elements[err.field];
      if (bad) { bad.setAttribute("aria-invalid", "true"); bad.focus(); }
      form.querySelector("button[type=submit]").disabled = false;
    }
  });
  return form;
}

async function done(text) {
  announce(text);
  $("inbox-notice").textContent = text;
  await showDetail(current.id);
  if (hooks.onChange) await hooks.onChange();
}

const to = (step) => `/api/v1/deviations/${current.id}/${step}`;

function nextForms(d, life) {
  const out = [];
  const owner = d.owner === me();
  if (d.status === "open" && (isQa(d) || hasRole(session, "coordinator", d.site))) {
    out.push(stepForm("f-ack", "Acknowledge and assign an owner", [
      { name: "owner", label: "Owner (username)", value: me() },
      { name: "note", label: "Note (optional)", type: "textarea", required: false }],
    "Acknowledge", (b) => post(to("acknowledge"), b)));
  }
  if (["acknowledged", "investigating"].includes(d.status) && (isQa(d) || owner)) {
    out.push(stepForm("f-investigation", "Record the investigation", [
      { name: "category", label: "Root-cause category", type: "select", options: ROOT_CAUSES },
      { name: "text", label: "Root cause (what was found)", type: "textarea" }],
    "Record investigation", (b) => post(to("investigation"), b)));
  }
  if (d.status === "capa" && (isQa(d) || owner)) {
    out.push(stepForm("f-action", "Add a CAPA action", [
      { name: "kind", label: "Kind", type: "select", options: [["corrective", "Corrective"], ["preventive", "Preventive"]] },
      { name: "text", label: "Action", type: "textarea" },
      { name: "owner", label: "Action owner (username)", value: d.owner || me() },
      { name: "due", label: "Due date", type: "date" }],
    "Add action", (b) => post(to("actions"), b)));
  }
  if (d.status === "capa" && isQa(d)) {
    out.push(stepForm("f-capa", "Complete the CAPA (every action closed)", [
      { name: "note", label: "Effectiveness note", type: "textarea" }],
    "Complete CAPA", (b) => post(to("capa"), { outcome: "completed", ...b })));
    if (d.severity === "minor") {
      out.push(stepForm("f-skip", "Skip CAPA (minor deviation only)", [
        { name: "note", label: "Reason no action is needed", type: "textarea" }],
      "Skip CAPA", (b) => post(to("capa"), { outcome: "skipped", ...b })));
    }
  }
  if (d.status === "disposition" && !life.disposition && (isQa(d) || hasRole(session, "physician", d.site))) {
    out.push(stepForm("f-disposition", "Record the product's disposition", [
      { name: "disposition", label: "Disposition", type: "select", options: DISPOSITIONS },
      { name: "physician", label: "Deciding physician (for a physician's decision)", required: false },
      { name: "note", label: "Why", type: "textarea" }],
    "Record disposition", (b) => post(to("disposition"), b)));
  }
  if (d.status === "disposition" && life.disposition && isQa(d)) {
    out.push(h("div", { class: "actions" },
      h("button", { type: "button", id: "open-close", onclick: () => openClose(d) }, `Close #${d.id} with your signature…`)));
  }
  if (d.status === "closed" && isQa(d)) {
    out.push(stepForm("f-reopen", "Reopen", [{ name: "reason", label: "Reason for reopening", type: "textarea" }],
      "Reopen", (b) => post(to("reopen"), b)));
  }
  if (!["open", "closed"].includes(d.status) && (isQa(d) || hasRole(session, "coordinator", d.site))) {
    out.push(stepForm("f-owner", "Reassign the owner", [
      { name: "owner", label: "New owner (username)" }, { name: "reason", label: "Reason", type: "textarea" }],
    "Reassign", (b) => post(to("owner"), b)));
  }
  return out;
}

function actionList(d, life) {
  if (!life.actions.length) return h("p", { class: "small" }, "No CAPA action yet.");
  return h("ul", { class: "items" }, life.actions.map((a) => {
    const may = d.status === "capa" && a.status === "open" && (isQa(d) || d.owner === me() || a.owner === me());
    const note = h("input", { id: `action-${a.number}-note`, autocomplete: "off", required: true });
    const closer = may ? h("form", { class: "actions", "aria-label": `Close action ${a.number}` },
      h("label", { for: `action-${a.number}-note` }, "Closing note"), note,
      h("button", { type: "submit" }, `Close action ${a.number}`)) : null;
    if (closer) closer.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (!closer.reportValidity()) return;
      try {
        await post(to(`actions/${a.number}/close`), { note: note.value.trim() });
        await done(`CAPA action ${a.number} closed.`);
      } catch (err) { $("detail-error").textContent = err.message; }
    });
    return h("li", { "data-action": a.number },
      h("strong", {}, `${a.number}. ${a.kind}: `), a.text,
      h("div", { class: "small" }, `owner ${a.owner} · due ${a.due} · added by ${a.added_by} ${clockTime(a.added_at)}`),
      a.status === "closed"
        ? h("div", {}, h("span", { class: "badge ok" }, "✔ CLOSED"), ` by ${a.closed_by} ${clockTime(a.closed_at)}: ${a.closing_note}`)
        : h("div", {}, h("span", { class: "badge warn" }, "○ OPEN")),
      closer);
  }));
}

function detailText(step) {
  const d = step.details || {};
  if (step.action === "investigated") return `${d.category}: ${d.text}`;
  if (step.action === "action_added") return `${d.action}. ${d.kind}: ${d.text} (owner ${d.owner}, due ${d.due})`;
  if (step.action === "action_closed") return `action ${d.action}`;
  if (step.action === "disposed") return d.disposition + (d.physician ? ` (by ${d.physician})` : "");
  if (step.action === "assigned" || step.action === "acknowledged") return d.owner ? `owner ${d.owner}` : "";
  return "";
}

function timeline(body) {
  return body.history.map((s) => h("li", { "data-step": s.action },
    h("strong", {}, STEP[s.action] || s.action), ` · ${s.by || "the system"} · `,
    h("time", { datetime: s.at }, clockTime(s.at)),
    detailText(s) ? h("div", {}, detailText(s)) : null,
    s.note ? h("div", { class: "small" }, `why: ${s.note}`) : null,
    s.action === "closed" && body.signature && s.signature_id === body.signature.id
      ? h("div", { class: "small" }, `signature: ${body.signature.signer_name}, meaning ${body.signature.meaning}, reason ${body.signature.reason}`)
      : null));
}

function fact(name, value) { return [h("dt", {}, name), h("dd", {}, value === null || value === undefined ? "—" : value)]; }

/** Shows deviation id (fetching it) and moves the focus to it. */
export async function showDetail(id) {
  const section = $("detail");
  try {
    const body = await get(`/api/v1/deviations/${id}`);
    current = body;
    const life = body.lifecycle;
    $("detail-title").textContent = `Deviation #${body.id} ${body.code}`;
    fill($("detail-facts"),
      fact("Status", STATUS[body.status] || body.status), fact("Severity", body.severity),
      fact("Patient", body.patient_initials), fact("Product", body.product_name || body.product),
      fact("Journey", body.journey), fact("Site", body.site), fact("Owner", body.owner),
      fact("What happened", body.message),
      fact("Root cause", life.investigation ? `${life.investigation.category}: ${life.investigation.text}` : null),
      fact("Disposition", life.disposition ? life.disposition.disposition : null));
    $("detail-error").textContent = "";
    fill($("detail-next"), nextForms(body, life));
    fill($("detail-actions"), actionList(body, life));
    fill($("detail-timeline"), timeline(body));
    section.hidden = false;
    section.focus();
  } catch (e) {
    $("inbox-error").textContent = e.message;
  }
}

const dialog = () => $("close-dialog");

function openClose(d) {
  const form = $("close-form");
  form.reset();
  $("close-error").textContent = "";
  fill($("close-what"), h("strong", {}, `#${d.id} ${d.code}`), ` on ${d.journey}: ${d.message || ""}`);
  dialog().showModal();
  form.password.focus();
}

/** Wires the panel and the signature dialog once. hooks: {onChange, onClose}. */
export function setUpDetail(s, h0) {
  session = s;
  hooks = h0 || {};
  $("detail-back").addEventListener("click", () => {
    $("detail").hidden = true;
    const id = current && current.id;
    current = null;
    if (hooks.onClose) hooks.onClose();
    const button = id && document.querySelector(`#inbox tr[data-id="${id}"] button`);
    if (button) button.focus();
  });
  const form = $("close-form");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const button = $("sign");
    button.disabled = true;
    try {
      const closed = await post(to("close"), {
        password: form.password.value, meaning: form.meaning.value, reason: form.reason.value.trim(),
      });
      dialog().close();
      const sig = closed.signature || {};
      await done(`Deviation #${current.id} closed: signed by ${sig.signer_name || sig.signer || "you"} (${sig.meaning}).`);
    } catch (err) {
      $("close-error").textContent = err.message;
      form.password.value = "";
      form.password.focus();
    } finally {
      button.disabled = false;
    }
  });
  $("cancel").addEventListener("click", () => dialog().close());
}
