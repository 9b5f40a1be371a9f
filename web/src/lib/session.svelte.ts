// Who is signed in. In the cloud (a /config.json with signIn) staff sign in through Cognito's managed
// login — authorization code with PKCE — and every API call carries their ID token; locally there is no
// sign-in and the session is "local". Tokens live in sessionStorage: gone with the tab.

import { type DashboardConfig, loadConfig, type SignInConfig } from "./config";
import { locale } from "./i18n.svelte";
import { authorizeUrl, claimsOf, codeChallenge, randomToken } from "./pkce";
import { navigate } from "./router.svelte";

type Status = "checking" | "local" | "signedOut" | "signedIn";

export const session = $state<{ status: Status; user: string; error: string | null }>({
  status: "checking",
  user: "",
  error: null,
});

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

function showSignedIn(idToken: string) {
  const claims = claimsOf(idToken);
  session.user = String(claims.email ?? claims["cognito:username"] ?? "");
  session.status = "signedIn";
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

/** Finds out who is here: local, back from the managed login with a code, an open session, or nobody. */
export async function startSession(config?: DashboardConfig): Promise<void> {
  signIn = (config ?? (await loadConfig())).signIn;
  if (!signIn) {
    session.status = "local";
    return;
  }
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
  session.status = (await idToken()) ? "signedIn" : "signedOut";
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

export function signOut(): void {
  sessionStorage.removeItem(TOKENS);
  session.status = "signedOut";
  if (signIn) {
    const query = new URLSearchParams({ client_id: signIn.clientId, logout_uri: redirectUri() });
    window.location.assign(`${signIn.domain}/logout?${query}`);
  }
}

/** A valid ID token (refreshed when it is about to expire), or undefined when nobody is signed in. */
export async function idToken(): Promise<string | undefined> {
  if (!signIn) return undefined;
  const stored = JSON.parse(sessionStorage.getItem(TOKENS) ?? "null") as Tokens | null;
  if (!stored) return undefined;
  if (stored.expiresAt - 60_000 > Date.now()) {
    if (session.status !== "signedIn") showSignedIn(stored.idToken);
    return stored.idToken;
  }
  if (!stored.refreshToken) return undefined;
  try {
    const refreshed = await tokenRequest(signIn, { grant_type: "refresh_token", refresh_token: stored.refreshToken });
    return saveTokens(refreshed, stored).idToken;
  } catch {
    sessionStorage.removeItem(TOKENS);
    session.status = "signedOut";
    return undefined;
  }
}

/** Headers an API call carries: the caller's token when signed in. */
export async function authHeaders(): Promise<Record<string, string>> {
  const token = await idToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The API said 401: the session is over. */
export function sessionExpired(): void {
  if (!signIn) return;
  sessionStorage.removeItem(TOKENS);
  session.status = "signedOut";
}
