// The 13 core steps of every journey (docs/design.md), in order, with the words the board shows.
export const STEPS = [
  ["order", "Order"],
  ["apheresis.collect", "Collection"],
  ["apheresis.label", "Bag labelled"],
  ["apheresis.ship", "Shipped to manufacturer"],
  ["manufacturing.receive", "At manufacturer"],
  ["manufacturing.release", "Released"],
  ["product.ship", "Shipped to hospital"],
  ["product.receive", "Received"],
  ["product.store", "Stored"],
  ["product.thaw", "Thawing"],
  ["infusion.verify", "Identity checked"],
  ["infusion.start", "Infusing"],
  ["infusion.end", "Infused"],
];

const NAMES = new Map(STEPS);
const SIDE = { hold: "On hold", return: "Returned", dispose: "Disposed", correction: "Correction",
  "manufacturing.start": "Manufacturing" };

/** "Thawing" for "product.thaw"; the step itself when it is not a known one. */
export function stepName(step) {
  return NAMES.get(step) || SIDE[step] || step || "—";
}
