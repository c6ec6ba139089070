#!/usr/bin/env python3
# Regenerates tests/workflows/contexts/*.json and scenarios/*.jsonl (the test data of the workflows
# engine). The generated files are the specification; edit this script, run it, review the diff.
# Usage: python3 tests/workflows/make_scenarios.py
import os
HERE = os.path.dirname(os.path.abspath(__file__))
import json
OUT = os.path.join(HERE, 'contexts')
TRAININGS = ["kymriah","yescarta","tecartus","breyanzi","abecma","carvykti","aucatzyl","hpc_apheresis"]
def trained(roles):
    return {"roles": roles, "qualifications": [{"name": t, "valid_from": "2026-01-01", "valid_until": "2027-12-31"} for t in TRAININGS]}
operators = {
  "cora": trained(["coordinator"]),
  "ann": trained(["apheresis"]),
  "alice": trained(["cell_lab"]),
  "bob": trained(["cell_lab"]),
  "nina": trained(["clinical"]),
  "paul": trained(["physician"]),
  "quinn": trained(["qa"]),
  "uma": {"roles": ["cell_lab"], "qualifications": [{"name": t, "valid_from": "2025-01-01", "valid_until": "2026-06-30"} for t in TRAININGS]},
}
def units(kind_main="bag", extra=()):
    u = [{"kind": "apheresis_bag", "din": "A999926100001"},
         {"kind": "shipper", "id": "SHIP-0001"}]
    u += list(extra)
    return u
bag = {"kind": "bag", "din": "A999926123456", "product_code": "S1194A00", "expires_at": "2027-06-01"}
bag2 = {"kind": "bag", "din": "A999926123457", "product_code": "S1194A00", "expires_at": "2027-06-01"}
cassette = {"kind": "cassette", "id": "CAS-0001"}
ctx = {
  "kymriah": units(extra=[bag, bag2]),
  "yescarta": units(extra=[bag, cassette]),
  "tecartus": units(extra=[bag]),
  "breyanzi": units(extra=[{"kind": "vial", "din": "A999926123458", "product_code": "S1194A00", "expires_at": "2027-06-01"},
                           {"kind": "carton", "id": "CTN-0001"}, {"kind": "rfic", "id": "RFIC-0001"}]),
  "abecma": units(extra=[bag, cassette]),
  "carvykti": units(extra=[bag, cassette]),
  "aucatzyl": units(extra=[
      {"kind": "bag", "din": "A999926123461", "product_code": "S1194A00", "expires_at": "2027-06-01", "dose": 1, "colour": "blue"},
      {"kind": "bag", "din": "A999926123462", "product_code": "S1194A00", "expires_at": "2027-06-01", "dose": 1, "colour": "orange"},
      {"kind": "bag", "din": "A999926123463", "product_code": "S1194A00", "expires_at": "2027-06-01", "dose": 2, "colour": "red"}]),
  "hpc_apheresis": units(extra=[bag]),
  # One DIN, two divisions (product codes S1194AA0 and S1194AB0): two bags.
  "kymriah_divided": units(extra=[dict(bag, product_code="S1194AA0"), dict(bag, product_code="S1194AB0")]),
}
for name, u in ctx.items():
    doc = {"journey": {"coi": "CHA99992600001A", "wristband": "MRN12345", "units": u}, "operators": operators}
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
print("ok")
import copy
OUT = os.path.join(HERE, 'scenarios')
COI = "&/CHA99992600001A"
WRIST = "&#0008MRN12345"
APH = "=A99992610000100"
PC = "=<S1194A00"
def din(d): return "=" + d + "00"
BAGS = {
  "kymriah": ["A999926123456", "A999926123457"],
  "yescarta": ["A999926123456"], "tecartus": ["A999926123456"], "abecma": ["A999926123456"],
  "carvykti": ["A999926123456"], "hpc_apheresis": ["A999926123456"], "breyanzi": ["A999926123458"],
  "aucatzyl": ["A999926123461", "A999926123462", "A999926123463"],
}
EXTRA_VERIFY = {"yescarta": ["CAS-0001"], "abecma": ["CAS-0001"], "carvykti": ["CAS-0001"], "breyanzi": ["CTN-0001", "RFIC-0001"]}
PREMED = {"kymriah", "tecartus", "abecma", "carvykti"}
THAW_COMPLETE = {"kymriah", "tecartus", "carvykti"}
RECEIVE_EXTRA_CHECKS = {"carvykti": ["cassette_ambient_under_3_min", "cassette_rack_seal", "bag_cassette_label_ok"]}
CORE_CHECKS = ["shipper_intact", "tamper_seal_matches", "logger_no_alarm"]

