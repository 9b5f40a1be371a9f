// Signing in as a deployment does it, in Chromium: the dashboard finds a /config.json naming Cognito's
// managed login, sends the person there with a PKCE challenge, exchanges the returned code with the
// verifier, and sends the ID token with every API call. Cognito cannot be reached from here, so its two
// endpoints are answered at the browser's network layer; the API is the real local server, which knows only
// its own sessions: the test records the ID token each call carries and passes the call on with a local
// session of the same role.

import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DASHBOARD_CSP } from "../../shared/content-security";
import { bearerOf, openPage, SHOTS, useProduct } from "../support/browser";

// A managed-login domain as Cognito names it: the cloud's Content-Security-Policy lets the page reach it.
const LOGIN = "https://parwatch-test.auth.ap-southeast-1.amazoncognito.com";
const product = useProduct("parwatch-signin-");

/** An unsigned token with the claims an ID token from the user pool carries (the page only reads them). */
const idToken = (email: string) =>
  [{ alg: "RS256" }, { email, "cognito:groups": ["inspector"], token_use: "id" }, "sig"]
    .map((part) => (typeof part === "string" ? part : Buffer.from(JSON.stringify(part)).toString("base64url")))
    .join(".");

/**
 * Serves the dashboard's pages with the policy CloudFront sends in the cloud (the local server's own
 * allows no sign-in service), so the page's call to Cognito's token endpoint is judged as deployed.
 */
async function asDeployed(page: Page): Promise<void> {
  const origin = new URL(product.server.url).origin;
  await page.route(
    (url) => url.origin === origin && !url.pathname.startsWith("/api/") && !url.pathname.includes("."),
    async (route) => {
      const response = await route.fetch();
      return route.fulfill({
        response,
        headers: { ...response.headers(), "content-security-policy": DASHBOARD_CSP.join("; ") },
      });
    },
  );
}

/** Passes the page's API calls to the local server as the demo inspector; returns the bearers the page sent. */
async function throughLocalApi(page: Page): Promise<Set<string>> {
  const local = await bearerOf(product.server.url, "demo-inspector");
  const bearers = new Set<string>();
  await page.route(`${product.server.url}/api/**`, (route) => {
    const headers = route.request().headers();
    bearers.add(headers.authorization ?? "none");
    return route.continue({ headers: { ...headers, ...local } });
  });
  return bearers;
}

describe("sign-in in a deployment", () => {
  it("goes through the managed login with PKCE and calls the API with the ID token", async () => {
    const page = await openPage(product.browser);
    await page.route("**/config.json", (route) =>
      route.fulfill({ json: { signIn: { domain: LOGIN, clientId: "client-1", region: "ap-southeast-1" } } }),
    );
    let authorize: URLSearchParams | undefined;
    await page.route(`${LOGIN}/oauth2/authorize**`, (route) => {
      authorize = new URL(route.request().url()).searchParams;
      // The person signs in there; Cognito sends them back with a code. (Cognito answers 302; a page that
      // moves on does the same here and lets the return pass through asDeployed, which a 302 would skip.)
      const back = `${product.server.url}/?code=code-1&state=${authorize.get("state")}`;
      return route.fulfill({
        contentType: "text/html",
        body: `<meta http-equiv="refresh" content="0;url=${back.replaceAll("&", "&amp;")}">`,
      });
    });
    let exchange: URLSearchParams | undefined;
    await page.route(`${LOGIN}/oauth2/token`, (route) => {
      exchange = new URLSearchParams(route.request().postData() ?? "");
      return route.fulfill({
        json: { id_token: idToken("thanh.tra@snv.sonha.gov.vn"), refresh_token: "refresh-1", expires_in: 3600 },
      });
    });
    await asDeployed(page);
    const bearers = await throughLocalApi(page);

    await page.goto(`${product.server.url}/filing`);
    await page.waitForSelector("#sign-in-title");
    expect(await page.locator("#sign-in-title").textContent()).toBe("Đăng nhập");
    expect(bearers.size).toBe(0); // nothing asked of the API before signing in
    await page.screenshot({ path: join(SHOTS, "sign-in-vi.png"), fullPage: true });

    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.waitForURL(/\/filing\/district\//);
    await page.waitForSelector("table tbody tr");

    expect(authorize?.get("client_id")).toBe("client-1");
    expect(authorize?.get("redirect_uri")).toBe(`${product.server.url}/`);
    expect(authorize?.get("code_challenge_method")).toBe("S256");
    expect(exchange?.get("grant_type")).toBe("authorization_code");
    expect(exchange?.get("code")).toBe("code-1");
    // The verifier sent with the code is the one the challenge was made from.
    const verifier = exchange?.get("code_verifier") ?? "";
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe(authorize?.get("code_challenge"));
    expect(await page.locator("header .user").textContent()).toBe("thanh.tra@snv.sonha.gov.vn");
    expect([...bearers]).toEqual([`Bearer ${idToken("thanh.tra@snv.sonha.gov.vn")}`]);
    await page.screenshot({ path: join(SHOTS, "signed-in-filing-vi.png") });
    await page.close();
  });

  it("signs out through the managed login and shows the sign-in panel again", async () => {
    const page = await openPage(product.browser);
    await page.route("**/config.json", (route) =>
      route.fulfill({ json: { signIn: { domain: LOGIN, clientId: "client-1", region: "ap-southeast-1" } } }),
    );
    await asDeployed(page);
    await throughLocalApi(page);
    await page.goto(`${product.server.url}/upload`);
    await page.evaluate(
      (token) =>
        sessionStorage.setItem(
          "parwatch.tokens",
          JSON.stringify({ idToken: token, refreshToken: "r", expiresAt: Date.now() + 3_600_000 }),
        ),
      idToken("chu.tich@binh.gov.vn"),
    );
    await page.reload();
    await page.waitForSelector("header .user");
    let logout: URLSearchParams | undefined;
    await page.route(`${LOGIN}/logout**`, (route) => {
      logout = new URL(route.request().url()).searchParams;
      return route.fulfill({ status: 302, headers: { location: `${product.server.url}/` } });
    });
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForSelector("#sign-in-title");
    expect(logout?.get("client_id")).toBe("client-1");
    expect(logout?.get("logout_uri")).toBe(`${product.server.url}/`);
    expect(await page.evaluate(() => sessionStorage.getItem("parwatch.tokens"))).toBeNull();
    await page.close();
  });
});
