// The deviations inbox and one deviation's lifecycle (docs/quality.md "Deviations and CAPA"), in
// a real browser at a ward PC's 1024 px: Debian's chromium against a real `celljourney serve` on
// its own PostgreSQL. The inbox shows each deviation's patient initials, product, site,
// severity, age and owner with filters and sort; QA carries one through investigation, CAPA and
// disposition to a signed close, and reopens it. Run by ctest (tests/CMakeLists.txt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { Ward, PASSWORD, minutesAgo } from "./lib/ward.mjs";
import { launch, newPage, screenshot, logInThrough } from "./lib/browser.mjs";
import { seriousViolations } from "./lib/axe.mjs";

const TEST_TIMEOUT = { timeout: 90000 };
const WARD_PC = { width: 1024, height: 768 };
let ward, browser, qa;  // qa: Quinn's tab, kept open across tests
const patients = {
  mp: { mrn: "MRN30001", initials: "M.P.", din: "A999926300001" },
  rs: { mrn: "MRN30002", initials: "R.S.", din: "A999926300002" },
  jd: { mrn: "MRN30003", initials: "J.D.", din: "A999926300003" },
};

const watchdog = setTimeout(async () => {
  console.error("capa browser tests: watchdog fired after 6 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 360000);
watchdog.unref();

before(async () => {
  ward = await Ward.open();
  for (const p of Object.values(patients)) p.coi = await ward.newJourney(p.mrn, p.initials, p.din);
  // M.P.'s and R.S.'s bags shipped before they were labelled: OUT_OF_ORDER (major), open.
  await ward.shipUnlabelled(patients.mp.coi, patients.mp);
  await ward.shipUnlabelled(patients.rs.coi, patients.rs);
  // J.D.'s collection scanned with M.P.'s bag: refused, a near miss in the same inbox.
  await ward.station().sendEvent("/api/v1/scans", {
    journey: patients.jd.coi, step: "apheresis.collect", occurred_at: minutesAgo(1), station: "AP-1", operators: ["ann"],
    scans: ["=" + patients.mp.din + "00", "&#0008" + patients.jd.mrn], data: { volume_ml: 250 }, idempotency_key: randomUUID(),
  }, [422]);
  // R.S.'s is owned by Cora already.
  const cora = await ward.as("cora");
  const [rs] = (await cora.get(`/api/v1/deviations?journey=${patients.rs.coi}`)).deviations;
  await cora.post(`/api/v1/deviations/${rs.id}/acknowledge`, { owner: "cora", note: "Cora follows up with the unit" });
  browser = await launch();
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

const rows = () => qa.locator("#inbox tbody tr");
const rowOf = (coi) => qa.locator("#inbox tbody tr", { hasText: coi });
const detail = () => qa.locator("#detail");

test("the inbox shows initials, product, site, severity, age and owner, and filters and sorts", TEST_TIMEOUT, async () => {
  qa = await newPage(browser, WARD_PC);
  await logInThrough(qa, ward.server.url + "/deviations.html", "quinn", PASSWORD);
  await rowOf(patients.mp.coi).waitFor();
  assert.equal(await rows().count(), 2);
  const mp = await rowOf(patients.mp.coi).innerText();
  assert.match(mp, /OUT_OF_ORDER/);
  assert.ok(mp.includes("M.P."), "the patient's initials");
  assert.match(mp, /Kymriah/, "the product by its name");
  assert.match(mp, /\bward\b/, "the site");
  assert.match(mp, /▲ major/, "the severity in words");
  assert.match(mp, /\d+ (s|min)/, "its age");
  assert.match(mp, /— none yet/, "no owner yet, in words");
  assert.match(mp, /▲ OPEN/);
  assert.equal(mp.includes(patients.mp.mrn), false, "QA sees initials, never the MRN");
  assert.match(await rowOf(patients.rs.coi).innerText(), /cora[\s\S]*◐ ACKNOWLEDGED/);
  for (const name of ["Deviation", "Patient and product", "What happened", "Age", "Owner", "Status"]) {
    assert.ok(await qa.locator("#inbox").getByRole("columnheader", { name }).isVisible(), name);
  }
  // The near miss of the refused wrong-patient scan is in the inbox too.
  assert.match(await qa.locator("#near-misses tbody tr").first().innerText(), /UNIT_NOT_IN_JOURNEY/);
  assert.ok(await qa.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    "no horizontal scrolling at 1024 px");
  assert.deepEqual(await seriousViolations(qa), [], "axe-core on the inbox");
  await screenshot(qa, "capa-inbox");

  // Filter by owner (typed, then Enter), then oldest first.
  await qa.getByLabel("Owner", { exact: true }).fill("cora");
  await qa.getByLabel("Owner", { exact: true }).press("Enter");
  await qa.waitForFunction(() => document.querySelectorAll("#inbox tbody tr").length === 1);
  assert.match(await rows().first().innerText(), new RegExp(patients.rs.coi));
  assert.match(qa.url(), /owner=cora/, "the filter is in the address");
  await qa.getByLabel("Owner", { exact: true }).fill("");
  await qa.getByLabel("Sort", { exact: true }).selectOption("age");
  await qa.waitForFunction(() => document.querySelectorAll("#inbox tbody tr").length === 2);
  assert.match(await rows().first().innerText(), new RegExp(patients.mp.coi), "M.P.'s is the older");
  await qa.getByLabel("Severity", { exact: true }).selectOption("minor");
  await qa.waitForFunction(() => document.querySelectorAll("#inbox tbody tr").length === 0);
  assert.match(await qa.locator("#inbox-count").innerText(), /^0 deviations/);
  await qa.getByLabel("Severity", { exact: true }).selectOption("");
  await rowOf(patients.mp.coi).waitFor();
  assert.deepEqual(qa.scriptErrors, []);
});

test("QA carries a deviation through investigation, CAPA and disposition to a signed close", TEST_TIMEOUT, async () => {
  // Keyboard: the row's button opens the detail, which takes the focus.
  await rowOf(patients.mp.coi).getByRole("button", { name: /Open deviation/ }).focus();
  await qa.keyboard.press("Enter");
  await detail().waitFor();
  assert.equal(await qa.evaluate(() => document.activeElement.id), "detail");
  assert.match(await detail().locator("#detail-title").innerText(), /Deviation #\d+ OUT_OF_ORDER/);

  await qa.locator("#f-ack-owner").fill("alice");
  await qa.locator("#f-ack-note").fill("Alice leads the investigation");
  await qa.locator("#f-ack").getByRole("button", { name: "Acknowledge" }).click();
  await detail().getByText("◐ ACKNOWLEDGED").waitFor();
  await rowOf(patients.mp.coi).filter({ hasText: "alice" }).waitFor();  // the owner in the inbox

  await qa.getByLabel("Root-cause category").selectOption("procedure");
  await qa.getByLabel("Root cause (what was found)").fill("The unit shipped before printing the label");
  await qa.getByRole("button", { name: "Record investigation" }).click();
  await detail().getByText("◑ CAPA").waitFor();

  // Past CAPA only with an action, closed: the server's refusal is shown in words.
  await qa.getByLabel("Effectiveness note").fill("Nothing to do");
  await qa.getByRole("button", { name: "Complete CAPA" }).click();
  await qa.locator("#f-capa-error", { hasText: /No CAPA action was recorded/ }).waitFor();
  assert.equal(await qa.locator("#f-capa-error").getAttribute("role"), "alert");

  await qa.locator("#f-action-kind").selectOption("corrective");
  await qa.locator("#f-action-text").fill("Label before packing: checklist at the unit");
  await qa.locator("#f-action-owner").fill("alice");
  await qa.locator("#f-action-due").fill("2026-12-20");
  await qa.getByRole("button", { name: "Add action" }).click();
  const action = qa.locator("#detail-actions li[data-action='1']");
  await action.waitFor();
  assert.match(await action.innerText(), /corrective: Label before packing[\s\S]*owner alice · due 2026-12-20[\s\S]*○ OPEN/);
  await action.getByLabel("Closing note").fill("Checklist in use since 4 Dec");
  await action.getByRole("button", { name: "Close action 1" }).click();
  await qa.locator("#detail-actions li[data-action='1']", { hasText: "✔ CLOSED" }).waitFor();
  await qa.getByLabel("Effectiveness note").fill("Checklist followed on the next 5 collections");
  await qa.getByRole("button", { name: "Complete CAPA" }).click();
  await detail().getByText("◕ DISPOSITION").waitFor();

  await qa.getByLabel("Disposition", { exact: true }).selectOption("use");
  await qa.getByLabel("Why", { exact: true }).fill("Identity confirmed by DIN at the manufacturer");
  await qa.getByRole("button", { name: "Record disposition" }).click();
  await qa.getByRole("button", { name: /Close #\d+ with your signature/ }).click();
  const dialog = qa.locator("#close-dialog");
  await dialog.getByLabel(/Your password/).fill("not my password");
  await dialog.getByLabel("Meaning of the signature").selectOption("approval");
  await dialog.getByLabel(/Reason/).fill("Root cause found, CAPA effective, product fit for use");
  assert.deepEqual(await seriousViolations(qa, "#close-dialog"), [], "axe-core on the signature dialog");
  await dialog.getByRole("button", { name: "Sign and close" }).click();
  await dialog.locator("#close-error", { hasText: /password does not match/ }).waitFor();
  assert.ok(await dialog.isVisible(), "a wrong password signs nothing and keeps the dialog open");
  await dialog.getByLabel(/Your password/).fill(PASSWORD);
  await dialog.getByRole("button", { name: "Sign and close" }).click();
  await qa.locator("#inbox-notice", { hasText: /closed: signed by Quinn Quality \(approval\)/ }).waitFor();
  await detail().getByText("✔ CLOSED").first().waitFor();

  const timeline = await qa.locator("#detail-timeline").innerText();
  for (const step of ["Raised", "Acknowledged", "Investigation recorded", "CAPA action added", "CAPA action closed",
    "CAPA completed", "Disposition recorded", "Closed with a signature"]) assert.ok(timeline.includes(step), step);
  assert.match(timeline, /quinn[\s\S]*why: Alice leads the investigation/, "who and why");
  assert.match(timeline, /meaning approval, reason Root cause found/);
  assert.deepEqual(await seriousViolations(qa, "#detail"), [], "axe-core on the detail");
  await screenshot(qa, "capa-closed");

  // The closed list shows the signature's meaning and reason.
  await qa.getByLabel("Status", { exact: true }).selectOption("closed");
  await qa.waitForFunction(() => document.querySelectorAll("#inbox tbody tr").length === 1);
  const closed = await rows().first().innerText();
  assert.match(closed, /✔ CLOSED[\s\S]*meaning: approval[\s\S]*reason: Root cause found, CAPA effective/);
  assert.deepEqual(qa.scriptErrors, []);
});

test("QA reopens a closed deviation with a reason; it goes back to investigation", TEST_TIMEOUT, async () => {
  await qa.getByLabel("Reason for reopening").fill("Second unlabelled shipment from the same unit");
  await qa.getByRole("button", { name: "Reopen" }).click();
  await detail().getByText("◐ INVESTIGATING (REOPENED)").first().waitFor();
  assert.match(await qa.locator("#detail-timeline").innerText(), /Reopened · quinn[\s\S]*why: Second unlabelled shipment/);
  assert.ok(await qa.getByRole("button", { name: "Record investigation" }).isVisible(), "the investigation is asked again");
  const quinn = await ward.api().logIn("quinn", PASSWORD);
  const [reopened] = (await quinn.get(`/api/v1/deviations?journey=${patients.mp.coi}`)).deviations;
  assert.equal(reopened.status, "investigating");
  const verify = await quinn.get("/api/v1/audit/verify");
  assert.equal(verify.intact, true, "every step is in the chain and it verifies");
  assert.deepEqual(qa.scriptErrors, []);
});
