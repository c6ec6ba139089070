// Recording a step from the journey page (POST /api/v1/journeys/{coi}/events), signed by the
// signed-in person. The steps offered are the ones the server expects next, each with its form
// (GET /api/v1/journeys/{coi}/next: fields with unit and range, the checklist, the scans, how
// many people): the page renders the form the engine checks with, so it cannot ask for
// something else. A "no" in the checklist needs its reason; a two-person step needs a witness
// who signs in here with their own badge and PIN (witness.js). A summary comes before sending;
// the server's answer is shown as it is: accepted (with any deviation) or refused, each refusal
// with what to do.
import { get, post, ApiError } from "./api.js";
import { h, fill, announce } from "./dom.js";
import { clockTime, serverNow, wallClock, instantOf, zoneName } from "./time_text.js";
import { scanField, codeWords, noEnterSubmit } from "./scan_field.js";
import { witnessSignIn } from "./witness.js";

// Now on the site's clock (the page shows the site's times), for the "when" field.
function localNow() { return wallClock(new Date(serverNow()).toISOString()); }

function rangeText(f) {
  const unit = f.unit ? " " + f.unit : "";
  if (f.min != null && f.max != null) return `from ${f.min} to ${f.max}${unit}`;
  if (f.min != null) return `at least ${f.min}${unit}`;
  if (f.max != null) return `at most ${f.max}${unit}`;
  return "";
}

// One field of the form: its input and how its value is read (undefined: not given).
function fieldInput(f) {
  const id = "rec-f-" + f.name;
  const label = (f.label || f.name) + (f.unit ? ` (${f.unit})` : "") + (f.required ? " — required" : "");
  const range = rangeText(f);
  const hintText = [range && `Expected ${range}; outside it ${f.breach === "refusal" ? "the step is refused" : "a deviation is raised"}.`,
    f.type === "numbers" ? "Several readings: separate them with commas." : "",
    f.entry === "scan" ? "Scan it or type it." : ""].filter(Boolean).join(" ");
  let input;
  if (f.choices && f.choices.length) {
    input = h("select", { id }, h("option", { value: "" }, "— choose —"), f.choices.map((c) => h("option", { value: c }, c)));
  } else if (f.type === "boolean") {
    input = h("select", { id }, h("option", { value: "" }, "— choose —"), h("option", { value: "yes" }, "Yes"),
      h("option", { value: "no" }, "No"));
  } else if (f.type === "time") {
    input = h("input", { id, type: "datetime-local" });
  } else {
    input = h("input", { id, type: "text", autocomplete: "off",
      inputmode: f.type === "number" || f.type === "integer" ? "decimal" : null });
  }
  if (hintText) input.setAttribute("aria-describedby", id + "-hint");
  const read = () => {
    const raw = input.value.trim();
    if (raw === "") return undefined;
    if (f.type === "number" || f.type === "integer") {
      const n = Number(raw.replace(",", "."));
      if (!Number.isFinite(n) || (f.type === "integer" && !Number.isInteger(n))) throw new Error(`${f.label || f.name}: type a ${f.type === "integer" ? "whole " : ""}number.`);
      return n;
    }
    if (f.type === "numbers") {
      const list = raw.split(/[\s,;]+/).filter(Boolean).map(Number);
      if (list.some((n) => !Number.isFinite(n))) throw new Error(`${f.label || f.name}: numbers separated by commas.`);
      return list;
    }
    if (f.type === "boolean") return raw === "yes";
    if (f.type === "time") {
      const at = instantOf(raw);
      if (!at) throw new Error(`${f.label || f.name}: give a date and a time.`);
      return at.replace(/\.\d+Z$/, "Z");
    }
    return raw;
  };
  return { f, input, read,
    element: h("div", { class: "field" }, h("label", { for: id }, label), input,
      hintText ? h("p", { id: id + "-hint", class: "small" }, hintText) : null) };
}

// One checklist question: Yes / No radios; No shows the reason, which is then required.
function question(q) {
  const name = "rec-q-" + q.id;
  const yes = h("input", { type: "radio", name, id: name + "-yes", value: "yes" });
  const no = h("input", { type: "radio", name, id: name + "-no", value: "no" });
  const reason = h("textarea", { id: name + "-reason", rows: 2, maxlength: 500 });
  const reasonBox = h("div", { class: "field", hidden: true },
    h("label", { for: name + "-reason" }, "Reason for NO — required"), reason);
  const update = () => { reasonBox.hidden = !no.checked; if (no.checked) reason.focus(); };
  yes.addEventListener("change", update);
  no.addEventListener("change", update);
  const element = h("fieldset", { class: "question" },
    h("legend", {}, q.question),
    h("span", { class: "choice" }, yes, h("label", { for: name + "-yes" }, "Yes")),
    h("span", { class: "choice" }, no, h("label", { for: name + "-no" }, "No")),
    h("p", { class: "small" }, q.on_no === "refusal" ? "NO refuses the step." : "NO records the step with a deviation for QA."),
    reasonBox);
  const read = () => {
    if (yes.checked) return true;
    if (!no.checked) throw Object.assign(new Error(`Answer: ${q.question}`), { focus: yes });
    if (!reason.value.trim()) throw Object.assign(new Error(`Say why the answer is NO: ${q.question}`), { focus: reason });
    return { answer: false, reason: reason.value.trim() };
  };
  return { q, element, read };
}

