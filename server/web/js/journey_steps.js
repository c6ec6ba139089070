// The core steps of every journey, in order, with the words the pages show for them: the
// server's journey model (GET /api/v1/journey-model, from workflows/core.yaml), so that the
// pages and the board's stages cannot disagree. A page awaits loadJourneySteps() once before it
// first draws; STEPS and stepName() then read what it loaded.
import { get } from "./api.js";

/** The core steps in order, as [step, name] pairs ("product.thaw", "Thawing"). */
export const STEPS = [];
const NAMES = new Map();  // core and side steps
let loading = null;

/** Loads the model once; later calls share that load (a failed one is tried again). */
export function loadJourneySteps() {
  if (!loading) {
    loading = get("/api/v1/journey-model").then((model) => {
      STEPS.splice(0, STEPS.length, ...model.steps.map((s) => [s.step, s.name]));
      NAMES.clear();
      for (const [step, name] of STEPS) NAMES.set(step, name);
      for (const [step, name] of Object.entries(model.side_steps)) NAMES.set(step, name);
    }, (e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** "Thawing" for "product.thaw"; the step itself when it is not a known one. */
export function stepName(step) {
  return NAMES.get(step) || step || "—";
}
