// Who is signed in, and as what role. Locally the server signs staff in with a user name and password and
// keeps the session in an HttpOnly cookie (the page never sees the token); in the cloud (a /config.json
// with signIn) staff sign in through Cognito's managed login — authorization code with PKCE — and every
// API call carries their ID token, kept in sessionStorage: gone with the tab.

import { identityFromClaims } from "../../../shared/access/identity";
import type { StaffRole } from "../../../shared/roles";
import { type DashboardConfig, loadConfig, type SignInConfig } from "./config";
import { locale, t } from "./i18n.svelte";
import { authorizeUrl, claimsOf, codeChallenge, randomToken } from "./pkce";
import { navigate } from "./router.svelte";

type Status = "checking" | "signedOut" | "signedIn";

export interface SessionUser {
  readonly username: string;
  readonly role: StaffRole;
  /** The unit of a chair or reporter; null for the province-wide roles. */
  readonly unitId: string | null;
  readonly displayName: string;
}

export const session = $state<{
  status: Status;
  /** local: password sign-in and a cookie · cloud: Cognito and a bearer token. */
  mode: "local" | "cloud";
  user: SessionUser | null;
  /** Shown on the sign-in page: why the person is there again. */
  error: string | null;
}>({ status: "checking", mode: "local", user: null, error: null });

