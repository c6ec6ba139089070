// The CellJourney API from node (fetch), for seeding and for posting scans during a test.
import { withProofs } from "./proofs.mjs";

export class Api {
  /** username: the signed-in person's (logIn), none for a station or nobody. */
  constructor(baseUrl, authorization = "", username = undefined) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
    this.username = username;
  }

  async logIn(username, password) {
    const answer = await this.call("POST", "/api/v1/session", { username, password });
    return new Api(this.baseUrl, "Bearer " + answer.token, username);
  }

  asStation(key) { return new Api(this.baseUrl, "Station " + key); }

  /** Resolves to {status, body}; rejects when the status is not one of expect. */
  async send(method, path, body, expect = [200, 201]) {
    const headers = { "Content-Type": "application/json" };
    if (this.authorization) headers.Authorization = this.authorization;
    const res = await fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    if (!expect.includes(res.status)) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, body: json };
  }

  /** POSTs an event (path /api/v1/scans or /api/v1/journeys/{coi}/events) with its operators'
   *  sealed proofs (proofs.mjs); as send(). */
  async sendEvent(path, event, expect = [200]) {
    return this.send("POST", path, await withProofs(this, event), expect);
  }

  async call(method, path, body) { return (await this.send(method, path, body)).body; }
  get(path) { return this.call("GET", path); }
  post(path, body) { return this.call("POST", path, body); }
  put(path, body) { return this.call("PUT", path, body); }
}
