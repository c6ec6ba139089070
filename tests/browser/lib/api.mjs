// The CellJourney API from node (fetch), for seeding and for posting scans during a test.
export class Api {
  constructor(baseUrl, authorization = "") {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  async logIn(username, password) {
    const answer = await this.call("POST", "/api/v1/session", { username, password });
    return new Api(this.baseUrl, "Bearer " + answer.token);
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

  async call(method, path, body) { return (await this.send(method, path, body)).body; }
  get(path) { return this.call("GET", path); }
  post(path, body) { return this.call("POST", path, body); }
  put(path, body) { return this.call("PUT", path, body); }
}
