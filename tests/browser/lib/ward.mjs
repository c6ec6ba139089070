// The world the browser tests look at: one site ("ward", FIN A9999) with the test rules
// (tests/workflows/sites/test_eu.yaml), its people, an apheresis station and a label printer
// (file://, in the test's directory), all made through
// the CLI (the first administrator) and then the API, the way a site is set up for real.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomUUID } from "node:crypto";
import { celljourney, newDataDir, Server } from "./server.mjs";
import { Api } from "./api.mjs";

export const PASSWORD = "correct horse battery";
const SOURCE = new URL("../../../", import.meta.url).pathname;
export const SITE = "ward";

// username -> [display name, role, trained for Kymriah]
const PEOPLE = {
  cora: ["Cora Coordinator", "coordinator", true],
  quinn: ["Quinn Quality", "qa", true],
  ann: ["Ann Apheresis", "apheresis", true],
  uma: ["Uma Untrained", "apheresis", false],
};

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
    ward.server = await Server.start(ward.dataDir, { extraArgs: ["--sweep-interval", "0", "--no-demo"] });
    const admin = await ward.api().logIn("admin", PASSWORD);
    await admin.put(`/api/v1/sites/${SITE}/rules`, { yaml: readFileSync(SOURCE + "tests/workflows/sites/test_eu.yaml", "utf8") });
    for (const [username, [displayName, role, trained]] of Object.entries(PEOPLE)) {
      await admin.post("/api/v1/users", { username, display_name: displayName, password: PASSWORD, roles: [{ site: SITE, role }] });
      if (trained) {
        await admin.post(`/api/v1/users/${username}/qualifications`, { qualification: "kymriah", valid_from: "2026-01-01" });
      }
    }
    ward.stationKey = (await admin.post("/api/v1/stations", { code: "AP-1", site: SITE, name: "Apheresis unit" })).key;
    ward.coordinator = await ward.api().logIn("cora", PASSWORD);
    return ward;
  }

  api() { return new Api(this.server.url); }
  station() { return this.api().asStation(this.stationKey); }

  /** A Kymriah journey with its apheresis bag registered and its order recorded; its COI. */
  async newJourney(mrn, initials, din) {
    const journey = await this.coordinator.post("/api/v1/journeys",
      { site: SITE, product: "kymriah", patient: { mrn, initials } });
    // Product code S1194100 (ISBT 128 [003]): what the bag's label prints as its product.
    await this.coordinator.post(`/api/v1/journeys/${journey.coi}/units`, { kind: "apheresis_bag", din, product_code: "S1194100" });
    await this.coordinator.post("/api/v1/scans", {
      journey: journey.coi, step: "order", occurred_at: minutesAgo(60), station: "AP-1", operators: ["cora"],
      scans: [], data: { order_reference: "PO-" + mrn }, idempotency_key: randomUUID(),
    });
    return journey.coi;
  }

  /** The apheresis station scans the bag and the wristband (ISBT 128 Patient Identification
   *  Number: MRN of 8 characters) at collection end. */
  collect(coi, { mrn, din, operator = "ann" }) {
    return this.station().send("POST", "/api/v1/scans", {
      journey: coi, step: "apheresis.collect", occurred_at: minutesAgo(1), station: "AP-1", operators: [operator],
      scans: ["=" + din + "00", "&#0008" + mrn], data: { volume_ml: 250 }, idempotency_key: randomUUID(),
    }, [200]);
  }

  /** The station ships the bag before its label was scanned: accepted, with an OUT_OF_ORDER deviation. */
  shipUnlabelled(coi, { din }) {
    return this.station().send("POST", "/api/v1/scans", {
      journey: coi, step: "apheresis.ship", occurred_at: minutesAgo(0), station: "AP-1", operators: ["ann"],
      scans: ["=" + din + "00"], data: { shipper_id: "AS-" + din.slice(-3) }, idempotency_key: randomUUID(),
    }, [200]);
  }

  async close() { if (this.server) await this.server.stop(); }
}

export function minutesAgo(minutes) {
  return new Date(Date.now() - minutes * 60000).toISOString().replace(/\.\d+Z$/, "Z");
}
