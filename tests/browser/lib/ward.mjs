// The world the browser tests look at: one site ("ward", FIN A9999) with the test rules
// (tests/workflows/sites/test_eu.yaml), its people, an apheresis station and a label printer
// (file://, in the test's directory), all made through
// the CLI (the first administrator) and then the API, the way a site is set up for real.
// Besides the apheresis station AP-1, a cell lab bench (LAB-1) and a bedside (WARD-1), so that
// a test can walk a journey from its order to the infusion (record(), toStorage()).
// Every person has a badge and a PIN, and every event posted here carries its operators' sealed
// proofs (lib/proofs.mjs), sealed to the centre key the server is given.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomUUID } from "node:crypto";
import { celljourney, newCentreKey, newDataDir, Server } from "./server.mjs";
import { Api } from "./api.mjs";
import { PIN, badgeOf } from "./proofs.mjs";

export const PASSWORD = "correct horse battery";
const SOURCE = new URL("../../../", import.meta.url).pathname;
export const SITE = "ward";

// username -> [display name, role, products trained for]
const TRAINED = ["kymriah", "aucatzyl"];
const PEOPLE = {
  cora: ["Cora Coordinator", "coordinator", TRAINED],
  quinn: ["Quinn Quality", "qa", TRAINED],
  ann: ["Ann Apheresis", "apheresis", TRAINED],
  uma: ["Uma Untrained", "apheresis", []],
  alice: ["Alice Cell-Lab", "cell_lab", TRAINED],
  nina: ["Nina Nurse", "clinical", TRAINED],
  paul: ["Paul Physician", "physician", TRAINED],
};
const STATIONS = { "AP-1": "Apheresis unit", "LAB-1": "Cell lab bench", "WARD-1": "Ward bedside" };

export class Ward {
  /** Makes the site and its administrator, starts the server, adds rules, people, a station. */
  static async open() {
    const ward = new Ward();
    ward.dataDir = newDataDir();
    const db = ["--data-dir", ward.dataDir];
    await celljourney(["site", "add", "--code", SITE, "--name", "City Hospital ward", "--fin", "A9999", ...db]);
    await celljourney(["user", "add", "admin", "--name", "Ada Admin", "--role", `admin@${SITE}`, "--password-stdin", ...db],
      { stdin: PASSWORD + "\n" });
    // Label printers that write what they are sent to a file: the real file:// adapter. Two, so
    // that the print form's list offers a choice (AP-LASER comes first in it).
    ward.printerFile = join(dirname(ward.dataDir), "labels.zpl");
    ward.otherPrinterFile = join(dirname(ward.dataDir), "laser.pdf");
    await celljourney(["printer", "add", "--site", SITE, "--name", "AP-ZEBRA-1", "--uri", "file://" + ward.printerFile, ...db]);
    await celljourney(["printer", "add", "--site", SITE, "--name", "AP-LASER", "--uri", "file://" + ward.otherPrinterFile,
      "--format", "pdf", ...db]);
    const centreKey = await newCentreKey(ward.dataDir, "City Hospital");
    ward.server = await Server.start(ward.dataDir,
      { extraArgs: ["--sweep-interval", "0", "--no-demo", "--centre-key-file", centreKey] });
    const admin = await ward.api().logIn("admin", PASSWORD);
    await admin.put(`/api/v1/sites/${SITE}/rules`, { yaml: readFileSync(SOURCE + "tests/workflows/sites/test_eu.yaml", "utf8") });
    // The ward's clocks are Zurich's: the zone the clock tests' PCs are set to (board.md "Times").
    await admin.put(`/api/v1/sites/${SITE}/settings`, { time_zone: "Europe/Zurich" });
    for (const [username, [displayName, role, trained]] of Object.entries(PEOPLE)) {
      await admin.post("/api/v1/users", { username, display_name: displayName, password: PASSWORD, roles: [{ site: SITE, role }] });
      await admin.send("PUT", `/api/v1/users/${username}/badge`, { badge: badgeOf(username) }, [204]);
      await admin.send("PUT", `/api/v1/users/${username}/pin`, { pin: PIN }, [204]);
      for (const qualification of trained) {
        await admin.post(`/api/v1/users/${username}/qualifications`, { qualification, valid_from: "2026-01-01" });
      }
    }
    ward.stationKeys = {};
    for (const [code, name] of Object.entries(STATIONS)) {
      ward.stationKeys[code] = (await admin.post("/api/v1/stations", { code, site: SITE, name })).key;
    }
    ward.stationKey = ward.stationKeys["AP-1"];
    ward.coordinator = await ward.api().logIn("cora", PASSWORD);
    ward.people = { cora: ward.coordinator };
    return ward;
  }

  api() { return new Api(this.server.url); }
  station(code = "AP-1") { return this.api().asStation(this.stationKeys[code]); }

  /** The API as one of the site's people (logged in once). */
  async as(username) {
    if (!this.people[username]) this.people[username] = await this.api().logIn(username, PASSWORD);
    return this.people[username];
  }

