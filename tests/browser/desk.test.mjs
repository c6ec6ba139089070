// The desk in a real browser at a ward PC's 1024x768 (docs/board.md, "At the desk"): a
// coordinator creates a journey with the manufacturer's identifiers and gets its COI and labels
// at once; units are registered from a keyboard-wedge scanner's typing (Enter, GS); a cell lab
// technologist records the shipper's receipt with its checklist (a NO with its reason); a nurse
// records the two-person bedside check with a witness who signs in with their own badge and PIN
// (herself as witness refused); the coordinator plans its infusion and the site's week shows it;
// the board shows the journey. Every page: axe-core finds no
// serious or critical violation, and nothing scrolls sideways. Debian's chromium against a real
// `celljourney serve` on its own PostgreSQL; run by ctest (tests/CMakeLists.txt).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ward, PASSWORD, minutesAgo } from "./lib/ward.mjs";
import { join } from "node:path";
import { launch, newPage, screenshot, logInThrough, SCREENSHOT_DIR } from "./lib/browser.mjs";
import { PIN, badgeOf } from "./lib/proofs.mjs";

const TEST_TIMEOUT = { timeout: 90000 };
const WARD_PC = { width: 1024, height: 768 };
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const patient = { mrn: "MRN30001", initials: "J.D.", order: "NVS-ORD-30001", apheresisDin: "A999926300001",
  bags: ["A999926300002", "A999926300003"], shipper: "PS-30001" };
let ward, browser, cora;  // cora: the coordinator's tab, kept open across tests

const watchdog = setTimeout(async () => {
  console.error("desk browser tests: watchdog fired after 6 minutes; stopping");
  if (ward) await ward.close();
  process.exit(1);
}, 360000);
watchdog.unref();

before(async () => {
  ward = await Ward.open();
  browser = await launch();
}, { timeout: 120000 });

after(async () => {
  if (browser) await browser.close();
  if (ward) await ward.close();
});

/** No serious or critical axe-core violation on what the page shows now. */
async function assertAccessible(page, what) {
  await page.evaluate(AXE);  // through the DevTools protocol: the page's CSP allows only its own scripts
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
  assert.deepEqual(found, [], `axe-core on ${what}`);
}

/** A screenshot of one panel of the page (for docs/board.md), besides the whole page's. */
async function panelShot(page, selector, name) {
  await screenshot(page, name + "-page");
  await page.locator(selector).screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

async function assertNoSidewaysScroll(page, what) {
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    `no horizontal scrolling at 1024 px: ${what}`);
}

/** The keyboard check character of a 13-character DIN (ISO/IEC 7064 MOD 37-2, docs/isbt128.md). */
function checkCharacter(din) {
  const value = (c) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  let p = 0;
  for (const c of din) p = ((p + value(c)) * 2) % 37;
  return "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*"[(38 - p) % 37];
}

/** Types one read into the focused scan field as a wedge does: the characters, then Enter. */
async function wedge(page, text) {
  await page.keyboard.type(text);
  await page.keyboard.press("Enter");
}

async function units(coi) {
  return (await ward.coordinator.get("/api/v1/journeys/" + coi)).units.map((u) => u.key);
}

async function deskTab(username) {
  const page = await newPage(browser, WARD_PC);
  await logInThrough(page, `${ward.server.url}/journey.html?coi=${patient.coi}`, username, PASSWORD);
  await page.locator("#record-section fieldset.steps").waitFor();
  return page;
}

async function chooseStep(page, title) {
  await page.getByRole("radio", { name: title }).check();
  await page.locator("#record-form").waitFor();
}