def ev(step, at, ops, scans=(), data=None, **expect):
    e = {"journey": "CHA99992600001A", "step": step, "occurred_at": at, "station": "ST-1",
         "operators": list(ops), "scans": list(scans), "data": data or {}}
    x = {"decision": expect.get("decision", "accepted"),
         "refusals": expect.get("refusals", []), "deviations": expect.get("deviations", [])}
    if "next" in expect: x["next"] = expect["next"]
    e["expect"] = x
    return e

def checklist(product, no=None, reason="dented corner"):
    c = {q: True for q in CORE_CHECKS + RECEIVE_EXTRA_CHECKS.get(product, [])}
    if no: c[no] = {"answer": False, "reason": reason} if reason else {"answer": False}
    return c

def upstream(p):
    """Order to product.store of every bag: all accepted, no deviation."""
    receive_ops = ["alice", "bob"] if p == "carvykti" else ["alice"]
    evs = [
      ev("order", "2026-10-01T09:00:00Z", ["cora"], data={"order_reference": "PO-1"}),
      ev("apheresis.collect", "2026-10-05T12:00:00Z", ["ann"], [APH, WRIST], {"volume_ml": 250}),
      ev("apheresis.label", "2026-10-05T12:10:00Z", ["ann"], [APH, COI]),
      ev("apheresis.ship", "2026-10-05T15:00:00Z", ["ann"], [APH], {"shipper_id": "AS-1"}),
      ev("manufacturing.receive", "2026-10-06T10:00:00Z", ["cora"], data={"logger_readings_c": [4.1, 5.0, 6.2]}),
      ev("manufacturing.start", "2026-10-07T08:00:00Z", ["cora"]),
      ev("manufacturing.release", "2026-10-28T10:00:00Z", ["cora"], data={"out_of_specification": False, "certificate": "RFIC-0001"}),
      ev("product.ship", "2026-10-29T08:00:00Z", ["cora"], data={"shipper_id": "SHIP-0001"}),
      ev("product.receive", "2026-10-30T09:00:00Z", receive_ops, ["SHIP-0001"],
         {"logger_readings_c": [-185.0, -180.5], "checklist": checklist(p)}),
    ]
    for i, d in enumerate(BAGS[p]):
        evs.append(ev("product.store", "2026-10-30T09:%02d:00Z" % (20 + i), ["alice"], [din(d), PC],
                      {"location": "LN2-1/R2/B%d" % (5 + i), "temperature_c": -180.0}))
    return evs

def verify_scans(p, d):
    return [WRIST, din(d), PC, COI] + EXTRA_VERIFY.get(p, [])

def bedside(p, d, day, t0, first=True):
    """Thaw to infusion end of one bag, starting at hh:mm t0 (minutes after midnight)."""
    def at(m): return "%sT%02d:%02d:00Z" % (day, (t0 + m) // 60, (t0 + m) % 60)
    evs = []
    if p in PREMED and first:
        evs.append(ev("premedication", at(-15), ["nina"]))
    evs.append(ev("product.thaw", at(0), ["alice"], [din(d), PC]))
    if p in THAW_COMPLETE:
        evs.append(ev("product.thaw_complete", at(5), ["alice"], [din(d), PC]))
    verify = {"tocilizumab_doses_on_site": 2}
    if p == "aucatzyl":
        verify["checklist"] = {"crs_medications_at_hand": True, "no_leukodepleting_filter": True}
    evs.append(ev("infusion.verify", at(10), ["nina", "paul"], verify_scans(p, d), verify))
    evs.append(ev("infusion.start", at(20), ["nina"], [din(d), PC]))
    evs.append(ev("infusion.end", at(30), ["nina"], [din(d), PC]))
    return evs

def happy(p):
    evs = upstream(p)
    if p == "aucatzyl":
        evs += bedside(p, BAGS[p][0], "2026-11-20", 9 * 60 + 30)
        evs += bedside(p, BAGS[p][1], "2026-11-20", 11 * 60)
        evs += bedside(p, BAGS[p][2], "2026-11-29", 9 * 60 + 30)
    else:
        for i, d in enumerate(BAGS[p]):
            evs += bedside(p, d, "2026-11-20", 9 * 60 + 30 + 60 * i, first=(i == 0))
    evs[-1]["expect"]["next"] = []
    return evs

def write(name, header, evs):
    header = dict(header)
    header.setdefault("site", "test_eu")
    header.setdefault("context", header["product"])
    with open(os.path.join(OUT, name + ".jsonl"), "w") as f:
        f.write(json.dumps(header, ensure_ascii=False) + "\n")
        for e in evs:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")

PRODUCTS = ["kymriah", "yescarta", "tecartus", "breyanzi", "abecma", "carvykti", "aucatzyl", "hpc_apheresis"]
for p in PRODUCTS:
    write(p + "_happy_journey", {"scenario": "%s: a full journey, every step in time, no deviation" % p, "product": p,
                                 "expect_deadlines": {"open": [], "overdue": []}}, happy(p))

# ---- one scenario that raises each code, and one near miss that must not ----
K = "kymriah"
def to_thaw(p=K):
    """Up to and including the store of every bag."""
    return upstream(p)
def to_verify(p=K):
    evs = upstream(p)
    d = BAGS[p][0]
    evs += [ev("premedication", "2026-11-20T09:15:00Z", ["nina"]) ] if p in PREMED else []
    evs += [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(d), PC])]
    if p in THAW_COMPLETE:
        evs += [ev("product.thaw_complete", "2026-11-20T09:35:00Z", ["alice"], [din(d), PC])]
    return evs
