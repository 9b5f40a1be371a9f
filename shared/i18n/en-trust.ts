// English messages of sign-in, roles, workflow, publishing and the audit trail.

import type { viTrust } from "./vi-trust";

export const enTrust: Record<keyof typeof viTrust, string> = {
  "auth.required": "Please sign in to use this.",
  "auth.denied.role": "The {role} role may not do this ({action}).",
  "auth.denied.scope": "Unit {unit} is outside the units you are responsible for ({scope}).",
  "auth.denied.province": "This concerns the whole province, outside the units you are responsible for ({scope}).",
  "auth.denied.owner": "You can only see files you uploaded yourself.",
  "auth.badCredentials": "Wrong user name or password.",
  "auth.tooMany": "Too many failed sign-ins. Please try again in {minutes} minutes.",
  "auth.crossSite": "A request from another site was refused (session protection).",
  "auth.sessionEnded": "Your session has expired or is not valid. Please sign in again.",

  "cli.login.help":
    "Usage: npm run -s cli -- login --server URL --username NAME\n\nSigns in to a running ParWatch server; the password comes from PARWATCH_PASSWORD or the first line of stdin. The session is kept in ~/.config/parwatch/sessions.json (readable by you only) and used by commands with --server. PARWATCH_TOKEN can stand in for a login.",
  "cli.logout.help": "Usage: npm run -s cli -- logout --server URL\n\nEnds the saved session with that server.",
  "cli.login.prompt": "Password:",
  "cli.login.done": "Signed in as {username} ({role}). Session kept in {file}.",
  "cli.login.needed":
    "Not signed in to {server}: run npm run -s cli -- login --server {server} --username NAME (or set PARWATCH_TOKEN).",
  "cli.logout.done": "Signed out.",
  "cli.user.help":
    'Usage: npm run -s cli -- user add --username NAME --role admin|inspector|chair|reporter [--unit ID] [--display-name "…"]\n       npm run -s cli -- user list\n\nManages accounts on the data folder itself (no server running), as the machine\'s operator: how the first admin is made. The password (10 characters or more) comes from PARWATCH_NEW_PASSWORD or the first line of stdin.',
  "cli.user.created": "Account {username} ({role}) created.",

  "role.admin": "Administrator",
  "role.inspector": "Inspector (Department of Home Affairs)",
  "role.chair": "Chair of the People's Committee",
  "role.reporter": "Reporter",
  "role.operator": "Server operator",

  "error.user.username":
    "A user name has 3–64 characters: lower-case letters without accents, digits, dot, hyphen or underscore.",
  "error.user.password": "A password needs at least {min} characters.",
  "error.user.role": "The role must be one of: {allowed}.",
  "error.user.unitRequired": "The {role} role needs a unit.",
  "error.user.exists": "There is already an account {username}.",
  "error.user.notFound": "There is no account {username}.",
  "error.user.lastAdmin": "The last active administrator cannot be disabled or given another role.",

  "error.reason.tooLong": "A reason has at most 2,000 characters.",
  "error.user.conflict": "Someone else just changed this account; reload and try again.",
  "error.commitment.reasonRequired": "This commitment is signed: changing it needs a reason (kept and shown).",
  "error.calendar.pastDue": "The due date of {period} has passed ({date}); changing it needs a reason.",
  "error.import.scope": "Unit {unit} is outside the uploader's units.",
  "error.import.frozen": "The results of {cohort} for {period} are published; no new figures are taken for it.",
  "error.import.closed": "{period} is closed for {cohort}: file late figures through the form, with a reason.",
  "error.contentType": "The request body must be JSON (content-type: application/json).",
  "error.date": "A date reads yyyy-mm-dd.",
  "error.year": "A year has 4 digits, e.g. 2026.",
  "error.workflow.status": "The status must be one of: open, closed, appraised, published.",
  "error.reason.required": "Please give a reason for this change.",
  "error.workflow.transition": "Period {period} cannot go from “{from}” to “{to}”.",
  "error.workflow.conflict": "Someone else just changed this period's status; reload and try again.",
  "error.workflow.frozen":
    "The results of {cohort} for {period} are published and cannot change; an administrator must reopen the period.",
  "error.workflow.nothingToPublish": "There are no results of {cohort} for {period} to publish yet.",
  "workflow.status.open": "Open for filing",
  "workflow.status.closed": "Closed",
  "workflow.status.appraised": "Appraised",
  "workflow.status.published": "Published",

  "audit.action.report.file": "Report filed",
  "audit.action.appraisal.save": "Scores entered",
  "audit.action.score.recompute": "Scores recomputed",
  "audit.action.commitment.save": "Commitment saved",
  "audit.action.calendar.save": "Reporting calendar changed",
  "audit.action.unit.import": "Units imported",
  "audit.action.methodology.save": "Methodology loaded",
  "audit.action.user.create": "Account created",
  "audit.action.user.update": "Account changed",
  "audit.action.workflow.move": "Period status changed",
  "audit.action.publish": "Results published",
  "audit.action.import": "File imported",
};