test("a coordinator creates a journey with the manufacturer's identifiers and gets its COI and labels at once", TEST_TIMEOUT, async () => {
  cora = await newPage(browser, WARD_PC);
  await logInThrough(cora, ward.server.url + "/enrol.html", "cora", PASSWORD);
  await cora.getByLabel("Product — required").selectOption("kymriah");
  await cora.getByLabel("Novartis order or enrolment ID").waitFor();
  await assertAccessible(cora, "the new-journey form");
  await assertNoSidewaysScroll(cora, "the new-journey form");

  await cora.getByLabel("Medical record number (MRN) — required").fill(patient.mrn);
  await cora.getByLabel("Medical record number (MRN) — required").press("Enter");  // a wedge's Enter after the MRN
  await cora.getByLabel("Initials — required").fill(patient.initials);
  await cora.getByLabel("Date of birth").fill("1961-04-30");
  await cora.getByLabel("Treating physician").fill("Dr. Paula Physician");
  await cora.getByLabel("Novartis order or enrolment ID").fill(patient.order);
  await cora.getByLabel("Novartis chain of identity ID").fill("CCI-30001");
  await cora.getByLabel("Batch or lot number").press("Enter");
  assert.equal((await ward.coordinator.get("/api/v1/journeys")).journeys.length, 0, "Enter created nothing");
  await screenshot(cora, "desk-new-journey");

  await cora.getByRole("button", { name: "Create the journey" }).click();
  await cora.locator("#created").waitFor();
  patient.coi = await cora.locator("#created-coi").innerText();
  assert.match(patient.coi, /^CHA9999\d\d[0-9A-Z]{6}$/);
  const facts = await cora.locator("#created-facts").innerText();
  for (const text of [patient.order, "CCI-30001", "Dr. Paula Physician", "MRN30001"]) assert.ok(facts.includes(text), text);

  // The labels at once: register the apheresis bag here, and its label panel appears.
  await cora.getByLabel("Scan or type the unit's label").focus();
  await wedge(cora, "=" + patient.apheresisDin + "00");
  await wedge(cora, "=<S1194100");
  await cora.getByText("product code S1194100", { exact: false }).first().waitFor();
  await cora.getByRole("button", { name: "Register 1 unit" }).click();
  await cora.locator("#created-labels .panel").first().waitFor();
  // Offered at once; the bag's label carries its collection time, so the server says what it still needs.
  await cora.locator("#created-labels").getByRole("button", { name: "Show label" }).click();
  await cora.locator("#created-labels").getByText(/The apheresis-bag label needs collected/).waitFor();
  assert.ok(await cora.locator("#created-labels").getByRole("button", { name: "Print" }).isVisible());
  await assertAccessible(cora, "the created journey with its labels");
  await assertNoSidewaysScroll(cora, "the created journey");
  await screenshot(cora, "desk-journey-created");
  assert.deepEqual(cora.scriptErrors, []);
});

test("units come from a wedge's typing: Enter lists, GS joins two symbols, a wrong check character is shown at once", TEST_TIMEOUT, async () => {
  await cora.goto(`${ward.server.url}/journey.html?coi=${patient.coi}`);
  const panel = cora.locator("#register-section");
  await panel.waitFor();
  await panel.getByLabel("Kind of the next unit").selectOption("bag");
  const scan = panel.getByLabel("Scan or type the unit's label");
  await scan.focus();
  const feedback = panel.locator("#reg-scan-feedback");

  // A DIN and its product code as one read, the wedge's GS between them (as a character, then as Ctrl+]).
  await cora.keyboard.type("=" + patient.bags[0] + "00");
  await cora.keyboard.insertText("\x1d");
  await wedge(cora, "=<S1194A00");
  await feedback.getByText(`Read DIN ${patient.bags[0]} + product code S1194A00`).waitFor();
  await cora.keyboard.type("=" + patient.bags[1] + "00");
  await cora.keyboard.press("Control+]");
  await wedge(cora, "=<S1194A00");
  await feedback.getByText(`Read DIN ${patient.bags[1]} + product code S1194A00`).waitFor();

  // A DIN typed by hand with a wrong check character, and a cut-off scan: refused on the spot, with what to do.
  const typed = "A999926300009";
  const right = checkCharacter(typed);
  const wrong = right === "A" ? "B" : "A";
  await wedge(cora, `A9999 26 300009 ${wrong}`);
  await feedback.getByText(/Not taken \(CHECK_FAILED\).*type it again from the label/i).waitFor();
  await wedge(cora, "=A9999263000");
  await feedback.getByText(/Not taken \(WRONG_LENGTH\)/).waitFor();
  assert.equal(await feedback.getByRole("paragraph").getAttribute("class"), "error");
  await wedge(cora, `A9999 26 300009 ${right}`);
  await feedback.getByText(`Read DIN ${typed} (typed, check character correct)`).waitFor();
  await panel.getByRole("button", { name: `Remove Final product bag DIN ${typed} · no product code yet` }).click();

  await panel.getByLabel("Kind of the next unit").selectOption("shipper");
  await scan.focus();
  await wedge(cora, patient.shipper);
  await panel.getByText(`Shipper ${patient.shipper}`).waitFor();
  assert.deepEqual(await units(patient.coi), [patient.apheresisDin + "/S1194100"], "Enter registered nothing");
  await assertAccessible(cora, "the register-units panel with its list");
  await assertNoSidewaysScroll(cora, "the journey page");
  await panelShot(cora, "#register-section", "desk-register-units");

  await panel.getByRole("button", { name: "Register 3 units" }).click();
  await panel.getByText("3 units registered.").waitFor();
  assert.deepEqual((await units(patient.coi)).sort(),
    [patient.apheresisDin + "/S1194100", ...patient.bags.map((d) => d + "/S1194A00"), patient.shipper].sort());
  assert.deepEqual(cora.scriptErrors, []);
});