D = BAGS[K][0]
def verify(scans=None, ops=("nina", "paul"), data=None, **x):
    return ev("infusion.verify", "2026-11-20T09:40:00Z", ops, scans or verify_scans(K, D),
              data if data is not None else {"tocilizumab_doses_on_site": 2}, **x)
R = {"decision": "refused"}

def pair(code, raise_title, raise_evs, near_title, near_evs, product=K, site=None, extra=None):
    base = {"product": product}
    if site: base["site"] = site
    if extra: base.update(extra[0])
    slug = code.lower()
    write("raises_" + slug, dict(base, scenario=raise_title, raises=code), raise_evs)
    nb = {"product": product}
    if site: nb["site"] = site
    if extra: nb.update(extra[1])
    write("near_miss_" + slug, dict(nb, scenario=near_title, near_miss=code), near_evs)

pair("COI_MISMATCH",
     "a bag labelled with another patient's COI is refused at the bedside",
     to_verify() + [verify([WRIST, din(D), PC, "&/CHA99992600002B"], refusals=["COI_MISMATCH"], **R)],
     "the same check with this journey's COI is accepted",
     to_verify() + [verify()])
pair("UNIT_NOT_IN_JOURNEY",
     "thawing a bag whose DIN is not registered to the journey is refused",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], ["=A99992699999900", PC],
                     refusals=["UNIT_NOT_IN_JOURNEY", "SCAN_MISSING"], **R)],
     "thawing the journey's own bag is accepted",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC])])
pair("WRISTBAND_MISMATCH",
     "a wristband of another patient at the bedside is refused",
     to_verify() + [verify(["&#0008MRN99999", din(D), PC, COI], refusals=["WRISTBAND_MISMATCH"], **R)],
     "this patient's wristband is accepted",
     to_verify() + [verify()])
pair("SCAN_MISSING",
     "the bedside check without the COI scanned is refused",
     to_verify() + [verify([WRIST, din(D), PC], refusals=["SCAN_MISSING"], **R)],
     "the bedside check with wristband, bag and COI is accepted",
     to_verify() + [verify()])
pair("SCAN_INVALID",
     "a DIN that does not read (one character short) is refused",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], ["=A9999261234560", PC],
                     refusals=["SCAN_INVALID", "SCAN_MISSING"], **R)],
     "the same DIN read in full is accepted",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC])])
pair("EXPIRED",
     "a bag whose label expired at 09:00 cannot be thawed at 09:30",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC, "&>0263240900"],
                     refusals=["EXPIRED"], **R)],
     "a bag that expires at 12:00 can be thawed at 09:30",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC, "&>0263241200"])])
pair("ROLE_MISSING",
     "a coordinator may not thaw a bag",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["cora"], [din(D), PC], refusals=["ROLE_MISSING"], **R)],
     "a cell lab technologist may",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC])])
oos_up = copy.deepcopy(upstream(K))
for e in oos_up:
    if e["step"] == "manufacturing.release":
        e["data"]["out_of_specification"] = True
decision = ev("oos.physician_decision", "2026-10-29T07:00:00Z", ["paul"], data={"decision": "release", "reason": "benefit outweighs risk"})
near_up = copy.deepcopy(oos_up)
idx = [i for i, e in enumerate(near_up) if e["step"] == "manufacturing.release"][0]
near_up.insert(idx + 1, decision)
pair("OOS_NOT_RELEASED",
     "an out-of-specification product without a physician's release decision cannot be thawed",
     oos_up + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC], refusals=["OOS_NOT_RELEASED"], **R)],
     "with the physician's decision to release it, it can",
     near_up + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC])])
pair("WITNESS_NOT_DISTINCT",
     "the same nurse named twice as the two witnesses is refused",
     to_verify() + [verify(ops=("nina", "nina"), refusals=["WITNESS_NOT_DISTINCT"], **R)],
     "two different people are accepted",
     to_verify() + [verify()])
pair("UNKNOWN_STEP",
     "a step the product does not have is refused",
     to_thaw() + [ev("product.teleport", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC], refusals=["UNKNOWN_STEP"], **R)],
     "a step it has is accepted",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC])])
