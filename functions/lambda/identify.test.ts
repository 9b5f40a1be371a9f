import { describe, expect, it } from "vitest";
import { callerOf } from "./identify";

describe("callerOf (claims from API Gateway's JWT authorizer)", () => {
  it("names the caller by e-mail (ID token), user name (access token) or subject", () => {
    expect(callerOf({ email: "chu.tich@binh.gov.vn", sub: "s-1" })).toBe("chu.tich@binh.gov.vn");
    expect(callerOf({ username: "u-7", sub: "s-1", token_use: "access" })).toBe("u-7");
    expect(callerOf({ "cognito:username": "u-8", sub: "s-1" })).toBe("u-8");
    expect(callerOf({ sub: "s-1" })).toBe("s-1");
  });

  it("is anonymous without verified claims (the open health check)", () => {
    expect(callerOf(undefined)).toBe("anonymous");
    expect(callerOf({ email: "" })).toBe("anonymous");
  });
});
