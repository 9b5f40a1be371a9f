// Who is calling, in the cloud: the claims API Gateway's JWT authorizer verified (Cognito tokens). A header
// cannot name the caller here — anyone could send one.

import type { LambdaEvent } from "hono/aws-lambda";
import type { Identify } from "../app-of";

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/** The caller's name from verified claims: e-mail (ID token), user name (access token) or subject. */
export function callerOf(claims: Claims | undefined): string {
  const name = claims?.email ?? claims?.username ?? claims?.["cognito:username"] ?? claims?.sub;
  return typeof name === "string" && name !== "" ? name : "anonymous";
}

export const identifyByJwt: Identify = (c) => {
  const event = (c.env as { event?: LambdaEvent } | undefined)?.event;
  const context = event?.requestContext as { authorizer?: { jwt?: { claims?: Claims } } } | undefined;
  return callerOf(context?.authorizer?.jwt?.claims);
};
