// The dashboard's Content-Security-Policy, one list for the local server and CloudFront (so the two
// cannot drift): its own files, the API on the same origin, presigned uploads to S3 and Cognito's token
// endpoint in the cloud. Svelte sets style attributes, hence 'unsafe-inline' for styles only; no inline
// script is allowed anywhere.

export const DASHBOARD_CSP: readonly string[] = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https://*.amazonaws.com https://*.amazoncognito.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** Locally the embedded S3 answers presigned uploads on another loopback port. */
export function localCsp(uploadOrigin: string): string {
  return DASHBOARD_CSP.map((directive) =>
    directive.startsWith("connect-src") ? `connect-src 'self' ${uploadOrigin}` : directive,
  ).join("; ");
}