/** The record-a-step panel of journey coi for the signed-in session; onRecorded() after an answer. */
export function recordPanel(coi, session, { onRecorded = () => {} } = {}) {
  const me = session.user.username;
  const root = h("div", { id: "record" });
  const result = h("div", { id: "record-result" });
  let next = null;

  async function load() {
    // What was shown is gone at once: a step chosen from the old list would be drawn over.
    fill(root, h("p", { class: "small" }, "Loading the steps expected next…"));
    try {
      next = await get(`/api/v1/journeys/${encodeURIComponent(coi)}/next`);
      draw();
    } catch (e) {
      fill(root, h("p", { class: "error", role: "alert" }, e.message));
    }
  }

  function draw() {
    if (!next.next.length) {
      fill(root, h("p", {}, "No step is expected next for this journey."), result);
      return;
    }
    const choices = next.next.map((n, i) => {
      const id = "rec-step-" + i;
      const radio = h("input", { type: "radio", name: "rec-step", id, value: n.step });
      radio.addEventListener("change", () => showForm(n.step));
      return h("div", { class: "choice" }, radio, h("label", { for: id }, n.title),
        h("span", { class: "small" }, ` (${n.step})`, n.due_by ? ` · due by ${clockTime(n.due_by)}` : ""));
    });
    fill(root, h("fieldset", { class: "steps" }, h("legend", {}, "Which step? (the steps expected next)"), choices),
      h("div", { id: "record-form-holder" }), result);
  }

  function showForm(step) {
    const form = next.forms[step];
    const holder = document.getElementById("record-form-holder");
    fill(result);
    const when = h("input", { id: "rec-when", type: "datetime-local", value: localNow(), required: true });
    const fields = form.fields.map(fieldInput);
    const questions = form.checklist.map(question);
    const scans = [];
    const scanList = h("ul", { id: "rec-scans", "aria-label": "Scanned for this step" });
    const drawScans = () => fill(scanList, scans.length ? scans.map((s, i) => h("li", {}, "▸ ", s.words, " ",
      h("button", { type: "button", class: "secondary", "aria-label": "Remove " + s.words,
        onclick: () => { scans.splice(i, 1); drawScans(); } }, "Remove"))) : h("li", { class: "small" }, "Nothing scanned yet."));
    const needs = [form.scans.coi && "the COI label", form.scans.wristband && "the patient's wristband",
      ...(form.scans.identity || []).map((k) => `the ${k.replace("_", " ")}'s label`)].filter(Boolean);
    const scan = needs.length ? scanField({
      id: "rec-scan", label: "Scan the labels this step needs",
      hint: `This step needs ${needs.join(", ")}. Enter adds each read to the list; it does not send the step.`,
      onRead: (answer) => {
        if (scans.some((s) => s.text === answer.text)) throw new Error("Scanned already.");
        const words = answer.codes.map(codeWords).join(" + ");
        scans.push({ text: answer.text, words, typed: answer.typed });
        drawScans();
        return `Read ${words}.`;
      },
    }) : null;
    drawScans();
    const witness = form.witnesses >= 2 ? witnessSignIn() : null;
    const errors = h("div", { id: "rec-errors", "aria-live": "assertive" });
    const review = h("button", { type: "submit", id: "rec-review" }, "Review before sending");
    const element = h("form", { id: "record-form", class: "desk-form", novalidate: true, "aria-label": form.title },
      h("h3", {}, form.title),
      h("p", { class: "small" }, `Signed by you (${session.user.display_name}, ${me})` +
        (form.witnesses >= 2 ? ` and a second person: this step needs ${form.witnesses} different people.` : ".")),
      h("div", { class: "field" }, h("label", { for: "rec-when" }, `When it happened (${zoneName()} time)`), when),
      scan ? [scan.element, scanList] : null,
      fields.map((f) => f.element),
      questions.length ? h("div", { class: "checklist" }, h("h4", {}, "Checklist"), questions.map((q) => q.element)) : null,
      witness ? witness.element : null,
      errors,
      h("div", { class: "actions" }, review));
    element.addEventListener("submit", (e) => {
      e.preventDefault();
      // Only the Review button reviews: Enter in a field is not a reason to move on.
      if (e.submitter !== review) return;
      toSummary();
    });

    function problem(text, focus) {
      fill(errors, h("p", { class: "error", role: "alert" }, text));
      if (focus) { focus.setAttribute("aria-invalid", "true"); focus.focus(); }
    }

    function event() {
      for (const el of element.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      if (!when.value) throw Object.assign(new Error("Give the time it happened."), { focus: when });
      const data = {};
      for (const f of fields) {
        let value;
        try { value = f.read(); } catch (err) { throw Object.assign(err, { focus: f.input }); }
        if (value === undefined) {
          if (f.f.required) throw Object.assign(new Error(`${f.f.label || f.f.name} is required.`), { focus: f.input });
          continue;
        }
        data[f.f.name] = value;
      }
      if (questions.length) {
        data.checklist = {};
        for (const q of questions) data.checklist[q.q.id] = q.read();
      }
      const operators = [me];
      const proofs = [];
      if (witness) {
        const w = witness.current();
        if (!w) throw Object.assign(new Error("This step needs a second person: sign the witness in."), { focus: document.getElementById("wit-who") });
        operators.push(w.username);
        proofs.push({ operator: w.username, token: w.token });
      }
      const typed = scans.map((s, i) => (s.typed ? i : -1)).filter((i) => i >= 0);
      return {
        step, occurred_at: instantOf(when.value).replace(/\.\d+Z$/, "Z"), operators,
        scans: scans.map((s) => s.text), data, idempotency_key: crypto.randomUUID(),
        ...(proofs.length ? { proofs } : {}), ...(typed.length ? { typed } : {}),
      };
    }

    function toSummary() {
      let body;
      try { body = event(); } catch (err) { problem(err.message, err.focus); return; }
      fill(errors);
      const pairs = [
        ["Step", `${form.title} (${step})`], ["When", clockTime(body.occurred_at)], ["Who", body.operators.join(" + ")],
        ["Scanned", scans.map((s) => s.words).join("; ") || "nothing"],
        ...fields.filter((f) => body.data[f.f.name] !== undefined).map((f) => {
          const v = body.data[f.f.name];
          return [f.f.label || f.f.name, (Array.isArray(v) ? v.join(", ") : typeof v === "boolean" ? (v ? "yes" : "no") : String(v)) + (f.f.unit ? " " + f.f.unit : "")];
        }),
        ...questions.map((q) => {
          const a = body.data.checklist[q.q.id];
          return [q.q.question, a === true ? "YES" : `NO — reason: ${a.reason}`];
        }),
      ];
      const send = h("button", { type: "button", id: "rec-send" }, "Send");
      const change = h("button", { type: "button", class: "secondary", id: "rec-change" }, "Change");
      const summary = h("section", { id: "rec-summary", class: "panel", tabindex: "-1", "aria-labelledby": "rec-summary-heading" },
        h("h3", { id: "rec-summary-heading" }, "Check before sending"),
        h("dl", { class: "summary" }, pairs.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
        h("div", { class: "actions" }, send, change));
      element.hidden = true;
      fill(result, summary);
      summary.focus();
      change.addEventListener("click", () => { fill(result); element.hidden = false; review.focus(); });
      send.addEventListener("click", async () => {
        send.disabled = change.disabled = true;
        await sendEvent(body, () => { element.hidden = false; });
      });
    }
    noEnterSubmit(element);  // a scanned value (a storage position) arrives with the wedge's Enter
    fill(holder, element);
    (scan ? scan.input : fields.length ? fields[0].input : when).focus();
  }

  async function sendEvent(body, backToForm) {
    let decision;
    try {
      decision = await post(`/api/v1/journeys/${encodeURIComponent(coi)}/events`, body);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.body && e.body.decision) {
        decision = e.body;
      } else {
        fill(result, h("div", { role: "alert" }, h("p", { class: "error" }, `Not recorded: ${e.message}`)));
        backToForm();
        return;
      }
    }
    const refused = decision.decision === "refused";
    fill(result, h("div", { role: "alert", id: "rec-answer", class: refused ? "answer refused" : "answer accepted" },
      h("p", { class: "verdict " + (refused ? "bad" : "ok") },
        refused ? `✖ REFUSED: ${body.step} was not recorded as done.` : `✔ Recorded: ${body.step} (event ${decision.event_id}).`),
      (decision.refusals || []).length ? h("ul", {}, decision.refusals.map((r) => h("li", {},
        h("strong", {}, r.code), `: ${r.message}`, r.what_to_do ? [h("br"), h("strong", {}, "What to do: "), r.what_to_do] : null))) : null,
      (decision.deviations || []).length ? [h("p", {}, "▲ Recorded with deviations (QA reviews them):"),
        h("ul", {}, decision.deviations.map((d) => h("li", {}, h("strong", {}, d.code), ` (${d.severity}): ${d.message}`)))] : null,
      h("button", { type: "button", class: "secondary", id: "rec-again", onclick: () => load() }, refused ? "Start again" : "Record another step")));
    announce(refused ? `${body.step} refused` : `${body.step} recorded`);
    document.getElementById("rec-again").focus();
    onRecorded();
  }

  load();
  return { element: root, reload: load };
}
