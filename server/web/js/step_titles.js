// The title of each step as the product definitions write it ("infusion.end" -> its title):
// the core journey's outline from GET /api/v1/forms, loaded once a page. Where the server does
// not give it (a role the forms are not for), the step's own id is shown.
import { get } from "./api.js";

const TITLES = new Map();
let loading = null;

/** Loads the titles once; never rejects (the ids are shown instead). */
export function loadStepTitles() {
  if (!loading) {
    loading = get("/api/v1/forms").then((forms) => {
      for (const s of forms.steps || []) if (s.title) TITLES.set(s.step, s.title);
    }, () => {});
  }
  return loading;
}

/** The step's title, or the step itself when no title is known. */
export function stepTitle(step) { return TITLES.get(step) || step || "—"; }
