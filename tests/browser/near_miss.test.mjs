// Near misses on the deviations page (docs/deviations.md "Near misses"), in a real browser at a
// ward PC's 1024 px: Debian's chromium against a real `celljourney serve` on its own
// PostgreSQL, seeded through the CLI and the API. Run by ctest (tests/CMakeLists.txt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Ward, PASSWORD, minutesAgo } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";

const TEST_TIMEOUT = { timeout: 60000 };
const WARD_PC = { width: 1024, height: 768 };
let ward, browser, qa;  // qa: Quinn's tab, kept open across tests
const patients = {
  jd: { mrn: "MRN20001", initials: "J.D.", din: "A999926200001" },
  kl: { mrn: "MRN20002", initials: "K.L.", din: "A999926200002" },
};

const watchdog = setTimeout(async () => {
  console.error("near-miss browser tests: watchdog fired after 4 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 240000);
watchdog.unref();

/** J.D.'s collection, scanned with the bag of `other`: refused (422), a near miss. */
function wrongBag(other) {
  return ward.station().sendEvent("/api/v1/scans", {
    journey: patients.jd.coi, step: "apheresis.collect", occurred_at: minutesAgo(1), station: "AP-1", operators: ["ann"],
    scans: ["=" + other.din + "00", "&#0008" + patients.jd.mrn], data: { volume_ml: 250 }, idempotency_key: randomUUID(),
  }, [422]);
}

before(async () => {
  ward = await Ward.open();
  for (const p of Object.values(patients)) p.coi = await ward.newJourney(p.mrn, p.initials, p.din);
  await wrongBag(patients.kl);
  browser = await launch();
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

const section = () => qa.locator("#near-misses-section");
const rows = () => qa.locator("#near-misses tbody tr");

test("QA sees the near miss: when, this journey, the bag scanned instead and whose it is, station and people", TEST_TIMEOUT, async () => {
  qa = await newPage(browser, WARD_PC);
  await logInThrough(qa, ward.server.url + "/deviations.html", "quinn", PASSWORD);
  await rows().first().waitFor();
  assert.equal(await rows().count(), 1);
  const text = await rows().first().innerText();
  assert.match(text, /#\d+ UNIT_NOT_IN_JOURNEY/);
  assert.match(text, /apheresis\.collect/);
  assert.ok(text.includes(patients.jd.coi), "this journey's COI");
  assert.match(text, /Unit A999926200002/, "the bag scanned instead");
  assert.ok(text.includes("belongs to " + patients.kl.coi), "whose bag it is");
  assert.match(text, /Station AP-1/);
  assert.match(text, /\bann\b/);
  assert.match(text, /▲ NOT REVIEWED/, "the state in words, not only colour");
  assert.equal(text.includes(patients.kl.mrn), false, "no other patient's MRN");
  assert.match(await qa.locator("#nm-count").innerText(), /1 near miss not reviewed/);
  // Accessible: a named section, column headers, a labelled filter.
  assert.ok(await qa.getByRole("region", { name: "Near misses" }).isVisible());
  for (const name of ["Near miss", "This journey", "Scanned instead", "Station and people", "Review"]) {
    assert.ok(await section().getByRole("columnheader", { name }).isVisible(), name);
  }
  assert.equal(await qa.getByLabel("Review", { exact: true }).inputValue(), "false");
  // At 1024 px nothing is cut off to the side.
  assert.ok(await qa.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    "no horizontal scrolling at 1024 px");
  await screenshot(qa, "near-misses");
  assert.deepEqual(qa.scriptErrors, []);
});

test("a new near miss appears on the open page without a reload", TEST_TIMEOUT, async () => {
  await qa.locator(".live[data-state=connected]").waitFor();
  await qa.evaluate(() => { window.notReloaded = true; });
  await wrongBag({ din: "A999926209999" });  // a bag nobody here knows
  await qa.waitForFunction(() => document.querySelectorAll("#near-misses tbody tr").length === 2, null, { timeout: 5000 });
  assert.match(await rows().first().innerText(), /not a journey known here/);
  assert.equal(await qa.evaluate(() => window.notReloaded), true, "the page was not reloaded");
});

test("QA reviews a near miss once, with a note; it then shows as reviewed", TEST_TIMEOUT, async () => {
  const row = rows().filter({ hasText: patients.kl.coi });
  await row.getByRole("button", { name: /Review #\d+/ }).click();
  const dialog = qa.locator("#review-dialog");
  await dialog.getByLabel(/Note/).fill("Two patients' bags in one transport box; unit SOP reminder given.");
  await screenshot(qa, "near-miss-review");
  await dialog.getByRole("button", { name: "Record review" }).click();
  await qa.locator("#nm-notice", { hasText: /reviewed\.$/ }).waitFor();
  await qa.waitForFunction(() => document.querySelectorAll("#near-misses tbody tr").length === 1);
  await qa.getByLabel("Review", { exact: true }).selectOption("");
  await qa.waitForFunction(() => document.querySelectorAll("#near-misses tbody tr").length === 2);
  const reviewed = await rows().filter({ hasText: patients.kl.coi }).innerText();
  assert.match(reviewed, /✔ REVIEWED/);
  assert.match(reviewed, /by quinn/);
  assert.match(reviewed, /unit SOP reminder given/);
  const quinn = await ward.api().logIn("quinn", PASSWORD);
  const [first] = (await quinn.get(`/api/v1/near-misses?reviewed=true`)).near_misses;
  assert.equal(first.reviewed_by, "quinn");
  assert.deepEqual(qa.scriptErrors, []);
});

test("a coordinator reads the near misses but has no review button", TEST_TIMEOUT, async () => {
  const cora = await newPage(browser, WARD_PC);
  await logInThrough(cora, ward.server.url + "/deviations.html", "cora", PASSWORD);
  await cora.locator("#near-misses tbody tr").first().waitFor();
  assert.equal(await cora.locator("#near-misses").getByRole("button").count(), 0);
  assert.deepEqual(cora.scriptErrors, []);
  await cora.context().close();
});

test("an apheresis nurse does not see the near-miss section", TEST_TIMEOUT, async () => {
  const ann = await newPage(browser, WARD_PC);
  await logInThrough(ann, ward.server.url + "/deviations.html", "ann", PASSWORD);
  await ann.locator("#inbox-count").filter({ hasText: /deviation/ }).waitFor();
  assert.equal(await ann.locator("#near-misses-section").isVisible(), false);
  assert.deepEqual(ann.scriptErrors, []);
  await ann.context().close();
});