test("the coordinator records the manufacturer's receipt at the desk", TEST_TIMEOUT, async () => {
  const din = patient.apheresisDin;
  await ward.record(patient.coi, "order", 60, { operators: ["cora"], data: { order_reference: patient.order } });
  await ward.record(patient.coi, "apheresis.collect", 59, { operators: ["ann"], station: "AP-1",
    scans: ["=" + din + "00", "&#0008" + patient.mrn], data: { volume_ml: 250 } });
  await ward.record(patient.coi, "apheresis.label", 58, { operators: ["ann"], station: "AP-1", scans: ["=" + din + "00", "&/" + patient.coi] });
  await ward.record(patient.coi, "apheresis.ship", 57, { operators: ["ann"], station: "AP-1", scans: ["=" + din + "00"],
    data: { shipper_id: "AS-30001" } });
  await cora.reload();
  await cora.locator("#record-section fieldset.steps").waitFor();
  // Collected: the bag's label the new-journey page offered now renders.
  await cora.locator("#units").getByRole("button", { name: "Show label" }).first().click();
  await cora.locator("#units img.label").waitFor();
  await chooseStep(cora, "Manufacturer confirms receipt of the starting material");
  await cora.getByLabel("Shipper logger readings (°C)").fill("4.1, 5.0, 6.2");
  await cora.getByRole("button", { name: "Review before sending" }).click();
  await cora.locator("#rec-summary").getByText("4.1, 5, 6.2 °C").waitFor();
  await cora.getByRole("button", { name: "Send" }).click();
  await cora.locator("#rec-answer").getByText(/✔ Recorded: manufacturing\.receive/).waitFor();
  assert.deepEqual(cora.scriptErrors, []);
});

test("a receipt's checklist NO needs its reason, and is recorded with a deviation for QA", TEST_TIMEOUT, async () => {
  await ward.record(patient.coi, "manufacturing.release", 0, { operators: ["cora"],
    data: { out_of_specification: false, certificate: "RFIC-30001" } });
  await ward.record(patient.coi, "product.ship", 0, { operators: ["cora"], data: { shipper_id: patient.shipper } });
  const alice = await deskTab("alice");
  await chooseStep(alice, "Shipper received in the cell lab, temperature log and seals checked");
  await alice.getByLabel("Scan the labels this step needs").focus();
  await wedge(alice, patient.shipper);
  await alice.locator("#rec-scans").getByText(`label ${patient.shipper}`).waitFor();
  await alice.getByLabel("Shipper logger readings (°C)").fill("-185, -180.5");
  const question = (text) => alice.getByRole("group", { name: text });
  await question("Is the shipper case intact and secured?").getByLabel("Yes", { exact: true }).check();
  await question("Is the tamper seal in place, and does its number match the air waybill?").getByLabel("No", { exact: true }).check();
  await question("Does the temperature logger show no out-of-range alarm?").getByLabel("Yes", { exact: true }).check();

  await alice.getByRole("button", { name: "Review before sending" }).click();
  await alice.locator("#rec-errors").getByText(/Say why the answer is NO: Is the tamper seal/).waitFor();
  const reason = question("Is the tamper seal in place, and does its number match the air waybill?").getByLabel("Reason for NO — required");
  assert.equal(await reason.getAttribute("aria-invalid"), "true");
  assert.ok(await alice.evaluate(() => document.activeElement.id === "rec-q-tamper_seal_matches-reason"), "the reason has the focus");
  await reason.fill("Seal number 44120 differs from the air waybill's 44210");
  await alice.getByRole("button", { name: "Review before sending" }).click();
  const summary = alice.locator("#rec-summary");
  await summary.getByText("NO — reason: Seal number 44120 differs from the air waybill's 44210").waitFor();
  await assertAccessible(alice, "the record-a-step summary");
  await panelShot(alice, "#record-section", "desk-receipt-summary");

  await alice.getByRole("button", { name: "Send" }).click();
  const answer = alice.locator("#rec-answer");
  await answer.getByText(/✔ Recorded: product\.receive/).waitFor();
  assert.match(await answer.innerText(), /▲ Recorded with deviations/);
  const events = (await ward.coordinator.get("/api/v1/journeys/" + patient.coi)).events;
  const receipt = events.find((e) => e.step === "product.receive");
  assert.deepEqual(receipt.operators, ["alice"]);
  assert.deepEqual(receipt.data.checklist.tamper_seal_matches,
    { answer: false, reason: "Seal number 44120 differs from the air waybill's 44210" });
  assert.equal(receipt.station, null, "entered at a desk");
  await assertAccessible(alice, "the recorded answer");
  await assertNoSidewaysScroll(alice, "the journey page with the answer");
  await panelShot(alice, "#record-section", "desk-receipt-recorded");
  assert.deepEqual(alice.scriptErrors, []);
});