  /** A journey of `product` with its units registered ({kind, din | id, product_code, dose,
   *  colour, expires_at}); no event yet. Its COI. */
  async newProductJourney(product, { mrn, initials }, units) {
    const journey = await this.coordinator.post("/api/v1/journeys", { site: SITE, product, patient: { mrn, initials } });
    for (const unit of units) await this.coordinator.post(`/api/v1/journeys/${journey.coi}/units`, unit);
    return journey.coi;
  }

  /** Records one step, `minutes` ago: scanned at `station` when given, else entered at a desk by
   *  the first operator; with an idempotency key (which the operators' proofs name) and their
   *  proofs. Rejects unless it is accepted. */
  async record(coi, step, minutes, { operators, station, scans = [], data = {} }) {
    const event = { journey: coi, step, occurred_at: minutesAgo(minutes), operators, scans, data, idempotency_key: randomUUID() };
    const answer = station
      ? await this.station(station).sendEvent("/api/v1/scans", { ...event, station }, [200, 422])
      : await (await this.as(operators[0])).sendEvent(`/api/v1/journeys/${coi}/events`, event, [200, 422]);
    if (answer.status !== 200) throw new Error(`${step} refused: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Walks a journey whose units are registered from its order to every bag stored, the
   *  steps one minute apart ending `minutes` ago. patient: {mrn, din (apheresis bag), shipper,
   *  bags: [DIN]}. Each bag is scanned with its product code S1194A00. */
  async toStorage(coi, { mrn, din, shipper, bags }, minutes) {
    const bagScans = (bagDin) => ["=" + bagDin + "00", "=<S1194A00"];
    const steps = [
      ["order", { operators: ["cora"], data: { order_reference: "PO-" + mrn } }],
      ["apheresis.collect", { operators: ["ann"], station: "AP-1", scans: ["=" + din + "00", "&#0008" + mrn], data: { volume_ml: 250 } }],
      ["apheresis.label", { operators: ["ann"], station: "AP-1", scans: ["=" + din + "00", "&/" + coi] }],
      ["apheresis.ship", { operators: ["ann"], station: "AP-1", scans: ["=" + din + "00"], data: { shipper_id: "AS-" + mrn } }],
      ["manufacturing.receive", { operators: ["cora"], data: { logger_readings_c: [4.1, 5.0, 6.2] } }],
      ["manufacturing.release", { operators: ["cora"], data: { out_of_specification: false, certificate: "RFIC-" + mrn } }],
      ["product.ship", { operators: ["cora"], data: { shipper_id: shipper } }],
      ["product.receive", { operators: ["alice"], station: "LAB-1", scans: [shipper], data: {
        logger_readings_c: [-185.0, -180.5],
        checklist: { shipper_intact: true, tamper_seal_matches: true, logger_no_alarm: true } } }],
      ...bags.map((bagDin, i) => ["product.store", { operators: ["alice"], station: "LAB-1", scans: bagScans(bagDin),
        data: { location: `LN2-1/R2/B${i + 1}`, temperature_c: -180.0 } }]),
    ];
    let at = minutes + steps.length - 1;
    for (const [step, event] of steps) await this.record(coi, step, at--, event);
  }

  /** Scans of a bag of DIN din: its DIN (flag 00) and its product code. */
  static bag(din) { return ["=" + din + "00", "=<S1194A00"]; }

  /** A Kymriah journey with its apheresis bag registered and its order recorded; its COI. */
  async newJourney(mrn, initials, din) {
    const journey = await this.coordinator.post("/api/v1/journeys",
      { site: SITE, product: "kymriah", patient: { mrn, initials } });
    // Product code S1194100 (ISBT 128 [003]): what the bag's label prints as its product.
    await this.coordinator.post(`/api/v1/journeys/${journey.coi}/units`, { kind: "apheresis_bag", din, product_code: "S1194100" });
    await this.coordinator.sendEvent("/api/v1/scans", {
      journey: journey.coi, step: "order", occurred_at: minutesAgo(60), station: "AP-1", operators: ["cora"],
      scans: [], data: { order_reference: "PO-" + mrn }, idempotency_key: randomUUID(),
    });
    return journey.coi;
  }

  /** The apheresis station scans the bag and the wristband (ISBT 128 Patient Identification
   *  Number: MRN of 8 characters) at collection end. */
  collect(coi, { mrn, din, operator = "ann" }) {
    return this.station().sendEvent("/api/v1/scans", {
      journey: coi, step: "apheresis.collect", occurred_at: minutesAgo(1), station: "AP-1", operators: [operator],
      scans: ["=" + din + "00", "&#0008" + mrn], data: { volume_ml: 250 }, idempotency_key: randomUUID(),
    }, [200]);
  }

  /** The station ships the bag before its label was scanned: accepted, with an OUT_OF_ORDER deviation. */
  shipUnlabelled(coi, { din }) {
    return this.station().sendEvent("/api/v1/scans", {
      journey: coi, step: "apheresis.ship", occurred_at: minutesAgo(0), station: "AP-1", operators: ["ann"],
      scans: ["=" + din + "00"], data: { shipper_id: "AS-" + din.slice(-3) }, idempotency_key: randomUUID(),
    }, [200]);
  }

  async close() { if (this.server) await this.server.stop(); }
}

export function minutesAgo(minutes) {
  return new Date(Date.now() - minutes * 60000).toISOString().replace(/\.\d+Z$/, "Z");
}
