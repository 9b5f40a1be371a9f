// The one authorization middleware: each route names its action and where the unit comes from, and
// `can(...)` asks shared/access/authorize before the handler runs — 401 without a session, 403 out of
// role or scope, each with a sentence in the caller's language. Lists that a scoped role may read in
// part (filing, commitments) pass `listed` and keep only the rows in scope (`inScope`).

import type { Context, MiddlewareHandler } from "hono";
import { type Action, authorize, type Resource, reachOf } from "../../shared/access/authorize";
import type { Identity } from "../../shared/access/identity";
import { ForbiddenError, UnauthorizedError } from "../../shared/errors";
import { ancestry, type Unit } from "../../shared/units";
import type { Deps } from "../deps";
import type { AppEnv } from "../env";

/** Where a route's unit id comes from: a path parameter, a query value, a JSON body field. */
export type UnitSource = (c: Context<AppEnv>) => Promise<string | undefined> | string | undefined;

export const fromParam =
  (name: string): UnitSource =>
  (c) =>
    c.req.param(name);
export const fromQuery =
  (name: string): UnitSource =>
  (c) =>
    c.req.query(name) || undefined;
export const fromBody =
  (name: string): UnitSource =>
  async (c) => {
    // hono keeps the parsed body: the handler reads the same one.
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    const value = body && typeof body === "object" ? body[name] : undefined;
    return typeof value === "string" ? value : undefined;
  };

/** The unit and its ancestors, root first; an unknown unit is its own path (only province-wide roles reach it). */
export function unitPath(units: readonly Unit[], unitId: string): string[] {
  const chain = ancestry(units, unitId).map((unit) => unit.id);
  return chain.at(-1) === unitId ? chain : [...chain, unitId];
}

/** Throws unless the identity may do `action` on `resource`. */
export function demand(identity: Identity, action: Action, resource: Resource = {}): void {
  const decision = authorize(identity, action, resource);
  if (decision.allow) return;
  if (decision.status === 401) throw new UnauthorizedError(decision.key, decision.params);
  throw new ForbiddenError(decision.key, decision.params);
}

/** Throws unless the identity may do `action` on the unit (looked up in the unit tree). */
export async function demandForUnit(deps: Deps, identity: Identity, action: Action, unitId: string): Promise<void> {
  if (identity.kind !== "user") return demand(identity, action, { unitPath: [unitId] });
  if (reachOf(identity, action) === "province") return;
  demand(identity, action, { unitPath: unitPath(await deps.store.listUnits(), unitId) });
}

/** A predicate over unit ids: those the identity may do `action` on. */
export function inScope(identity: Identity, action: Action, units: readonly Unit[]): (unitId: string) => boolean {
  const reach = reachOf(identity, action);
  if (reach === "province") return () => true;
  return (unitId) => authorize(identity, action, { unitPath: unitPath(units, unitId) }).allow;
}

/** inScope for rows that carry their path of unit ids from the root (read models): no unit list to read. */
export function inScopeByPath(identity: Identity, action: Action): (path: readonly string[]) => boolean {
  const reach = reachOf(identity, action);
  if (reach === "province") return () => true;
  return (path) => authorize(identity, action, { unitPath: [...path] }).allow;
}

const GUARD = Symbol("guard");

/** What a route's guard demands ("open" for the open routes); undefined for a handler that is no guard. */
export function guardOf(handler: unknown): ActionOf | "open" | undefined {
  return typeof handler === "function" && GUARD in handler
    ? (handler as unknown as Record<typeof GUARD, ActionOf | "open">)[GUARD]
    : undefined;
}

/** The action a route needs: fixed, one of several (any will do; the service checks each part), or read from the request. */
export type ActionOf = Action | readonly Action[] | ((c: Context<AppEnv>) => Promise<Action> | Action);

/**
 * The route's authorization. `target` omitted: the whole province. A UnitSource: that unit.
 * "listed": any reach of the action will do; the handler filters its rows with inScope.
 */
export function can(deps: Deps, actionOf: ActionOf, target?: UnitSource | "listed"): MiddlewareHandler<AppEnv> {
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const identity = c.get("identity");
    const actions: readonly Action[] =
      typeof actionOf === "function" ? [await actionOf(c)] : typeof actionOf === "string" ? [actionOf] : actionOf;
    const unitId = target && target !== "listed" ? await target(c) : undefined;
    let refusal: unknown;
    for (const action of actions) {
      try {
        // A body without its unit id is refused by the route's schema (400): here any reach will do.
        if (target === "listed" || (target && unitId === undefined)) {
          if (!reachOf(identity, action)) demand(identity, action);
        } else if (unitId !== undefined) {
          await demandForUnit(deps, identity, action, unitId);
        } else {
          demand(identity, action);
        }
        refusal = undefined;
        break;
      } catch (error) {
        refusal ??= error;
      }
    }
    if (refusal) throw refusal;
    await next();
  };
  return Object.assign(guard, { [GUARD]: actionOf });
}

/** For routes anyone may call (health, sign-in): marked so the route table test sees the choice was made. */
export function open(): MiddlewareHandler<AppEnv> {
  const pass: MiddlewareHandler<AppEnv> = async (_c, next) => {
    await next();
  };
  return Object.assign(pass, { [GUARD]: "open" });
}
