// A real `celljourney serve` for browser tests: its own private PostgreSQL in a throwaway data
// directory, listening on 127.0.0.1 only. Every server started here is stopped when the test
// process ends, however it ends (normal exit, failure, timeout, Ctrl-C).
import { spawn, execFile } from "node:child_process";
import { mkdtempSync, chmodSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export const BIN = process.env.CELLJOURNEY_BIN || new URL("../../../build/bin/celljourney", import.meta.url).pathname;

const running = new Set();
function stopAllNow() {
  for (const child of running) child.kill("SIGKILL");
}
process.on("exit", stopAllNow);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { stopAllNow(); process.exit(130); });

/** A fresh data directory (the private cluster is created in it on first use); removed at exit. */
export function newDataDir() {
  const dir = mkdtempSync(join(tmpdir(), "cj-browser-"));
  chmodSync(dir, 0o755);  // as root the cluster runs as `postgres`, which must get through
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  return join(dir, "pg");
}

/** Runs a celljourney admin command to completion; stdin is written to it. Rejects on failure. */
export function celljourney(args, { stdin = "", timeoutMs = 60000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = execFile(BIN, args, { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) reject(new Error(`celljourney ${args.join(" ")} failed: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
    child.stdin.end(stdin);
  });
}

/** Makes the centre key of dataDir's database (as scripts/run does, before serve); resolves to
 *  its file, for serve's --centre-key-file. Operators' proofs are sealed to it (lib/proofs.mjs). */
export async function newCentreKey(dataDir, name = "CellJourney browser tests") {
  const file = join(dirname(dataDir), "centre.key");
  await celljourney(["centre", "key", "init", "--name", name, "--key-file", file, "--data-dir", dataDir]);
  return file;
}

export class Server {
  /** Starts serve on dataDir; port 0 picks a free one. Resolves once it announces its URL. */
  static async start(dataDir, { port = 0, extraArgs = [] } = {}) {
    const server = new Server();
    Object.assign(server, { dataDir, port, extraArgs });
    await server.launch();
    return server;
  }

  // output collects what the running process prints (stdout and stderr), from its start.
  async launch(timeoutMs = 60000) {
    const child = spawn(BIN, ["serve", "--listen", "127.0.0.1", "--port", String(this.port), "--data-dir", this.dataDir,
      ...this.extraArgs], { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    this.output = "";
    running.add(child);
    this.exited = new Promise((resolve) => child.on("exit", (code, signal) => { running.delete(child); resolve(code ?? signal); }));
    let announced = false;
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("celljourney serve did not announce its URL:\n" + this.output)), timeoutMs);
      const read = (chunk) => {
        this.output += chunk;
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(this.output);
        if (m && !announced) {
          announced = true;
          this.port = Number(m[1]);
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", read);
      child.stderr.on("data", read);
      child.on("exit", () => { clearTimeout(timer); if (!announced) reject(new Error("celljourney serve exited:\n" + this.output)); });
    });
    this.url = `http://127.0.0.1:${this.port}`;
  }

  /** SIGTERM (the server stops its database too), SIGKILL after timeoutMs. Resolves to the exit. */
  async stop(timeoutMs = 30000) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.exited;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return result;
  }

  /** Stops it and starts it again on the same port and data: what a restart on the ward looks like. */
  async restart() {
    await this.stop();
    await this.launch();
    return this;
  }
}
