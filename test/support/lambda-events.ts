// Event payloads as AWS delivers them to the Lambdas: API Gateway HTTP API (payload format 2.0) with a
// verified JWT, an S3 "ObjectCreated:Put" notification (event version 2.1), and the input an EventBridge
// rule target sends.

/** Claims API Gateway's JWT authorizer passes on from a Cognito ID token. */
export function cognitoClaims(email: string, groups: readonly string[], unitId?: string): Record<string, string> {
  return {
    sub: "2f6c1d2e-7a0b-4c5d-9e8f-112233445566",
    email,
    "cognito:groups": `[${groups.join(" ")}]`,
    ...(unitId ? { "custom:unitId": unitId } : {}),
    "cognito:username": "2f6c1d2e-7a0b-4c5d-9e8f-112233445566",
    iss: "https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_Example",
    aud: "4example1client2id3",
    token_use: "id",
  };
}

export function apiEvent(
  method: string,
  path: string,
  options: { body?: unknown; query?: string; claims?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  return {
    version: "2.0",
    routeKey: options.claims ? "ANY /api/{proxy+}" : "GET /api/health",
    rawPath: path,
    rawQueryString: options.query ?? "",
    headers: {
      "accept-language": "vi",
      "content-type": "application/json",
      host: "d111111abcdef8.cloudfront.net",
      ...options.headers,
    },
    requestContext: {
      accountId: "123456789012",
      apiId: "a1b2c3d4e5",
      ...(options.claims ? { authorizer: { jwt: { claims: options.claims, scopes: null } } } : {}),
      domainName: "a1b2c3d4e5.execute-api.ap-southeast-1.amazonaws.com",
      domainPrefix: "a1b2c3d4e5",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "203.113.0.10", userAgent: "Mozilla/5.0" },
      requestId: "Ab1Cd2Ef3Gh=",
      routeKey: options.claims ? "ANY /api/{proxy+}" : "GET /api/health",
      stage: "$default",
      time: "23/Nov/2026:03:00:00 +0000",
      timeEpoch: 1795409200000,
    },
    isBase64Encoded: false,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  };
}

/** An S3 event notification for one object: the key URL-encoded with spaces as "+", as S3 writes it. */
export function s3PutEvent(bucket: string, key: string, size: number) {
  return {
    Records: [
      {
        eventVersion: "2.1",
        eventSource: "aws:s3",
        awsRegion: "ap-southeast-1",
        eventTime: "2026-11-23T03:00:00.000Z",
        eventName: "ObjectCreated:Put",
        userIdentity: { principalId: "AWS:AROAEXAMPLE:parwatch-api" },
        requestParameters: { sourceIPAddress: "203.113.0.10" },
        responseElements: {
          "x-amz-request-id": "C3D13FE58DE4C810",
          "x-amz-id-2": "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S",
        },
        s3: {
          s3SchemaVersion: "1.0",
          configurationId: "ParWatchIngest",
          bucket: {
            name: bucket,
            ownerIdentity: { principalId: "A3NL1KOZZKExample" },
            arn: `arn:aws:s3:::${bucket}`,
          },
          object: {
            key: encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/"),
            size,
            eTag: "0123456789abcdef0123456789abcdef",
            versionId: "096fKKXTRTtl3on89fVO.nfljtsv6qko",
            sequencer: "0A1B2C3D4E5F678901",
          },
        },
      },
    ],
  };
}