up_no_store = [e for e in upstream(K) if e["step"] != "product.store"]
pair("FIELD_MISSING",
     "storing a bag without its location is refused",
     up_no_store + [ev("product.store", "2026-10-30T09:20:00Z", ["alice"], [din(D), PC], {}, refusals=["FIELD_MISSING"], **R)],
     "storing it with its location is accepted",
     up_no_store + [ev("product.store", "2026-10-30T09:20:00Z", ["alice"], [din(D), PC], {"location": "LN2-1/R1/B1"})])
up_no_receive = [e for e in upstream(K) if e["step"] not in ("product.receive", "product.store")]
pair("CHECKLIST_INCOMPLETE",
     "answering 'no' to a receipt question without a reason is refused",
     up_no_receive + [ev("product.receive", "2026-10-30T09:00:00Z", ["alice"], ["SHIP-0001"],
                         {"checklist": checklist(K, "shipper_intact", reason=None)}, refusals=["CHECKLIST_INCOMPLETE"], **R)],
     "every question answered 'yes' is accepted",
     up_no_receive + [ev("product.receive", "2026-10-30T09:00:00Z", ["alice"], ["SHIP-0001"], {"checklist": checklist(K)})])
pair("CHECKLIST_NO",
     "a 'no' with its reason at receipt is kept and raises a deviation",
     up_no_receive + [ev("product.receive", "2026-10-30T09:00:00Z", ["alice"], ["SHIP-0001"],
                         {"checklist": checklist(K, "shipper_intact")}, deviations=["CHECKLIST_NO"])],
     "all 'yes' raises none",
     up_no_receive + [ev("product.receive", "2026-10-30T09:00:00Z", ["alice"], ["SHIP-0001"], {"checklist": checklist(K)})])
dispose = ev("dispose", "2026-11-10T09:00:00Z", ["alice", "quinn"], data={"reason": "bag broken in storage"})
pair("JOURNEY_CLOSED",
     "nothing but corrections after the product was disposed of: a thaw is refused",
     to_thaw() + [dispose, ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC], refusals=["JOURNEY_CLOSED"], **R)],
     "a correction after the disposal is accepted",
     to_thaw() + [dispose, ev("correction", "2026-11-10T10:00:00Z", ["quinn"], data={"corrects_event_id": 11, "reason": "wrong box noted"})])
late = ev("product.thaw", "2026-11-20T10:30:00Z", ["alice"], [din(D), PC], refusals=["TIME_IN_FUTURE"], **R)
late["recorded_at"] = "2026-11-20T09:30:00Z"
ok_clock = ev("product.thaw", "2026-11-20T09:34:00Z", ["alice"], [din(D), PC])
ok_clock["recorded_at"] = "2026-11-20T09:30:00Z"
pair("TIME_IN_FUTURE",
     "an event that says it happened an hour after it was recorded is refused",
     to_thaw() + [late],
     "4 minutes of clock difference are tolerated",
     to_thaw() + [ok_clock])

# deviations
after_start = to_verify() + [verify(), ev("infusion.start", "2026-11-20T09:45:00Z", ["nina"], [din(D), PC])]
pair("WINDOW_EXCEEDED",
     "Kymriah: infusion ended 41 min after complete thaw (limit 30 min)",
     after_start + [ev("infusion.end", "2026-11-20T10:16:00Z", ["nina"], [din(D), PC], deviations=["WINDOW_EXCEEDED"])],
     "Kymriah: infusion ended exactly 30 min after complete thaw",
     after_start + [ev("infusion.end", "2026-11-20T10:05:00Z", ["nina"], [din(D), PC])])
def premedicated_at(evs, at):
    for e in evs:
        if e["step"] == "premedication":
            e["occurred_at"] = at
    return evs
pair("WINDOW_NOT_REACHED",
     "Kymriah: infusion started 20 min after premedication (at least 30 min)",
     premedicated_at(to_verify(), "2026-11-20T09:25:00Z") +
     [verify(), ev("infusion.start", "2026-11-20T09:45:00Z", ["nina"], [din(D), PC], deviations=["WINDOW_NOT_REACHED"])],
     "Kymriah: infusion started 30 min after premedication",
     to_verify() + [verify(), ev("infusion.start", "2026-11-20T09:45:00Z", ["nina"], [din(D), PC])])
pair("TEMPERATURE_OUT_OF_RANGE",
     "a shipper logger reading above the site's acceptance limit raises a deviation",
     up_no_receive + [ev("product.receive", "2026-10-30T09:00:00Z", ["alice"], ["SHIP-0001"],
                         {"logger_readings_c": [-180.0, -140.0], "checklist": checklist(K)}, deviations=["TEMPERATURE_OUT_OF_RANGE"])],
     "a reading exactly at the limit does not",
     up_no_receive + [ev("product.receive", "2026-10-30T09:00:00Z", ["alice"], ["SHIP-0001"],
                         {"logger_readings_c": [-180.0, -150.0], "checklist": checklist(K)})])
