// Calls to /api/v1 with the session's token. An expired or ended session (401) goes back to
// the login page; every other refusal is thrown as an ApiError with the server's code and
// message, for the page to show.
import { currentSession, forgetSession, goToLogin } from "./session.js";

export class ApiError extends Error {
  constructor(status, code, message, field, body = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
    this.body = body;  // the answer's JSON (a refused event's decision, with its refusals)
  }
}

// The answer to a GET the page sent before its modules loaded (early_calls.js), taken once: a
// later get() of the same path asks the server again.
function takeEarlyCall(path) {
  const early = globalThis.celljourneyEarlyCalls;
  if (!early || !early.has(path)) return null;
  const answer = early.get(path);
  early.delete(path);
  return answer;
}

/** method, path ("/api/v1/..."), optional JSON body. Resolves to the parsed JSON answer. */
export async function api(method, path, body, { raw = false } = {}) {
  const session = currentSession();
  const headers = {};
  if (session) headers.Authorization = "Bearer " + session.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let res;
  try {
    const early = method === "GET" ? takeEarlyCall(path) : null;
    res = await (early || fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  } catch (e) {
    throw new ApiError(0, "UNREACHABLE", "The server cannot be reached. Check the network; the page retries.");
  }
  if (res.status === 401 && session && path !== "/api/v1/session") {
    forgetSession();
    goToLogin();
    throw new ApiError(401, "UNAUTHENTICATED", "Your session has ended; log in again.");
  }
  if (raw && res.ok) return res;
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!res.ok) {
    const e = (json && json.error) || {};
    throw new ApiError(res.status, e.code || "HTTP_" + res.status, e.message || res.statusText, e.field, json);
  }
  return json;
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body === undefined ? {} : body);
export const put = (path, body) => api("PUT", path, body);
