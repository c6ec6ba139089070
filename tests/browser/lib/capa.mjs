// A deviation carried over the API from acknowledged to its disposition (docs/quality.md
// "Deviations and CAPA"), for browser tests whose subject is the signed close that follows.
/** qa: an Api logged in as QA at the deviation's site; id: an acknowledged deviation. */
export async function toDisposition(qa, id, { owner = qa.username } = {}) {
  const at = `/api/v1/deviations/${id}`;
  await qa.post(`${at}/investigation`, { category: "procedure", text: "Label step skipped at the unit" });
  await qa.post(`${at}/actions`, { kind: "corrective", text: "Unit briefed on labelling first", owner, due: "2026-12-31" });
  await qa.post(`${at}/actions/1/close`, { note: "Briefing held" });
  await qa.post(`${at}/capa`, { outcome: "completed", note: "Briefing effective" });
  await qa.post(`${at}/disposition`, { disposition: "use", note: "Identity confirmed by DIN" });
}