pair("FIELD_OUT_OF_RANGE",
     "Kymriah (EU): no tocilizumab dose on site refuses the bedside check (the definition escalates it)",
     to_verify() + [verify(data={"tocilizumab_doses_on_site": 0}, refusals=["FIELD_OUT_OF_RANGE"], **R)],
     "one dose on site is enough in the EU",
     to_verify() + [verify(data={"tocilizumab_doses_on_site": 1})])
up_thaw_first = [e for e in upstream(K) if e["step"] != "product.store"]
pair("OUT_OF_ORDER",
     "thawing a bag that was never stored raises a deviation",
     up_thaw_first + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC], deviations=["OUT_OF_ORDER"])],
     "thawing a stored bag does not",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC])])
pair("MISSING_WITNESS",
     "the bedside check by one nurse alone raises a deviation",
     to_verify() + [verify(ops=("nina",), deviations=["MISSING_WITNESS"])],
     "two people do not",
     to_verify() + [verify()])
pair("TRAINING_MISSING",
     "a technologist whose Kymriah training expired raises a deviation",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["uma"], [din(D), PC], deviations=["TRAINING_MISSING"])],
     "a trained technologist does not",
     to_thaw() + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), PC])])
pair("REPEATED_STEP",
     "storing the same bag twice raises a deviation",
     to_thaw() + [ev("product.store", "2026-10-30T10:00:00Z", ["alice"], [din(D), PC], {"location": "LN2-1/R3/B1"}, deviations=["REPEATED_STEP"])],
     "storing the second bag of the dose does not",
     up_no_store + [ev("product.store", "2026-10-30T09:20:00Z", ["alice"], [din(D), PC], {"location": "LN2-1/R1/B1"}),
                    ev("product.store", "2026-10-30T09:21:00Z", ["alice"], [din(BAGS[K][1]), PC], {"location": "LN2-1/R1/B2"})])
T = "tecartus"
t_up = [e for e in upstream(T) if e["step"] != "product.store"]
pair("STORAGE_UNSUITABLE",
     "Tecartus needs -150 °C or colder: a position qualified to -125 °C raises a deviation",
     t_up + [ev("product.store", "2026-10-30T09:20:00Z", ["alice"], [din(D), PC], {"location": "LN2-WARM/R1/B1"}, deviations=["STORAGE_UNSUITABLE"])],
     "Kymriah needs -120 °C or colder: the same position suits it",
     up_no_store + [ev("product.store", "2026-10-30T09:20:00Z", ["alice"], [din(D), PC], {"location": "LN2-WARM/R1/B1"})],
     product=T, extra=({}, {"product": K}))
pair("OVERDUE",
     "Kymriah: at 10:20, 45 min after complete thaw, the infusion end is overdue",
     after_start,
     "at 09:55, 20 min after complete thaw, it is open but not overdue",
     after_start,
     extra=({"now": "2026-11-20T10:20:00Z", "expect_deadlines": {"open": ["infusion.end", "product.thaw"], "overdue": ["OVERDUE"]}},
            {"now": "2026-11-20T09:55:00Z", "expect_deadlines": {"open": ["infusion.end", "product.thaw"], "overdue": []}}))

# ---- the hard stops at the points of no return ----
D2 = BAGS[K][1]
thaw = lambda d=D, at="2026-11-20T09:30:00Z", **x: ev("product.thaw", at, ["alice"], [din(d), PC], **x)
start = lambda at, d=D, **x: ev("infusion.start", at, ["nina"], [din(d), PC], **x)
pair("BEDSIDE_CHECK_MISSING",
     "an infusion start after a bedside check by one nurse alone is refused (two distinct people are needed)",
     to_verify() + [verify(ops=("nina",), deviations=["MISSING_WITNESS"]),
                    start("2026-11-20T09:45:00Z", refusals=["BEDSIDE_CHECK_MISSING"], **R)],
     "a start exactly 30 min (the site's window) after the two-person check is accepted",
     to_verify() + [verify(), start("2026-11-20T10:10:00Z")])
dispose_bag = ev("dispose", "2026-11-10T09:00:00Z", ["alice", "quinn"], [din(D), PC], {"reason": "bag broken in storage"})
pair("UNIT_DISPOSED",
     "a bag that was disposed of cannot be thawed",
     to_thaw() + [dispose_bag, thaw(refusals=["UNIT_DISPOSED"], **R)],
     "the journey's other bag still can",
     to_thaw() + [dispose_bag, thaw(D2)])
