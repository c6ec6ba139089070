// Alerts on the board (docs/quality.md "Alerts"), in a real browser at a ward PC's 1024 px:
// Debian's chromium against a real `celljourney serve` on its own PostgreSQL. A station scans
// another patient's bag (a near miss: critical) while the coordinator's board is open; the
// ward's near_miss rule sends it to the browser; the banner appears without a reload, passes
// axe-core, and Acknowledge clears it (and records who). Run by ctest (tests/CMakeLists.txt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Ward, PASSWORD, SITE, minutesAgo } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";
import { seriousViolations } from "./lib/axe.mjs";

const TEST_TIMEOUT = { timeout: 60000 };
const WARD_PC = { width: 1024, height: 768 };
let ward, browser, board;
const patients = {
  jd: { mrn: "MRN30001", initials: "J.D.", din: "A999926300001" },
  kl: { mrn: "MRN30002", initials: "K.L.", din: "A999926300002" },
};

const watchdog = setTimeout(async () => {
  console.error("alerts browser tests: watchdog fired after 4 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 240000);
watchdog.unref();

before(async () => {
  ward = await Ward.open();
  for (const p of Object.values(patients)) p.coi = await ward.newJourney(p.mrn, p.initials, p.din);
  const admin = await ward.api().logIn("admin", PASSWORD);
  await admin.put(`/api/v1/sites/${SITE}/alert-rules/near_miss`, { channels: ["browser"], roles: ["qa"] });
  browser = await launch();
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

const banners = () => board.locator("#alerts [role=alert]");

test("a critical alert appears as a banner on an open board, without a reload", TEST_TIMEOUT, async () => {
  board = await newPage(browser, WARD_PC);
  await logInThrough(board, ward.server.url + "/", "cora", PASSWORD);
  await board.locator("#board tbody tr").first().waitFor();
  await board.locator(".live[data-state=connected]").waitFor();
  assert.equal(await banners().count(), 0);
  await board.evaluate(() => { window.notReloaded = true; });

  // J.D.'s collection scanned with K.L.'s bag: refused, and a near miss.
  await ward.station().sendEvent("/api/v1/scans", {
    journey: patients.jd.coi, step: "apheresis.collect", occurred_at: minutesAgo(1), station: "AP-1", operators: ["ann"],
    scans: ["=" + patients.kl.din + "00", "&#0008" + patients.jd.mrn], data: { volume_ml: 250 }, idempotency_key: randomUUID(),
  }, [422]);

  await banners().first().waitFor({ timeout: 15000 });
  const text = await banners().first().innerText();
  assert.match(text, /CRITICAL UNIT_NOT_IN_JOURNEY/);
  assert.ok(text.includes(patients.jd.coi), "the journey's COI");
  assert.match(text, /What to do:/);
  assert.equal(text.includes(patients.jd.mrn), false, "no MRN on the banner");
  assert.equal(await board.evaluate(() => window.notReloaded), true, "the page was not reloaded");
  assert.ok(await board.getByRole("button", { name: /Acknowledge alert \d+/ }).isVisible());
  assert.deepEqual(await seriousViolations(board), [], "axe-core on the board with a banner");
  await screenshot(board, "board-alert");
  assert.deepEqual(board.scriptErrors, []);
});

test("Acknowledge clears the banner and records who acknowledged", TEST_TIMEOUT, async () => {
  await board.getByRole("button", { name: /Acknowledge alert \d+/ }).click();
  await banners().first().waitFor({ state: "detached", timeout: 10000 });
  const quinn = await ward.api().logIn("quinn", PASSWORD);
  const alerts = (await quinn.get(`/api/v1/alerts?site=${SITE}`)).alerts;
  assert.equal(alerts.length, 1);
  assert.equal(alerts[0].status, "acknowledged");
  assert.equal(alerts[0].acknowledged_by, "cora");
  assert.equal(alerts[0].deliveries[0].channel, "browser");
  assert.equal(alerts[0].deliveries[0].state, "sent");
  // A reload shows no banner: it stays acknowledged.
  await board.reload();
  await board.locator("#board tbody tr").first().waitFor();
  await board.waitForTimeout(500);
  assert.equal(await banners().count(), 0);
  assert.deepEqual(board.scriptErrors, []);
});
