// Registering a journey's units at a desk (POST /api/v1/journeys/{coi}/units): scan or type
// each bag's or shipper's label into one field; every read is checked by the server at once
// (scan_field.js) and added to a list; "Register" sends the list. A DIN and the product code
// scanned after it (or with it, as one concatenated read) make one bag; a shipper's or a
// cassette's own label is its id. Nothing is registered by Enter, only by the button.
import { post } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { scanField, codeWords, noEnterSubmit } from "./scan_field.js";

const KINDS = [
  ["apheresis_bag", "Apheresis bag (ISBT 128)"],
  ["bag", "Final product bag (ISBT 128)"],
  ["vial", "Vial (ISBT 128)"],
  ["shipper", "Shipper (its own label)"],
  ["cassette", "Cassette (its own label)"],
];
const ISBT_KINDS = new Set(["apheresis_bag", "bag", "vial"]);
const kindName = (kind) => (KINDS.find(([k]) => k === kind) || [kind, kind])[1].replace(/ \(.*\)$/, "");

/** The register-units form of journey j; onRegistered() after units were registered. */
export function registerPanel(j, { onRegistered = () => {} } = {}) {
  const pending = [];  // {kind, din?, product_code?, id?}
  const kind = h("select", { id: "reg-kind" }, KINDS.map(([value, name]) => h("option", { value }, name)));
  const list = h("ul", { id: "reg-pending", class: "pending", "aria-label": "Units to register" });
  const submit = h("button", { type: "submit", id: "reg-submit", disabled: true }, "Register");
  const result = h("div", { id: "reg-result", "aria-live": "polite" });

  function unitWords(u) {
    return u.din ? `${kindName(u.kind)} DIN ${u.din}` + (u.product_code ? ` · product code ${u.product_code}` : " · no product code yet")
      : `${kindName(u.kind)} ${u.id}`;
  }

  function draw() {
    fill(list, pending.length === 0 ? h("li", { class: "small" }, "Nothing scanned yet.") : pending.map((u, i) =>
      h("li", {}, "▸ ", unitWords(u), " ",
        h("button", { type: "button", class: "secondary", "aria-label": `Remove ${unitWords(u)}`,
          onclick: () => { pending.splice(i, 1); draw(); field.input.focus(); } }, "Remove"))));
    submit.disabled = pending.length === 0;
    submit.textContent = pending.length === 0 ? "Register" : pending.length === 1 ? "Register 1 unit" : `Register ${pending.length} units`;
  }

  // One read (one or more codes) into the list; throws with what to do instead.
  function take(answer) {
    const taken = [];
    for (const code of answer.codes) {
      if (code.kind === "din") {
        if (!ISBT_KINDS.has(kind.value)) throw new Error(`This is a bag's DIN: choose the bag's kind (not ${kindName(kind.value)}) and scan it again.`);
        if (pending.some((u) => u.din === code.value) || (j.units || []).some((u) => u.din === code.value))
          throw new Error(`DIN ${code.value} is in the list or registered already.`);
        pending.push({ kind: kind.value, din: code.value });
      } else if (code.kind === "product_code") {
        const bag = [...pending].reverse().find((u) => u.din && !u.product_code);
        if (!bag) throw new Error("A product code belongs to a bag: scan the bag's DIN first, then its product code.");
        bag.product_code = code.value;
      } else if (code.kind === "identifier") {
        if (ISBT_KINDS.has(kind.value)) throw new Error("This is not an ISBT 128 label: choose Shipper or Cassette for it, or scan the bag's DIN.");
        if (pending.some((u) => u.id === code.value)) throw new Error(`${code.value} is in the list already.`);
        pending.push({ kind: kind.value, id: code.value });
      } else if (code.kind === "coi" || code.kind === "wristband") {
        throw new Error(`This is the patient's ${code.kind === "coi" ? "COI" : "wristband"}, not a unit: scan the unit's own label.`);
      } else {
        continue;  // dates and other data on the label: not an identity
      }
      taken.push(codeWords(code) + (answer.typed ? " (typed, check character correct)" : ""));
    }
    if (taken.length === 0) throw new Error("Nothing on this label names a unit: scan its DIN or its own id.");
    draw();
    return "Read " + taken.join(" + ") + ". Scan the next label, or press Register.";
  }

  const field = scanField({
    id: "reg-scan", label: "Scan or type the unit's label",
    hint: "Enter adds the code to the list below; nothing is registered until you press Register. " +
      "Typing a DIN by hand: as printed, with the check character in the box (A9999 26 123456 K).",
    onRead: take,
  });

  async function register(e) {
    e.preventDefault();
    if (e.submitter !== submit) return;  // only the button registers
    const problems = [];
    let done = 0;
    for (const u of [...pending]) {
      const body = { kind: u.kind, ...(u.din ? { din: u.din } : { id: u.id }), ...(u.product_code ? { product_code: u.product_code } : {}) };
      try {
        await post(`/api/v1/journeys/${encodeURIComponent(j.coi)}/units`, body);
        pending.splice(pending.indexOf(u), 1);
        done += 1;
      } catch (err) {
        problems.push(h("li", {}, `${unitWords(u)}: ${err.message}`));
      }
    }
    draw();
    fill(result, done ? h("p", { class: "notice" }, `${done} unit${done === 1 ? "" : "s"} registered.`) : null,
      problems.length ? [h("p", { class: "error", role: "alert" }, "Not registered:"), h("ul", {}, problems)] : null);
    announce(done ? `${done} registered` : "nothing registered");
    if (done) onRegistered();
    field.input.focus();
  }

  draw();
  const form = h("form", { id: "register-form", class: "desk-form", onsubmit: register, "aria-label": "Register units" },
    h("div", { class: "field" }, h("label", { for: "reg-kind" }, "Kind of the next unit"), kind),
    field.element,
    h("h3", {}, "To register"), list,
    h("div", { class: "actions" }, submit),
    result);
  noEnterSubmit(form);
  return { element: form, focus: () => field.input.focus(), idle: field.idle };
}