test("the coordinator plans the journey's infusion on its page, and the site's week shows it that day", TEST_TIMEOUT, async () => {
  // Two days ahead: the same date in the site's zone (Zurich) and in UTC whatever the hour.
  const day = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
  await cora.goto(`${ward.server.url}/journey.html?coi=${patient.coi}`);
  const panel = cora.locator("#plan");
  await panel.locator("#plan-form").waitFor();
  await panel.getByLabel("Planned infusion: start").fill(`${day}T09:00`);
  await panel.getByRole("button", { name: "Save the plan" }).click();
  await panel.getByText(/Version 1 by cora/).waitFor();
  const plan = await ward.coordinator.get(`/api/v1/journeys/${patient.coi}/plan`);
  assert.deepEqual(plan.items.map((i) => i.kind), ["infusion"]);
  const zurich = new Date(plan.items[0].start).toLocaleString("sv-SE", { timeZone: "Europe/Zurich" });
  assert.equal(zurich.slice(0, 16), `${day} 09:00`, "the time typed is the site's (Zurich), kept in UTC");

  await cora.goto(`${ward.server.url}/week.html?site=ward&start=${day}`);
  const item = cora.locator(`section.day:has(h3#day-${day}) li[data-kind=infusion][data-coi="${patient.coi}"]`);
  await item.waitFor();
  assert.match(await item.innerText(), /Infusion.*09:00.*J\.D\./s);
  await assertAccessible(cora, "the week with the journey's infusion");
  await assertNoSidewaysScroll(cora, "the week");
  assert.deepEqual(cora.scriptErrors, []);
});

