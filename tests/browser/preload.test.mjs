// A page that lists modules to preload lists every module its script imports, directly or not:
// the browser then fetches them all at once instead of one level of imports after the other
// (the board's first rows at 10,000 journeys: docs/board.md). A module added to a page's imports
// and not to its list would quietly bring the waterfall back; this test names it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const WEB = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "server", "web");

function imports(module, seen = new Set()) {
  const source = readFileSync(join(WEB, "js", module), "utf8");
  for (const [, name] of source.matchAll(/(?:from|import)\s*"\.\/([a-z_]+\.js)"/g)) {
    if (!seen.has(name)) {
      seen.add(name);
      imports(name, seen);
    }
  }
  return seen;
}

const pages = readdirSync(WEB).filter((f) => f.endsWith(".html"));

test("a page that preloads modules preloads its script's whole import graph, and nothing else", () => {
  let checked = 0;
  for (const page of pages) {
    const html = readFileSync(join(WEB, page), "utf8");
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\/js\/([a-z_]+\.js)">/g)].map((m) => m[1]);
    if (preloaded.length === 0) continue;
    const entry = html.match(/<script type="module" src="\/js\/([a-z_]+\.js)">/);
    assert.ok(entry, `${page} preloads modules but has no module script`);
    assert.deepEqual(preloaded.slice().sort(), [...imports(entry[1])].sort(), `${page}'s modulepreload list`);
    checked += 1;
  }
  assert.ok(checked >= 2, "the board and the journey page preload their modules");
});

test("the import graph is read from the sources: the board's script imports the session module", () => {
  assert.ok(imports("board.js").has("session.js"));
  assert.ok(imports("board.js").has("dom.js"));  // through page_header.js too
});
