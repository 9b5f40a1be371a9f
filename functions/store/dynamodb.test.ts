// The DynamoDB adapter against the embedded dynalite, through the real AWS SDK.

import { QueryCommand } from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { TEST_UNITS, useTestStack } from "../../test/support/stack";
import type { Submission } from "../ports";
import { dynamoStore } from "./dynamodb";
import { GSI1 } from "./table";

const stack = useTestStack();
const by = (submittedBy: string, submittedAt = "2025-10-03T02:00:00.000Z"): Submission => ({
  submittedBy,
  submittedAt,
  source: "api",
});

describe("dynamoStore", () => {
  it("answers a ping and stores and lists units", async () => {
    const { store } = stack.deps;
    await store.ping();
    await store.putUnits(TEST_UNITS);
    expect((await store.listUnits()).map((unit) => unit.id).sort()).toEqual(TEST_UNITS.map((u) => u.id).sort());
    expect(await store.getUnit("tinh")).toEqual(TEST_UNITS[0]);
    expect(await store.getUnit("nowhere")).toBeUndefined();
  });

  it("keeps every version, oldest first, and reads the latest", async () => {
    const { store } = stack.deps;
    const first = await store.saveReport({ unitId: "huyen-a", period: "2025-Q3", metrics: { received: 10 } }, by("an"));
    const second = await store.saveReport(
      { unitId: "huyen-a", period: "2025-Q3", metrics: { received: 12 } },
      by("binh", "2025-10-04T02:00:00.000Z"),
    );
    expect([first.created, first.report.version, second.created, second.report.version]).toEqual([true, 1, true, 2]);
    // The latest version carries when the unit-period was first filed: a correction is not a late filing.
    expect(second.report.filedAt).toBe(first.report.submittedAt);
    expect(await store.latestReport("huyen-a", "2025-Q3")).toEqual(second.report);
    const history = await store.reportHistory("huyen-a", "2025-Q3");
    expect(history.map((version) => [version.version, version.submittedBy, version.metrics.received])).toEqual([
      [1, "an", 10],
      [2, "binh", 12],
    ]);
  });

  it("adds no version when the same figures are submitted again", async () => {
    const { store } = stack.deps;
    const input = { unitId: "huyen-b", period: "2025-Q3", metrics: { received: 7, returned: 1 } };
    const first = await store.saveReport(input, by("an"));
    const again = await store.saveReport({ ...input, metrics: { returned: 1, received: 7 } }, by("an"));
    expect(again).toEqual({ report: first.report, created: false });
    expect(await store.reportHistory("huyen-b", "2025-Q3")).toHaveLength(1);
  });

  it("loses no submission when many arrive at once", async () => {
    const { store } = stack.deps;
    const writers = Array.from({ length: 24 }, (_, i) =>
      store.saveReport({ unitId: "huyen-c", period: "2025-Q2", metrics: { received: 100 + i } }, by(`writer${i}`)),
    );
    const results = await Promise.all(writers);
    expect(results.map((result) => result.report.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    const history = await store.reportHistory("huyen-c", "2025-Q2");
    expect(history.map((version) => version.metrics.received).sort()).toEqual(
      Array.from({ length: 24 }, (_, i) => 100 + i),
    );
    const latest = await store.latestReport("huyen-c", "2025-Q2");
    expect(latest).toMatchObject(history.at(-1) ?? {});
  });

  it("finds the latest reports of a unit and of a period, and the filed periods", async () => {
    const { store } = stack.deps;
    await store.saveReport({ unitId: "huyen-a", period: "2025-Q2", metrics: { received: 5 } }, by("an"));
    expect((await store.latestReportsOfUnit("huyen-a")).map((r) => [r.period, r.version])).toEqual([
      ["2025-Q2", 1],
      ["2025-Q3", 2],
    ]);
    expect((await store.latestReportsOfPeriod("2025-Q3")).map((r) => r.unitId).sort()).toEqual(["huyen-a", "huyen-b"]);
    expect((await store.filedPeriods()).sort()).toEqual(["2025-Q2", "2025-Q3"]);
  });

  it("loads versions in bulk and points the latest at the highest", async () => {
    const { store } = stack.deps;
    const base = { unitId: "xa-a1", period: "2024-Q4", source: "seed" as const, submittedBy: "seed" };
    await store.loadReportVersions([
      { ...base, version: 1, metrics: { received: 1 }, submittedAt: "2025-01-05T00:00:00.000Z" },
      { ...base, version: 2, metrics: { received: 2 }, submittedAt: "2025-01-06T00:00:00.000Z" },
    ]);
    expect((await store.latestReport("xa-a1", "2024-Q4"))?.metrics).toEqual({ received: 2 });
    const next = await store.saveReport({ unitId: "xa-a1", period: "2024-Q4", metrics: { received: 3 } }, by("an"));
    expect(next.report.version).toBe(3);
  });

  it("pages through more items than one query returns", async () => {
    const { store } = stack.deps;
    const many = Array.from({ length: 1200 }, (_, i) => ({
      id: `bulk-${String(i).padStart(4, "0")}`,
      name: `Đơn vị ${i} ${"x".repeat(900)}`,
      parentId: "tinh",
      cohort: "bulk",
    }));
    await store.putUnits(many);
    const firstPage = await stack.embedded.dynamo.send(
      new QueryCommand({
        TableName: "parwatch-test",
        IndexName: GSI1,
        KeyConditionExpression: "gsi1pk = :pk",
        ExpressionAttributeValues: { ":pk": { S: "UNITS" } },
      }),
    );
    expect(firstPage.LastEvaluatedKey).toBeDefined(); // so the listing below really crosses pages
    expect((await store.listUnits()).filter((unit) => unit.cohort === "bulk")).toHaveLength(1200);
  });
});

describe("dynamoStore as the data folder's only writer (owner)", () => {
  it("answers accounts, revoked sessions and read-model headers from memory until it writes them", async () => {
    const owner = dynamoStore(stack.embedded.dynamo, "parwatch-test", { owner: true });
    const account = {
      username: "ghinho",
      displayName: "Ghi Nhớ",
      role: "inspector" as const,
      unitId: null,
      disabled: false,
      sessionVersion: 1,
      passwordHash: "scrypt$x",
      createdAt: "2026-12-01T00:00:00.000Z",
      createdBy: "test",
      updatedAt: "2026-12-01T00:00:00.000Z",
      updatedBy: "test",
    };
    expect(await owner.createUser(account)).toBe(true);
    expect((await owner.getUser("ghinho"))?.disabled).toBe(false);
    expect(await owner.isRevoked("jti-1")).toBe(false);
    // Another writer (not this store) changes both: the owner still answers from memory — which is why
    // only a sole writer may be an owner.
    await stack.deps.store.updateUser(
      { ...account, disabled: true, updatedAt: "2026-12-01T01:00:00.000Z" },
      account.updatedAt,
    );
    await stack.deps.store.revokeSession("jti-1", 2_000_000_000);
    expect((await owner.getUser("ghinho"))?.disabled).toBe(false);
    expect(await owner.isRevoked("jti-1")).toBe(false);
    // Its own writes are seen at once.
    expect(
      await owner.updateUser(
        { ...account, disabled: true, sessionVersion: 2, updatedAt: "2026-12-01T02:00:00.000Z" },
        "2026-12-01T01:00:00.000Z",
      ),
    ).toBe(true);
    expect(await owner.getUser("ghinho")).toMatchObject({ disabled: true, sessionVersion: 2 });
    await owner.revokeSession("jti-1", 2_000_000_000);
    expect(await owner.isRevoked("jti-1")).toBe(true);
    // A read model's header: a rebuild through the owner replaces what it remembered.
    const model = { builtAt: "2026-12-01T00:00:00.000Z", header: { n: 1 }, rows: [] };
    await owner.writeReadModel("rates#x#2026", { ...model, generation: "g1" }, null);
    expect((await owner.readModelHead("rates#x#2026"))?.generation).toBe("g1");
    await owner.writeReadModel("rates#x#2026", { ...model, generation: "g2" }, "g1");
    expect((await owner.readModelHead("rates#x#2026"))?.generation).toBe("g2");
    // Other items are always read from the table.
    await stack.deps.store.putUnits([{ id: "xa-moi", name: "Xã Mới", parentId: "huyen-a", cohort: "commune" }]);
    expect((await owner.getUnit("xa-moi"))?.name).toBe("Xã Mới");
  });
});
