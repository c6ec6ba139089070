// A text field a keyboard-wedge scanner types into, as it would into any field: the code's
// characters, then Enter. Enter here never submits the form around it: it hands what was read
// to the server's ISBT 128 check (POST /api/v1/codes/check: the same codec and the same checks
// as a station, so a desk and a station cannot disagree) and clears the field for the next
// label. A GS (0x1D, the group separator some wedges send between concatenated symbols) is
// kept as typed, or put in when the wedge sends it as Ctrl+] (the ASCII key for GS); the server
// drops it. Reads are checked one after another, in the order they were scanned.
import { post, ApiError } from "./api.js";
import { h, fill } from "./dom.js";

const GS = "\x1d";

/** The words for a code the server read ({kind, value}). */
export function codeWords(code) {
  const words = { din: "DIN", product_code: "product code", coi: "COI", wristband: "wristband", isbt: "ISBT 128 data",
    identifier: "label" };
  return `${words[code.kind] || code.kind} ${code.value}`;
}

/**
 * {id, label, hint, onRead(answer, raw)}: onRead gets the server's answer ({text, typed, codes});
 * it returns a message to show (or throws an Error whose message is shown as a problem).
 * Returns {element, input}.
 */
export function scanField({ id, label, hint, onRead }) {
  const input = h("input", { id, type: "text", autocomplete: "off", spellcheck: "false", class: "scan",
    "aria-describedby": `${id}-hint ${id}-feedback` });
  const feedback = h("div", { id: `${id}-feedback`, class: "scan-feedback", "aria-live": "assertive" });
  let queue = Promise.resolve();

  const show = (ok, text) => fill(feedback, h("p", { class: ok ? "notice" : "error" }, text));

  async function check(raw) {
    try {
      const answer = await post("/api/v1/codes/check", { text: raw });
      show(true, await onRead(answer, raw));
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) show(false, `Not taken (${e.code}): ${e.message}`);
      else show(false, e.message);
    }
  }

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();  // a scanner's Enter: never the form's submit
      const raw = input.value;
      input.value = "";
      if (raw.replaceAll(GS, "").trim() === "") {
        show(false, "Empty scan: nothing was read. Scan the barcode again.");
        return;
      }
      queue = queue.then(() => check(raw));
    } else if (e.key === "GroupSeparator" || (e.ctrlKey && e.key === "]")) {
      e.preventDefault();
      input.setRangeText(GS, input.selectionStart, input.selectionEnd, "end");
    }
  });

  const element = h("div", { class: "scan-field" },
    h("label", { for: id }, label), input,
    h("p", { id: `${id}-hint`, class: "small" }, hint),
    feedback);
  return { element, input, idle: () => queue };
}

/** Enter in a text field of form never submits it (a wedge's Enter, or a hurried key): only its
 *  buttons do. Textareas keep their Enter for new lines. */
export function noEnterSubmit(form) {
  form.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target instanceof HTMLInputElement) e.preventDefault();
  });
  return form;
}
