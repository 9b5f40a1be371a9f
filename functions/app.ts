// The hono app: the same instance serves the Lambda API and the local server.

import { Hono } from "hono";
import { NotFoundError } from "../shared/errors";
import { pickLang } from "../shared/i18n";
import type { Deps } from "./deps";
import type { AppEnv } from "./env";
import { errorResponse } from "./http-errors";
import { commitmentRoutes, unitCommitmentRoutes } from "./routes/commitments";
import { calendarRoutes, filingRoutes } from "./routes/filing";
import { healthRoutes } from "./routes/health";
import { importRoutes, templateRoutes } from "./routes/imports";
import { methodologyRoutes } from "./routes/methodologies";
import { periodRoutes } from "./routes/periods";
import { rankingRoutes } from "./routes/rankings";
import { reportRoutes } from "./routes/reports";
import { leaderboardRoutes, scoreRoutes } from "./routes/scores";
import { unitRoutes } from "./routes/units";

const USER_HEADER = "x-parwatch-user";

export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use("*", async (c, next) => {
    c.set("lang", pickLang(c.req.query("lang") ?? c.req.header("accept-language")));
    c.set("user", c.req.header(USER_HEADER)?.trim() || "local");
    await next();
  });
  app.onError(errorResponse);
  app.notFound((c) => errorResponse(new NotFoundError("error.notFound"), c));

  app.route("/api/health", healthRoutes(deps));
  app.route("/api/units", unitRoutes(deps));
  app.route("/api/units", unitCommitmentRoutes(deps));
  app.route("/api/reports", reportRoutes(deps));
  app.route("/api/periods", periodRoutes(deps));
  app.route("/api/rankings", rankingRoutes(deps));
  app.route("/api/methodologies", methodologyRoutes(deps));
  app.route("/api/scores", scoreRoutes(deps));
  app.route("/api/leaderboards", leaderboardRoutes(deps));
  app.route("/api/imports", importRoutes(deps));
  app.route("/api/templates", templateRoutes(deps));
  app.route("/api/filing", filingRoutes(deps));
  app.route("/api/calendars", calendarRoutes(deps));
  app.route("/api/commitments", commitmentRoutes(deps));
  return app;
}

export type App = ReturnType<typeof createApp>;
