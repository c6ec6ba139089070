// ZPL -> PNG with zpl-renderer-js (a WebAssembly build of Zebrash, an independent ZPL renderer),
// for the label decoder tests: one node process renders every job of a manifest.
//   node tests/labels/zpl_to_png.mjs MANIFEST.json
// MANIFEST: [{"zpl": "in.zpl", "png": "out.png", "width_dots": 800, "height_dots": 800, "dpi": 203}]
// The image is width_dots x height_dots (the label's ^PW x ^LL); exit 1 when a job fails.
import fs from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

// The package is installed with the browser tests' packages (tests/browser/package.json).
const require = createRequire(new URL("../browser/package.json", import.meta.url));
const { ready } = await import(pathToFileURL(require.resolve("zpl-renderer-js")).href);
const { api } = await ready;

const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let failed = 0;
for (const job of jobs) {
  // Zebrash takes millimetres and whole dots per millimetre: 8, 12, 24 for 203, 300, 600 dpi.
  const dpmm = Math.round(job.dpi / 25.4);
  try {
    const png = await api.zplToBase64Async(fs.readFileSync(job.zpl, "utf8"), job.width_dots / dpmm,
                                           job.height_dots / dpmm, dpmm);
    fs.writeFileSync(job.png, Buffer.from(png, "base64"));
  } catch (e) {
    console.error(`${job.zpl}: ${e.message ?? e}`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
