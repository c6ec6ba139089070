// The site's wall clock in forms (server/web/js/time_text.js): a time typed in a
// datetime-local field is the site's, whatever the PC's zone, and comes back as the same
// instant; across the night clocks go forward, the hour that does not exist moves on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { wallClock, instantOf } from "../../server/web/js/time_text.js";

test("a time typed on Zurich's clock is the instant Zurich's wall clock reads it, summer and winter", () => {
  assert.equal(instantOf("2026-12-07T09:00", "Europe/Zurich"), "2026-12-07T08:00:00.000Z");
  assert.equal(instantOf("2026-07-07T09:00", "Europe/Zurich"), "2026-07-07T07:00:00.000Z");
  assert.equal(wallClock("2026-12-07T08:00:00Z", "Europe/Zurich"), "2026-12-07T09:00");
});

test("a zone half an hour off UTC, and UTC itself", () => {
  assert.equal(instantOf("2026-12-07T09:00", "Asia/Kolkata"), "2026-12-07T03:30:00.000Z");
  assert.equal(instantOf("2026-12-07T09:00", "UTC"), "2026-12-07T09:00:00.000Z");
});

test("around the change of the clocks: the skipped hour moves on, the repeated hour is its first", () => {
  // Zurich, 29 March 2026: 02:00 becomes 03:00 (01:00Z); 25 October: 03:00 becomes 02:00 (01:00Z).
  assert.equal(instantOf("2026-03-29T01:30", "Europe/Zurich"), "2026-03-29T00:30:00.000Z");
  assert.equal(instantOf("2026-03-29T03:30", "Europe/Zurich"), "2026-03-29T01:30:00.000Z");
  assert.equal(wallClock(instantOf("2026-03-29T02:30", "Europe/Zurich"), "Europe/Zurich"), "2026-03-29T03:30");
  assert.equal(instantOf("2026-10-25T02:30", "Europe/Zurich"), "2026-10-25T00:30:00.000Z");
});

test("a time that is not one is no instant", () => {
  assert.equal(instantOf("", "Europe/Zurich"), null);
  assert.equal(instantOf("2026-13-01T09:00", "Europe/Zurich"), null);
});
