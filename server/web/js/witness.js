// A second person signing in at this desk for one two-person step (docs/security.md, "Operators
// at stations"): their badge as read (or their user name) and their PIN go to
// POST /api/v1/operator-tokens with purpose "witness"; the short token that comes back (bound to
// the signed-in user, good for one event within 5 minutes) is the witness's proof on the event.
// The PIN is sent once and never kept.
import { post } from "./api.js";
import { h, fill } from "./dom.js";

/** The witness fieldset; current() is {username, display_name, token} once signed in, else null. */
export function witnessSignIn() {
  let signed = null;
  const by = h("select", { id: "wit-by" }, h("option", { value: "badge" }, "Badge"), h("option", { value: "username" }, "User name"));
  const who = h("input", { id: "wit-who", autocomplete: "off", spellcheck: "false", "aria-describedby": "wit-hint" });
  const pin = h("input", { id: "wit-pin", type: "password", inputmode: "numeric", autocomplete: "off" });
  const status = h("div", { id: "wit-status", "aria-live": "polite" });
  const button = h("button", { type: "button", class: "secondary", id: "wit-sign-in" }, "Sign the witness in");

  async function signIn() {
    fill(status);
    signed = null;
    const text = who.value.trim();
    if (!text || !pin.value) {
      fill(status, h("p", { class: "error", role: "alert" }, "Give the witness's badge (or user name) and their PIN."));
      (text ? pin : who).focus();
      return;
    }
    // A badge as a wedge reads it may carry a GS: not part of the badge's code.
    const body = by.value === "badge" ? { badge: text.replaceAll("\x1d", "") } : { username: text };
    try {
      const answer = await post("/api/v1/operator-tokens", { ...body, pin: pin.value, purpose: "witness" });
      signed = { username: answer.user.username, display_name: answer.user.display_name, token: answer.token };
      fill(status, h("p", { class: "notice" }, `Witness: ${signed.display_name} (${signed.username}), for this one step.`));
    } catch (e) {
      fill(status, h("p", { class: "error", role: "alert" }, `Witness not signed in: ${e.message}`));
    }
    pin.value = "";
  }
  button.addEventListener("click", signIn);
  // Enter in the PIN (or after a badge scan) signs in; it never sends the step.
  for (const input of [who, pin]) {
    input.addEventListener("keydown", (e) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      if (input === who && !pin.value) pin.focus(); else signIn();
    });
  }
  const element = h("fieldset", { class: "witness" },
    h("legend", {}, "Second person (witness): signs in with their own badge and PIN"),
    h("div", {}, h("label", { for: "wit-by" }, "Sign in by"), by),
    h("div", {}, h("label", { for: "wit-who" }, "Witness badge or user name"), who,
      h("p", { id: "wit-hint", class: "small" }, "Scan their badge or type their user name. They type the PIN themselves.")),
    h("div", {}, h("label", { for: "wit-pin" }, "Witness PIN"), pin),
    h("div", { class: "actions" }, button),
    status);
  return { element, current: () => signed, clear: () => { signed = null; fill(status); } };
}
