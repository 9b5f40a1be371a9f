// Temporary folders for synthesising in tests (cloud assemblies, a stand-in dashboard), removed after the
// test file: each synth otherwise leaves ≈ 20 MB in the system temp folder.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

export function useTempDirs() {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  return {
    tempDir,
    /** A stand-in for web/dist, so a synth does not depend on a dashboard build. */
    stubDashboard() {
      const dir = tempDir("parwatch-dist-");
      writeFileSync(join(dir, "index.html"), "<!doctype html><title>ParWatch</title>");
      return dir;
    },
  };
}
