// axe-core (npm axe-core, pinned in package.json) run inside the page: the accessibility rules
// a page must pass. Injected through the DevTools protocol (page.evaluate), which the page's
// Content-Security-Policy does not govern, so that the page under test stays exactly as served.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The serious and critical violations in `include` (a CSS selector; the whole page when not
 *  given), each as "rule-id: help (targets)". */
export async function seriousViolations(page, include) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include: [include] } : document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")) }));
  }, include || null);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(", ")}`);
}
