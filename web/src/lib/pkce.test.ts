import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorizeUrl, claimsOf, codeChallenge, randomToken } from "./pkce";

describe("PKCE pieces", () => {
  it("makes 43-character base64url verifiers, different every time", () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });

  it("derives the S256 challenge as node:crypto does", async () => {
    // RFC 7636, appendix B.
    expect(await codeChallenge("dBjftJeZ4CVP-mJ92K9EBAJiUd9OWtq4c5XIpAzK5h")).toBe(
      createHash("sha256").update("dBjftJeZ4CVP-mJ92K9EBAJiUd9OWtq4c5XIpAzK5h").digest("base64url"),
    );
    const verifier = randomToken();
    expect(await codeChallenge(verifier)).toBe(createHash("sha256").update(verifier).digest("base64url"));
  });

  it("asks Cognito for a code with the challenge, back to the dashboard", () => {
    const url = new URL(
      authorizeUrl("https://login.example.vn", "client-1", "https://d1.cloudfront.net/", "st-1", "ch-1", "vi"),
    );
    expect(url.origin + url.pathname).toBe("https://login.example.vn/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "client-1",
      redirect_uri: "https://d1.cloudfront.net/",
      scope: "openid email profile",
      state: "st-1",
      code_challenge: "ch-1",
      code_challenge_method: "S256",
      lang: "vi",
    });
  });

  it("reads a token's claims, Vietnamese names included", () => {
    const payload = Buffer.from(JSON.stringify({ email: "a@b.vn", name: "Nguyễn Văn A" })).toString("base64url");
    expect(claimsOf(`h.${payload}.s`)).toEqual({ email: "a@b.vn", name: "Nguyễn Văn A" });
  });
});