returned = ev("return", "2026-11-10T09:00:00Z", ["cora"], data={"reason": "manufacturer recall"})
receipt = ev("product.receive", "2026-11-18T09:00:00Z", ["alice"], ["SHIP-0001"],
             {"logger_readings_c": [-185.0], "checklist": checklist(K)}, deviations=["REPEATED_STEP"])
pair("UNIT_RETURNED",
     "a product returned to the manufacturer cannot be thawed",
     to_thaw() + [returned, thaw(refusals=["UNIT_RETURNED"], **R)],
     "once a new receipt is recorded, it can",
     to_thaw() + [returned, receipt, thaw()])
hold = ev("hold", "2026-11-20T08:00:00Z", ["cora"], data={"reason": "patient febrile"})
release = ev("hold.release", "2026-11-20T09:00:00Z", ["cora"], data={"reason": "fever resolved"})
pair("ON_HOLD",
     "a thaw while the journey is on hold is refused",
     to_thaw() + [hold, thaw(refusals=["ON_HOLD"], **R)],
     "after the hold's release, the thaw is accepted",
     to_thaw() + [hold, release, thaw()])
warm = copy.deepcopy(upstream(K))
for e in warm:
    if e["step"] == "product.receive":
        e["data"]["logger_readings_c"] = [-180.0, -140.0]
        e["expect"]["deviations"] = ["TEMPERATURE_OUT_OF_RANGE"]
pair("BLOCKING_DEVIATION",
     "a thaw while the shipper's temperature deviation is open is refused",
     warm + [thaw(refusals=["BLOCKING_DEVIATION"], **R)],
     "once QA has closed it with a signed decision, the thaw is accepted",
     copy.deepcopy(warm) + [{"qa_closes": "TEMPERATURE_OUT_OF_RANGE"}, thaw()])
KD = "kymriah_divided"
div_up = [e for e in upstream(K) if e["step"] != "product.store"] + [
    ev("product.store", "2026-10-30T09:20:00Z", ["alice"], [din(D), "=<S1194AA0"], {"location": "LN2-1/R2/B5"}),
    ev("product.store", "2026-10-30T09:21:00Z", ["alice"], [din(D), "=<S1194AB0"], {"location": "LN2-1/R2/B6"})]
pair("PRODUCT_CODE_REQUIRED",
     "a DIN shared by two divisions, scanned without its product code, is refused: which bag it is must be proven",
     div_up + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D)], refusals=["PRODUCT_CODE_REQUIRED", "SCAN_MISSING"], **R)],
     "with the product code of one division, the thaw is accepted",
     copy.deepcopy(div_up) + [ev("product.thaw", "2026-11-20T09:30:00Z", ["alice"], [din(D), "=<S1194AA0"])],
     extra=({"context": KD}, {"context": KD}))
pair("WRONG_BAG",
     "the bedside check of the patient's other bag, which was not thawed, is refused",
     to_verify() + [verify([WRIST, din(D2), PC, COI], refusals=["WRONG_BAG"], **R)],
     "the bedside check of the bag just thawed is accepted",
     to_verify() + [verify()])
U = "aucatzyl"
dose1 = upstream(U) + bedside(U, BAGS[U][0], "2026-11-20", 9 * 60 + 30)
pair("DOSE_ORDER",
     "Aucatzyl: a dose-2 bag cannot be thawed while a dose-1 bag is not infused",
     dose1 + [ev("product.thaw", "2026-11-29T09:30:00Z", ["alice"], [din(BAGS[U][2]), PC], refusals=["DOSE_ORDER"], **R)],
     "once every dose-1 bag is infused, the dose-2 bag can be thawed",
     copy.deepcopy(dose1) + bedside(U, BAGS[U][1], "2026-11-20", 11 * 60) +
     [ev("product.thaw", "2026-11-29T09:30:00Z", ["alice"], [din(BAGS[U][2]), PC])],
     product=U)
fix = lambda target, at="2026-10-30T10:00:00Z", **x: ev("correction", at, ["alice"],
                                                         data={"corrects_event_id": target, "reason": "wrong position noted"}, **x)
pair("CORRECTION_INVALID",
     "a correction of an event that is not this journey's, and a second correction of a corrected event, are refused",
     to_thaw() + [fix(999, refusals=["CORRECTION_INVALID"], **R), fix(10), fix(10, refusals=["CORRECTION_INVALID"], **R)],
     "a correction of the newest correction is accepted",
     to_thaw() + [fix(10), fix(12)])
no_complete = [e for e in to_verify() if e["step"] != "product.thaw_complete"]
pair("ANCHOR_MISSING",
     "Kymriah: with no complete thaw recorded, infusion end is measured from the start of thaw, and that is reported",
     no_complete + [verify(deviations=["OUT_OF_ORDER"]), start("2026-11-20T09:50:00Z"),
                    ev("infusion.end", "2026-11-20T09:58:00Z", ["nina"], [din(D), PC], deviations=["ANCHOR_MISSING"])],
     "with the complete thaw recorded, it is measured from it",
     to_verify() + [verify(), start("2026-11-20T09:50:00Z"), ev("infusion.end", "2026-11-20T09:58:00Z", ["nina"], [din(D), PC])])

