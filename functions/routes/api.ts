// The API's route groups that need no file decoding: everything but the templates (routes/files.ts).

import type { RouteGroup } from "../app-of";
import { auditRoutes } from "./audit";
import { authRoutes } from "./auth";
import { briefingRoutes } from "./briefing";
import { commitmentRoutes, unitCommitmentRoutes } from "./commitments";
import { calendarRoutes, filingRoutes } from "./filing";
import { healthRoutes } from "./health";
import { importRoutes } from "./imports";
import { methodologyRoutes } from "./methodologies";
import { periodRoutes } from "./periods";
import { qualityRoutes } from "./quality";
import { rankingRoutes } from "./rankings";
import { reportRoutes } from "./reports";
import { leaderboardRoutes, scoreRoutes } from "./scores";
import { unitRoutes } from "./units";
import { userRoutes } from "./users";
import { workflowRoutes } from "./workflow";

export const apiRoutes: RouteGroup = (deps) => [
  ["/api/health", healthRoutes(deps)],
  ["/api/auth", authRoutes(deps)],
  ["/api/users", userRoutes(deps)],
  ["/api/audit", auditRoutes(deps)],
  ["/api/workflow", workflowRoutes(deps)],
  ["/api/quality", qualityRoutes(deps)],
  ["/api/briefing", briefingRoutes(deps)],
  ["/api/units", unitRoutes(deps)],
  ["/api/units", unitCommitmentRoutes(deps)],
  ["/api/reports", reportRoutes(deps)],
  ["/api/periods", periodRoutes(deps)],
  ["/api/rankings", rankingRoutes(deps)],
  ["/api/methodologies", methodologyRoutes(deps)],
  ["/api/scores", scoreRoutes(deps)],
  ["/api/leaderboards", leaderboardRoutes(deps)],
  ["/api/imports", importRoutes(deps)],
  ["/api/filing", filingRoutes(deps)],
  ["/api/calendars", calendarRoutes(deps)],
  ["/api/commitments", commitmentRoutes(deps)],
];
