// The deployment's settings for the browser: /config.json, written by the cloud stack next to the
// dashboard's files (infra/constructs/dashboard.ts). The local server has none: no sign-in there.

export interface SignInConfig {
  /** https://… of Cognito's managed login. */
  readonly domain: string;
  readonly clientId: string;
  readonly region: string;
}

export interface DashboardConfig {
  readonly signIn?: SignInConfig;
}

export async function loadConfig(): Promise<DashboardConfig> {
  try {
    const response = await fetch("/config.json", { cache: "no-store" });
    // Locally the single-page fallback answers with index.html: that is "no config".
    if (!response.ok || !response.headers.get("content-type")?.includes("json")) return {};
    return (await response.json()) as DashboardConfig;
  } catch {
    return {};
  }
}