# ---- clocks that always run ----
thawed = to_verify()
thawed[-1]["expect"]["next"] = ["infusion.end", "infusion.start", "infusion.verify", "product.thaw"]
write("kymriah_clock_runs_from_complete_thaw_before_the_bedside_check",
      {"scenario": "Kymriah: from complete thaw at 09:35, infusion end is due by 10:05, with nothing else recorded; at 10:06 it is overdue",
       "product": K, "now": "2026-11-20T10:06:00Z",
       "expect_deadlines": {"open": ["infusion.end", "infusion.start", "infusion.start", "infusion.verify", "product.thaw"],
                            "overdue": ["OVERDUE"]}},
      thawed)
write("kymriah_clock_runs_from_start_of_thaw_without_complete_thaw",
      {"scenario": "Kymriah: thawed at 09:30 with no complete thaw recorded, infusion end was due by 10:00 (the strictest reading)",
       "product": K, "now": "2026-11-20T10:01:00Z",
       "expect_deadlines": {"open": ["infusion.end", "infusion.start", "infusion.start", "product.thaw", "product.thaw_complete"],
                            "overdue": ["OVERDUE"]}},
      [e for e in to_verify() if e["step"] != "product.thaw_complete"])
again = to_verify() + [ev("product.thaw_complete", "2026-11-20T09:50:00Z", ["alice"], [din(D), PC], deviations=["REPEATED_STEP"]),
                       verify(), start("2026-11-20T09:55:00Z"),
                       ev("infusion.end", "2026-11-20T10:10:00Z", ["nina"], [din(D), PC], deviations=["WINDOW_EXCEEDED"])]
write("kymriah_second_complete_thaw_does_not_restart_the_clock",
      {"scenario": "Kymriah: a second complete-thaw record at 09:50 does not restart the clock: infusion end at 10:10 is 35 min after the first",
       "product": K}, again)
d2 = upstream(U) + bedside(U, BAGS[U][0], "2026-11-20", 9 * 60 + 30) + bedside(U, BAGS[U][1], "2026-11-20", 11 * 60)
write("aucatzyl_dose_2_clock_runs_from_dose_1_infusion",
      {"scenario": "Aucatzyl: from the first dose-1 infusion start (Day 1), the dose-2 infusion start is due by the end of Day 12 (Day 10 + 2); a second later it is overdue",
       "product": U, "now": "2026-12-02T00:00:01Z",
       "expect_deadlines": {"open": ["infusion.start", "product.thaw"], "overdue": ["OVERDUE"]}}, d2)

# ---- product rules beyond the codes ----
def product_window(p, name, title, evs, deviation):
    write(name, {"scenario": title, "product": p}, evs)
A = "abecma"
a = to_verify(A)
a += [ev("infusion.verify", "2026-11-20T09:40:00Z", ["nina", "paul"], verify_scans(A, BAGS[A][0]), {"tocilizumab_doses_on_site": 1}),
      ev("infusion.start", "2026-11-20T09:45:00Z", ["nina"], [din(BAGS[A][0]), PC]),
      ev("infusion.end", "2026-11-20T10:31:00Z", ["nina"], [din(BAGS[A][0]), PC], deviations=["WINDOW_EXCEEDED"])]
product_window(A, "abecma_clock_starts_at_start_of_thaw", "Abecma: infusion ended 61 min after START of thaw (limit 1 h)", a, True)
t = to_verify(T)
t += [ev("infusion.verify", "2026-11-20T09:40:00Z", ["nina", "paul"], verify_scans(T, D), {"tocilizumab_doses_on_site": 1}),
      ev("infusion.start", "2026-11-20T10:06:00Z", ["nina"], [din(D), PC], deviations=["WINDOW_EXCEEDED"])]
product_window(T, "tecartus_limit_is_on_infusion_start", "Tecartus: infusion started 31 min after complete thaw (limit 30 min on start)", t, True)
C = "carvykti"
c = to_verify(C)
c += [ev("infusion.verify", "2026-11-20T09:40:00Z", ["nina", "paul"], [WRIST, din(D), PC, COI], {"tocilizumab_doses_on_site": 2},
         refusals=["SCAN_MISSING"], **R),
      ev("infusion.verify", "2026-11-20T09:41:00Z", ["nina", "paul"], verify_scans(C, D), {"tocilizumab_doses_on_site": 1},
         refusals=["FIELD_OUT_OF_RANGE"], **R),
      ev("infusion.verify", "2026-11-20T09:42:00Z", ["nina", "paul"], verify_scans(C, D), {"tocilizumab_doses_on_site": 2}),
      ev("infusion.start", "2026-11-20T09:50:00Z", ["nina"], [din(D), PC]),
      ev("infusion.end", "2026-11-20T12:06:00Z", ["nina"], [din(D), PC], deviations=["WINDOW_EXCEEDED"])]