test("a two-person step needs a witness signed in with their own badge and PIN; the nurse as her own witness is refused", TEST_TIMEOUT, async () => {
  const bag = patient.bags[0];
  await ward.record(patient.coi, "product.store", 0, { operators: ["alice"], station: "LAB-1", scans: Ward.bag(bag),
    data: { location: "LN2-1/R2/B1", temperature_c: -180.0 } });
  await ward.record(patient.coi, "product.thaw", 0, { operators: ["alice"], station: "LAB-1", scans: Ward.bag(bag) });
  await ward.record(patient.coi, "product.thaw_complete", 0, { operators: ["alice"], station: "LAB-1", scans: Ward.bag(bag) });
  const nina = await deskTab("nina");

  async function bedsideCheck(witness) {
    await chooseStep(nina, "Bedside two-person identity check (wristband + bag)");
    await nina.getByLabel("Scan the labels this step needs").focus();
    for (const read of ["&/" + patient.coi, "&#0008" + patient.mrn, "=" + bag + "00", "=<S1194A00"]) {
      await wedge(nina, read);
      await nina.locator("#rec-scan-feedback .notice").waitFor();
    }
    await nina.locator("#rec-scans li").nth(3).waitFor();
    await nina.getByLabel(/Tocilizumab doses available/).fill("2");
    await nina.getByLabel("Sign in by").selectOption(witness.by);
    await nina.getByLabel("Witness badge or user name").fill(witness.text);
    await nina.getByLabel("Witness PIN").fill(PIN);
    await nina.getByLabel("Witness PIN").press("Enter");  // signs the witness in; sends nothing
    await nina.locator("#wit-status").getByText(/Witness: /).waitFor();
    await nina.getByRole("button", { name: "Review before sending" }).click();
    await nina.getByRole("button", { name: "Send" }).click();
    return nina.locator("#rec-answer");
  }

  const refused = await bedsideCheck({ by: "username", text: "nina" });
  await refused.getByText(/✖ REFUSED/).waitFor();
  const text = await refused.innerText();
  assert.match(text, /WITNESS_NOT_DISTINCT/);
  assert.match(text, /What to do: .*second colleague/);
  await assertAccessible(nina, "a refused step with what to do");
  await panelShot(nina, "#record-section", "desk-witness-refused");

  await nina.getByRole("button", { name: "Start again" }).click();
  const accepted = await bedsideCheck({ by: "badge", text: badgeOf("paul") });
  await accepted.getByText(/✔ Recorded: infusion\.verify/).waitFor();
  const verify = (await ward.coordinator.get("/api/v1/journeys/" + patient.coi)).events
    .filter((e) => e.step === "infusion.verify");
  assert.deepEqual(verify.map((e) => e.decision.decision), ["refused", "accepted"]);
  assert.deepEqual(verify[1].operators, ["nina", "paul"]);
  await assertNoSidewaysScroll(nina, "the journey page after the bedside check");
  await panelShot(nina, "#record-section", "desk-witness-recorded");
  assert.deepEqual(nina.scriptErrors, []);
});

test("the coordinator gives the batch once known, and changes the order id only with a reason, the old value kept", TEST_TIMEOUT, async () => {
  await cora.goto(`${ward.server.url}/journey.html?coi=${patient.coi}`);
  const panel = cora.locator("#identifiers-section");
  await panel.locator("#identifiers-table").waitFor();
  await panel.getByLabel("Identifier", { exact: true }).selectOption("batch");
  await panel.getByLabel("New value").fill("LOT-30001");
  await panel.getByRole("button", { name: "Save" }).click();
  await panel.locator('#identifiers-table tr[data-kind="batch"]').getByText("LOT-30001").waitFor();

  await panel.getByLabel("Identifier", { exact: true }).selectOption("order_id");
  await panel.getByLabel("New value").fill("NVS-ORD-30011");
  await panel.getByRole("button", { name: "Save" }).click();
  await panel.getByRole("alert").getByText(/say why it changes/).waitFor();
  assert.ok(await cora.evaluate(() => document.activeElement.id === "mid-reason"), "the reason has the focus");
  await panel.getByLabel("Reason (when it changes)").fill("Order re-issued by Novartis after a slot change");
  await panel.getByRole("button", { name: "Save" }).click();
  await panel.locator('#identifiers-table tr[data-kind="order_id"]').getByText("NVS-ORD-30011").waitFor();
  const shown = (await ward.coordinator.get("/api/v1/journeys/" + patient.coi)).identifiers;
  assert.deepEqual(shown.map((m) => [m.kind, m.value]),
    [["order_id", "NVS-ORD-30011"], ["manufacturer_coi", "CCI-30001"], ["batch", "LOT-30001"]]);
  assert.equal(shown[0].reason, "Order re-issued by Novartis after a slot change");
  patient.order = "NVS-ORD-30011";
  await assertAccessible(cora, "the identifiers panel");
  assert.deepEqual(cora.scriptErrors, []);
});

test("the board shows the new journey, and the API finds it by the manufacturer's order id", TEST_TIMEOUT, async () => {
  await cora.goto(ward.server.url + "/");
  await cora.locator(`#board tbody tr[data-coi="${patient.coi}"]`).waitFor();
  assert.ok(await cora.getByRole("link", { name: "New journey" }).isVisible(), "the header links to the desk");
  const found = await ward.coordinator.get("/api/v1/board?identifier=" + encodeURIComponent(patient.order));
  assert.deepEqual(found.journeys.map((j) => j.coi), [patient.coi]);
  assert.deepEqual(cora.scriptErrors, []);
});
