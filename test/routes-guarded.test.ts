// Every route of the app names its authorization: a `can(...)` guard or an explicit `open()`. A route
// added without one fails here, before anyone can reach it unchecked.

import { describe, expect, it } from "vitest";
import { createApp } from "../functions/app";
import { guardOf } from "../functions/auth/guard";
import { identifyBySession } from "../functions/auth/identify";
import { useTestStack } from "./support/stack";

const stack = useTestStack();
const OPEN = ["GET /api/health", "POST /api/auth/login", "POST /api/auth/logout", "GET /api/auth/me"];

describe("the route table", () => {
  it("has an authorization guard on every route, and only sign-in and health are open", () => {
    const app = createApp(stack.deps, { identify: identifyBySession(stack.deps) });
    const routes = new Map<string, { guarded: boolean; open: boolean }>();
    for (const route of app.routes) {
      if (route.method === "ALL") continue; // the frame's middleware
      const key = `${route.method} ${route.path}`;
      const entry = routes.get(key) ?? { guarded: false, open: false };
      const guard = guardOf(route.handler);
      if (guard !== undefined) {
        entry.guarded = true;
        entry.open ||= guard === "open";
      }
      routes.set(key, entry);
    }
    expect(routes.size).toBeGreaterThan(35);
    const unguarded = [...routes].filter(([, entry]) => !entry.guarded).map(([key]) => key);
    expect(unguarded).toEqual([]);
    const open = [...routes].filter(([, entry]) => entry.open).map(([key]) => key);
    expect(open.sort()).toEqual([...OPEN].sort());
  });
});