write("carvykti_us_site_cassette_and_two_tocilizumab_doses",
      {"scenario": "Carvykti at a US site: cassette must be scanned, 2 tocilizumab doses needed, infusion complete within 2.5 h",
       "product": C, "site": "test_us"}, c)
U = "aucatzyl"
u = upstream(U) + bedside(U, BAGS[U][0], "2026-11-20", 9 * 60 + 30) + bedside(U, BAGS[U][1], "2026-11-20", 11 * 60)
late_dose = bedside(U, BAGS[U][2], "2026-12-02", 9 * 60 + 30)
for e in late_dose:
    if e["step"] == "infusion.start":
        e["expect"]["deviations"] = ["WINDOW_EXCEEDED"]
write("aucatzyl_day_10_dose_given_on_day_13", {"scenario": "Aucatzyl: the second dose on Day 13 is outside Day 10 ± 2", "product": U}, u + late_dose)
early = bedside(U, BAGS[U][2], "2026-11-26", 9 * 60 + 30)
for e in early:
    if e["step"] == "infusion.start":
        e["expect"]["deviations"] = ["WINDOW_NOT_REACHED"]
write("aucatzyl_day_10_dose_given_on_day_7", {"scenario": "Aucatzyl: the second dose on Day 7 is before Day 10 - 2", "product": U}, u + early)
Y = "yescarta"
y = to_verify(Y) + [ev("infusion.verify", "2026-11-20T09:40:00Z", ["nina", "paul"], [WRIST, din(D), PC, COI, "CAS-0002"],
                       {"tocilizumab_doses_on_site": 1}, refusals=["UNIT_NOT_IN_JOURNEY", "SCAN_MISSING"], **R)]
write("yescarta_wrong_cassette_at_bedside",
      {"scenario": "Yescarta: an unknown cassette at the bedside is refused (and this journey's cassette is missing)", "product": Y}, y)
y2 = copy.deepcopy(upstream(Y))
for e in y2:
    if e["step"] == "manufacturing.receive":
        e["data"]["logger_readings_c"] = [4.0, 9.5]
        e["expect"]["deviations"] = ["TEMPERATURE_OUT_OF_RANGE"]
write("yescarta_fresh_apheresis_above_8_c", {"scenario": "Yescarta: fresh apheresis material logged at 9.5 °C (2-8 °C shipper)", "product": Y}, y2)
print("ok", len(os.listdir(OUT)))
B = "breyanzi"
bv = BAGS[B][0]
b = to_verify(B) + [
    ev("infusion.verify", "2026-11-20T09:40:00Z", ["nina", "paul"], [WRIST, din(bv), PC, COI, "CTN-0001"],
       {"tocilizumab_doses_on_site": 1}, refusals=["SCAN_MISSING"], **R),
    ev("infusion.verify", "2026-11-20T09:41:00Z", ["nina", "paul"], verify_scans(B, bv), {"tocilizumab_doses_on_site": 1})]
write("breyanzi_identity_needs_carton_vial_and_rfic",
      {"scenario": "Breyanzi: the bedside check without the RfIC is refused; with cartons, vial and RfIC it is accepted", "product": B}, b)
H = "hpc_apheresis"
h = to_verify(H) + [
    ev("infusion.verify", "2026-11-20T09:40:00Z", ["nina", "paul"], verify_scans(H, D), {}),
    ev("infusion.start", "2026-11-20T09:45:00Z", ["nina"], [din(D), PC]),
    ev("infusion.end", "2026-11-20T10:35:00Z", ["nina"], [din(D), PC], deviations=["WINDOW_EXCEEDED"])]
write("hpc_apheresis_site_set_thaw_limit", {"scenario": "HPC, Apheresis: the site's 1 h thaw-to-infusion-end limit (test site value)", "product": H}, h)
y3 = to_verify(Y) + [ev("infusion.verify", "2026-11-20T09:40:00Z", ["nina", "paul"], verify_scans(Y, D), {"tocilizumab_doses_on_site": 1}),
      ev("infusion.start", "2026-11-20T09:50:00Z", ["nina"], [din(D), PC])]
write("yescarta_open_infusion_end_due_from_start_of_thaw",
      {"scenario": "Yescarta: after the start, infusion end is due by the site-set limit from the start of thaw", "product": Y,
       "now": "2026-11-20T12:45:00Z", "expect_deadlines": {"open": ["infusion.end"], "overdue": ["OVERDUE"]}}, y3)
print("extra ok")
