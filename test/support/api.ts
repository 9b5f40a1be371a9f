// Requests to the hono app as signed-in users would send them: JSON in, a language, a real session of
// the account `who` names for each request (tests say which role does what).

import type { Deps } from "../../functions/deps";
import { signedIn, type TestAccount } from "./session";

export const TEST_ADMIN: TestAccount = { username: "quantri", role: "admin" };
export const TEST_INSPECTOR: TestAccount = { username: "thanhtra", role: "inspector" };

/** The province's data office (admin) files reports and loads methodologies; the inspector does the rest. */
export const officeOrInspector = (method: string, path: string): TestAccount =>
  path.startsWith("/api/reports") || (method === "PUT" && path.startsWith("/api/methodologies"))
    ? TEST_ADMIN
    : TEST_INSPECTOR;

export function requester(deps: () => Deps, who: (method: string, path: string) => TestAccount) {
  let session: ReturnType<typeof signedIn> | undefined;
  return (method: string, path: string, body?: unknown, lang = "en") => {
    session ??= signedIn(deps(), TEST_INSPECTOR);
    return session.request(
      path,
      {
        method,
        headers: { "content-type": "application/json", "accept-language": lang },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      },
      who(method, path),
    );
  };
}