interface Tokens {
  idToken: string;
  refreshToken?: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const TOKENS = "parwatch.tokens";
const PENDING = "parwatch.signIn";
let signIn: SignInConfig | undefined;

const redirectUri = () => `${window.location.origin}/`;

/** The API's message of a refused call, or its status when it sent none. */
async function messageOf(response: Response): Promise<string> {
  const answer = (await response.json().catch(() => undefined)) as { errors?: { message: string }[] } | undefined;
  return answer?.errors?.map((error) => error.message).join(" ") || `HTTP ${response.status}`;
}

function becomeSignedIn(user: SessionUser) {
  session.user = user;
  session.error = null;
  session.status = "signedIn";
}

function becomeSignedOut(error: string | null = null) {
  session.user = null;
  session.error = error;
  session.status = "signedOut";
}

// ——— local: user name and password, an HttpOnly cookie ———

/** Signs in with the local server; throws with the API's message (wrong password, too many tries). */
export async function logIn(username: string, password: string): Promise<SessionUser> {
  const response = await fetch("/api/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": locale.lang, "x-parwatch-source": "form" },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(await messageOf(response));
  const answer = (await response.json()) as { user: SessionUser };
  becomeSignedIn(answer.user);
  return answer.user;
}

async function resumeLocal(): Promise<void> {
  const response = await fetch("/api/auth/me", { headers: { "accept-language": locale.lang } }).catch(() => null);
  if (!response?.ok) return becomeSignedOut();
  const { user } = (await response.json()) as { user: Omit<SessionUser, "displayName"> & { displayName?: string } };
  // /me names no display name: the user name stands in until the next sign-in.
  becomeSignedIn({ ...user, displayName: user.displayName ?? user.username });
}

// ——— cloud: Cognito's managed login, an ID token ———

function saveTokens(answer: { id_token: string; refresh_token?: string; expires_in: number }, previous?: Tokens) {
  const tokens: Tokens = {
    idToken: answer.id_token,
    refreshToken: answer.refresh_token ?? previous?.refreshToken,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
  sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
  showSignedIn(tokens.idToken);
  return tokens;
}

/** The role and unit as the API reads them from the same claims (the highest group; custom:unitId). */
function showSignedIn(idToken: string) {
  const claims = claimsOf(idToken);
  const identity = identityFromClaims(claims);
  if (identity.kind !== "user") {
    sessionStorage.removeItem(TOKENS);
    // Signed in at Cognito but in no ParWatch group: the API would refuse every call.
    return becomeSignedOut(t("login.noRole"));
  }
  const { username, role, unitId } = identity;
  becomeSignedIn({ username, role, unitId, displayName: typeof claims.name === "string" ? claims.name : username });
}

async function tokenRequest(config: SignInConfig, body: Record<string, string>) {
  const response = await fetch(`${config.domain}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: config.clientId, ...body }),
  });
  if (!response.ok) throw new Error(`sign-in: HTTP ${response.status}`);
  return (await response.json()) as { id_token: string; refresh_token?: string; expires_in: number };
}

/** Finds out who is here: a local session, back from the managed login with a code, an open session, or nobody. */
export async function startSession(config?: DashboardConfig): Promise<void> {
  signIn = (config ?? (await loadConfig())).signIn;
  if (!signIn) {
    session.mode = "local";
    return resumeLocal();
  }
  session.mode = "cloud";
  const query = new URLSearchParams(window.location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null") as { state: string; verifier: string } | null;
  if (query.has("code") && pending && query.get("state") === pending.state) {
    sessionStorage.removeItem(PENDING);
    try {
      saveTokens(
        await tokenRequest(signIn, {
          grant_type: "authorization_code",
          code: query.get("code") as string,
          redirect_uri: redirectUri(),
          code_verifier: pending.verifier,
        }),
      );
      // Back to where the person was before signing in, without the code in the address bar.
      navigate(sessionStorage.getItem(`${PENDING}.path`) ?? "/", true);
      return;
    } catch (failure) {
      session.error = (failure as Error).message;
    }
  }
  if (!(await idToken()) && session.status !== "signedOut") becomeSignedOut(session.error);
}

/** Sends the person to the managed login; they come back to redirectUri with a code. */
export async function beginSignIn(): Promise<void> {
  if (!signIn) return;
  const state = randomToken();
  const verifier = randomToken();
  sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier }));
  sessionStorage.setItem(`${PENDING}.path`, `${window.location.pathname}${window.location.search}`);
  window.location.assign(
    authorizeUrl(signIn.domain, signIn.clientId, redirectUri(), state, await codeChallenge(verifier), locale.lang),
  );
}

export async function signOut(): Promise<void> {
  if (!signIn) {
    // The server revokes the session and clears the cookie; signed out here whatever it answers.
    await fetch("/api/auth/logout", { method: "POST", headers: { "x-parwatch-source": "form" } }).catch(() => null);
    becomeSignedOut();
    // The next person to sign in starts from their own home page.
    navigate("/", true);
    return;
  }
  sessionStorage.removeItem(TOKENS);
  becomeSignedOut();
  const query = new URLSearchParams({ client_id: signIn.clientId, logout_uri: redirectUri() });
  window.location.assign(`${signIn.domain}/logout?${query}`);
}

/** A valid ID token (refreshed when it is about to expire), or undefined when nobody is signed in. */
export async function idToken(): Promise<string | undefined> {
  if (!signIn) return undefined;
  const stored = JSON.parse(sessionStorage.getItem(TOKENS) ?? "null") as Tokens | null;
  if (!stored) return undefined;
  if (stored.expiresAt - 60_000 > Date.now()) {
    if (session.status !== "signedIn") showSignedIn(stored.idToken);
    return session.status === "signedIn" ? stored.idToken : undefined;
  }
  if (!stored.refreshToken) return undefined;
  try {
    const refreshed = await tokenRequest(signIn, { grant_type: "refresh_token", refresh_token: stored.refreshToken });
    return saveTokens(refreshed, stored).idToken;
  } catch {
    sessionStorage.removeItem(TOKENS);
    becomeSignedOut();
    return undefined;
  }
}

/** Headers an API call carries: the caller's token in the cloud (locally the cookie goes by itself). */
export async function authHeaders(): Promise<Record<string, string>> {
  const token = await idToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The API said 401: the session is over; the sign-in page says why. */
export function sessionExpired(message: string): void {
  if (session.status !== "signedIn") return;
  if (signIn) sessionStorage.removeItem(TOKENS);
  becomeSignedOut(message);
}
