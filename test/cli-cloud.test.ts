// The CLI against a deployed store (--table/--bucket), here the embedded DynamoDB and S3 reached through
// the SDK's endpoint variables, exactly as it reaches AWS with an operator's credentials.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cli } from "./support/cli";
import { pointSdkAt, useTestStack } from "./support/stack";

const stack = useTestStack();
const dir = mkdtempSync(join(tmpdir(), "parwatch-cli-cloud-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const target = ["--table", "parwatch-test", "--bucket", "parwatch-test"];

beforeAll(() => pointSdkAt(stack));

describe("cli seed --table --bucket", () => {
  it("asks for both names", async () => {
    const { code, stderr } = await cli(["seed", "--table", "parwatch-test"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--bucket");
  });

  it("writes the demo province into an empty table, and refuses to write it over data", async () => {
    const first = await cli(["seed", ...target]);
    expect(first.stderr).toBe("Writing the demo province…\n");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Wrote the demo province: 144 units, \d+ report versions/);
    expect(await stack.deps.store.listUnits()).toHaveLength(144);

    const again = await cli(["seed", ...target], "vi");
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("Bảng đã có 144 đơn vị");
  }, 60_000);
});

describe("cli import --table --bucket", () => {
  it("imports a file into the deployed table, all or nothing", async () => {
    const [unit] = (await stack.deps.store.listUnits()).filter((u) => u.cohort === "district");
    const file = join(dir, "q4.csv");
    writeFileSync(file, `unitId,period,received\n${unit?.id},2026-Q3,21\n`);
    const { code, stdout } = await cli(["import", "--kind", "reports", file, ...target, "--user", "ops.nguyen"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Imported 1 rows from/);
    const saved = await stack.deps.store.latestReport(unit?.id ?? "", "2026-Q3");
    expect(saved).toMatchObject({ metrics: { received: 21 }, submittedBy: "operator:ops.nguyen", source: "file" });

    writeFileSync(file, `unitId,period,received\n${unit?.id},2026-Q3,22\nno-such-unit,2026-Q3,1\n`);
    const rejected = await cli(["import", "--kind", "reports", file, ...target]);
    expect(rejected.code).toBe(2);
    expect((await stack.deps.store.latestReport(unit?.id ?? "", "2026-Q3"))?.metrics).toEqual({ received: 21 });
  });
});
