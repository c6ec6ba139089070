// Operators' proofs for the events the tests post (docs/security.md, "Operators at stations").
// Why: the server refuses an event (OPERATOR_NOT_PROVEN, 422) unless every person named in its
// "operators" proves they were there: at a station all of them, at a desk all but the signed-in
// caller. A sign-in token only covers events after the sign-in, and the tests record events in
// the past (minutesAgo), so each person is proven the way a station does it offline: their badge
// and PIN, sealed (libsodium crypto_box_seal) to the server's sealing key for that one event
// (its station, occurred_at and idempotency_key). Every person of the ward has the badge
// badgeOf(username) and the PIN PIN (Ward.open). The C++ tests' twin:
// tests/support/operator_proofs.cpp.
import sodium from "libsodium-wrappers";

export const PIN = "246813";
export const badgeOf = (username) => "badge-" + username;

/** The event with a sealed proof for each of its operators who has none yet, but the caller
 *  (api.username, a signed-in person; a station proves nobody). It needs an idempotency_key. */
export async function withProofs(api, event) {
  const proofs = [...(event.proofs || [])];
  const todo = [...new Set(event.operators || [])]
    .filter((name) => name !== api.username && !proofs.some((p) => p.operator === name));
  if (todo.length === 0) return event;
  if (!event.idempotency_key) throw new Error("a sealed proof names its event's idempotency_key: give the event one");
  await sodium.ready;
  // Asked every time: it is one small GET, and it is always this server's (no cache to go stale).
  const key = Buffer.from((await api.get("/api/v1/operator-tokens/sealing-key")).key, "base64");
  for (const name of todo) {
    const plaintext = JSON.stringify({
      v: 1, badge: badgeOf(name), pin: PIN, station: event.station || "", operator: name,
      occurred_at: event.occurred_at, idempotency_key: event.idempotency_key,
    });
    const sealed = Buffer.from(sodium.crypto_box_seal(sodium.from_string(plaintext), key)).toString("base64");
    proofs.push({ operator: name, sealed });
  }
  return { ...event, proofs };
}
