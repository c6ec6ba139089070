// Bags, holds and clocks in words, for the board and the journey page (the server's shapes:
// server/board/projection.h, workflows/bag_status.h, workflows/clocks.h). Every state is a word
// (and a symbol where it asks for attention), never a colour alone.
import { h } from "./dom.js";
import { stepName } from "./journey_steps.js";
import { countdown, clockTime } from "./time_text.js";

/** What a person calls the moment a clock counts from. */
const ANCHOR_WORDS = {
  "product.thaw": "start of thaw",
  "product.thaw_complete": "thaw complete",
  "infusion.start": "infusion start",
  "infusion.end": "infusion end",
  premedication: "premedication",
};

export function anchorWords(step) { return ANCHOR_WORDS[step] || stepName(step); }

/** "counted from start of thaw: thaw complete not recorded", or null when the clock counts from
 *  its own anchor. */
export function anchorMissingText(clock) {
  if (!clock.anchor_missing) return null;
  const missing = clock.missing_step;  // the step not recorded (workflows/clocks.h)
  return `counted from ${anchorWords(clock.from)}: ` +
    (missing ? `${anchorWords(missing)} not recorded` : "the step it counts from is not recorded");
}

/** The soonest due of the running clocks, or null. */
export function mostUrgentClock(clocks) {
  let best = null;
  for (const c of clocks || []) if (!best || Date.parse(c.due_by) < Date.parse(best.due_by)) best = c;
  return best;
}

const STATE_WORDS = {
  registered: "registered", stored: "stored", thawing: "thawing", thawed: "thawed",
  checked: "identity checked", infusing: "infusing", infused: "infused",
  disposed: "✖ disposed", returned: "↩ returned",
};
export function stateWords(state) { return STATE_WORDS[state] || state || "—"; }

// "A999926210001/S1194A00" -> "210001": the DIN's sequence number, what the bag's label prints
// largest; a unit that is not a DIN is named as it is.
function shortUnit(unit) {
  const m = /^[A-Z]\d{4}\d{2}(\d{6})/.exec(unit || "");
  return m ? m[1] : unit || "";
}

/** "Dose 1 · blue" for a bag of a split-dose product, else "Bag 210001" (its DIN's number). */
export function bagName(bag) {
  if (bag.dose != null) return `Dose ${bag.dose}` + (bag.colour ? ` · ${bag.colour}` : "");
  const kind = bag.kind ? bag.kind[0].toUpperCase() + bag.kind.slice(1) : "Bag";
  return `${kind} ${shortUnit(bag.unit)}` + (bag.colour ? ` · ${bag.colour}` : "");
}

/** The name of a clock's (or an obligation's) bag among the journey's bags, the unit as it is
 *  when it is not one of them (an apheresis bag); null for the journey's own. */
export function clockBagName(clock, bags) {
  if (!clock.unit) return null;
  const bag = (bags || []).find((b) => b.unit === clock.unit);
  return bag ? bagName(bag) : clock.unit;
}

/** A bag's own hold: not the journey's (every bag shows the journey's hold as its own too). */
export function ownHold(bag, journeyHold) {
  if (!bag.hold) return null;
  if (journeyHold && bag.hold.event_id === journeyHold.event_id) return null;
  return bag.hold;
}

/** "‖ ON HOLD: reason" as a badge. */
export function holdBadge(hold, { label = "ON HOLD" } = {}) {
  return h("span", { class: "badge hold", title: "since " + clockTime(hold.since) }, `‖ ${label}: ${hold.reason}`);
}

/** The countdown's words with their symbol: "◷ in 12 min 03 s", "⚠ OVERDUE by 5 min 00 s". */
export function countdownText(c, { always = false } = {}) {
  const icon = c.state === "overdue" ? "⚠ " : c.state === "soon" || always ? "◷ " : "";
  return icon + c.text;
}

/** A live countdown to due: the page's tick() rewrites it every second (data-due). */
export function countdownSpan(due, { always = false } = {}) {
  const c = countdown(due);
  return h("span", { class: "due " + c.state, "data-due": due, "data-always": always ? "1" : null },
    countdownText(c, { always }));
}

/** Rewrites every countdown under root; returns the elements that are overdue. */
export function tickCountdowns(root) {
  const overdue = [];
  for (const el of root.querySelectorAll("[data-due]")) {
    const c = countdown(el.dataset.due);
    el.className = "due " + c.state;
    el.textContent = countdownText(c, { always: Boolean(el.dataset.always) });
    if (c.state === "overdue") overdue.push(el);
  }
  return overdue;
}
