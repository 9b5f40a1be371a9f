// Staff sign-in: a Cognito user pool where an administrator creates every account (no self sign-up),
// one group per staff role, Cognito's managed login on a prefix domain, an app client for the dashboard
// (authorization code with PKCE, back to the dashboard's address), and the JWT authorizer of the HTTP API.

import { Aws, Duration, RemovalPolicy } from "aws-cdk-lib";
import { HttpUserPoolAuthorizer } from "aws-cdk-lib/aws-apigatewayv2-authorizers";
import {
  AccountRecovery,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";
import { ROLE_DESCRIPTIONS, STAFF_ROLES } from "../../shared/roles";
import { acknowledge } from "../nag";

export interface AuthProps {
  readonly stage: "dev" | "prod";
  /** https://… where the dashboard is served: where sign-in returns to. */
  readonly dashboardUrl: string;
}

export class Auth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  readonly authorizer: HttpUserPoolAuthorizer;
  /** https://… of the managed login (its /oauth2/authorize and /oauth2/token). */
  readonly domainUrl: string;

  constructor(scope: Construct, id: string, props: AuthProps) {
    super(scope, id);
    const prod = props.stage === "prod";
    this.userPool = new UserPool(this, "Staff", {
      // Accounts are for named officials: an administrator creates them (README "first admin user").
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff accounts change official figures: an authenticator app is required, SMS is not offered.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // The unit a chair or reporter works on (their scope): set by an administrator, read by the API from
      // the ID token's custom:unitId claim (functions/auth/identify.ts). Users cannot change it.
      customAttributes: { unitId: new StringAttribute({ mutable: true, maxLen: 200 }) },
      // Essentials: the free tier's plan; threat protection (Plus) is a per-user cost a province can add.
      featurePlan: FeaturePlan.ESSENTIALS,
      userInvitation: {
        emailSubject: "Tài khoản ParWatch của bạn",
        emailBody:
          "Xin chào, tài khoản ParWatch của bạn đã được tạo. Tên đăng nhập: {username} · Mật khẩu tạm thời: {####} " +
          "(đổi mật khẩu và cài ứng dụng xác thực ở lần đăng nhập đầu tiên, trong 3 ngày).",
      },
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.userPool,
      "COG8",
      "Threat protection (Plus plan) costs per monthly active user; MFA with an authenticator app is required " +
        "instead. A province can switch featurePlan to PLUS (README, Operate).",
    );
    for (const role of STAFF_ROLES) {
      // Group names are the role names: they arrive in the token's cognito:groups claim.
      new CfnUserPoolGroup(this, `Group-${role}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: role,
        description: ROLE_DESCRIPTIONS[role],
      });
    }
    // A prefix domain needs no certificate; the account id keeps it unique (it must be, per region).
    const domain = this.userPool.addDomain("Login", {
      cognitoDomain: { domainPrefix: `parwatch-${props.stage}-${Aws.ACCOUNT_ID}` },
    });
    this.domainUrl = domain.baseUrl();
    this.client = this.userPool.addClient("Dashboard", {
      // A browser app cannot keep a secret: the authorization code flow with PKCE, no client secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [`${props.dashboardUrl}/`],
        logoutUrls: [`${props.dashboardUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      // The scope is the administrator's to set: the dashboard may read custom:unitId but never write it.
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true })
        .withCustomAttributes("unitId"),
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true }),
      // An hour's access, a working week before signing in again.
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(7),
    });
    this.authorizer = new HttpUserPoolAuthorizer("StaffAuthorizer", this.userPool, {
      userPoolClients: [this.client],
    });
  }
}
