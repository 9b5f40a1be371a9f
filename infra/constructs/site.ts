// CloudFront in front of the dashboard, the published open data and the API: origin access control (the
// buckets stay private), security headers, HTTPS only, single-page-app routing, and /api/* passed to the
// HTTP API uncached (routeApi, once the API exists: its authorizer needs the sign-in client, whose return
// address is this distribution). The dashboard's files are deployed by dashboard.ts.

import { Duration, Fn } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { HttpOrigin, S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { DASHBOARD_CSP } from "../../shared/content-security";
import { acknowledge } from "../nag";

export interface SiteProps {
  readonly site: IBucket;
  readonly publicData: IBucket;
  readonly logs: IBucket;
}

/** What the dashboard may load (shared/content-security.ts, the same list the local server sends). */
const CONTENT_SECURITY_POLICY = DASHBOARD_CSP.join("; ");

/**
 * CloudFront Function (viewer request): a path whose last segment has no dot is a client-side route — of
 * the public pages (/cong-khai…, their own small app) or of the staff dashboard.
 */
export const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var last = uri.split("/").pop();
  if (last.indexOf(".") === -1) {
    request.uri = uri === "/cong-khai" || uri.indexOf("/cong-khai/") === 0 ? "/cong-khai.html" : "/index.html";
  }
  return request;
}`;

export class Site extends Construct {
  readonly distribution: Distribution;
  /** https://… of the distribution: the dashboard's address. */
  readonly url: string;
  private readonly headers: ResponseHeadersPolicy;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const headers = new ResponseHeadersPolicy(this, "SecurityHeaders", {
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        xssProtection: { protection: true, modeBlock: true, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
      },
    });
    this.headers = headers;
    // Open data is for anyone to fetch (CORS) and the badge cards are framed on units' portals: the public
    // files may be embedded anywhere, and run nothing (no script allowed in them).
    const publicHeaders = new ResponseHeadersPolicy(this, "PublicDataHeaders", {
      corsBehavior: {
        accessControlAllowOrigins: ["*"],
        accessControlAllowMethods: ["GET", "HEAD"],
        accessControlAllowHeaders: ["*"],
        accessControlAllowCredentials: false,
        originOverride: true,
      },
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: {
          contentSecurityPolicy:
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors *",
          override: true,
        },
      },
    });
    // Client-side routes (/units/…, /leaderboard/…) load the single-page app. Done per request on the
    // dashboard's behaviour only — error pages would also turn the API's 403/404 answers into index.html.
    const spaRouting = new CloudFrontFunction(this, "SpaRouting", {
      comment: "Paths without a file extension load /index.html",
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(SPA_ROUTING),
    });
    this.distribution = new Distribution(this, "Distribution", {
      comment: "ParWatch dashboard and open data",
      defaultRootObject: "index.html",
      // Viewers are in Vietnam: the price class that includes Asian edge locations, not all of them.
      priceClass: PriceClass.PRICE_CLASS_200,
      // Standard access logs, beside the buckets' own.
      enableLogging: true,
      logBucket: props.logs,
      logFilePrefix: "cloudfront/",
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        // Published rankings and open-data downloads: read straight from S3, no Lambda on the public path.
        // Each object carries its Cache-Control (snapshots immutable for a year, the index and the latest
        // badges a minute): CachingOptimized follows it.
        "/public/*": {
          origin: S3BucketOrigin.withOriginAccessControl(props.publicData),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          responseHeadersPolicy: publicHeaders,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        },
      },
    });
    acknowledge(
      this.distribution,
      "CFR1",
      "Transparency pages are for everyone, Vietnamese abroad included; staff routes need a Cognito token anyway.",
    );
    acknowledge(
      this.distribution,
      "CFR2",
      "A CloudFront web ACL must live in us-east-1 (a second stack) and costs from about 6 USD a month; the API is " +
        "throttled at its stage. Adding WAF is listed under README, Operate, for provinces that want it.",
    );
    acknowledge(
      this.distribution,
      "CFR4",
      "The default *.cloudfront.net certificate (no custom domain yet) cannot set a minimum TLS version; with a " +
        "province's domain and certificate, set minimumProtocolVersion TLS_V1_2_2021.",
    );
    this.url = `https://${this.distribution.distributionDomainName}`;
  }

  /**
   * The staff API on the dashboard's own origin: no CORS, never cached, every header but Host (API Gateway
   * routes on its own host name) passed on, Authorization included.
   */
  routeApi(api: IHttpApi): void {
    // The API's host name, from its endpoint https://{id}.execute-api.{region}.amazonaws.com.
    const apiDomain = Fn.select(2, Fn.split("/", api.apiEndpoint));
    this.distribution.addBehavior(
      "/api/*",
      new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
      {
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headers,
      },
    );
  }
}
