// The CLI's own text in English: every key of vi-cli.ts, checked by the type.

import type { viCli } from "./vi-cli";

export const enCli: Record<keyof typeof viCli, string> = {
  "cli.usage":
    "Usage: npm run -s cli -- <command> [options]\n\nCommands:\n  rank    Rank units by index (file unit,index[,cohort])\n  score   Score units with a methodology (file unit,criterion,value)\n  sipas   Aggregate SIPAS satisfaction from survey answers\n  import  Import a reports, units, SIPAS or commitments file (all or nothing)\n  seed    Write the demo province into a deployed table on AWS\n  rebuild Rebuild every leaderboard, commitments matrix and filing list from the source items\n\nAdd --help after a command for details. --lang vi for Vietnamese.",
  "cli.rank.help":
    "Usage: npm run -s cli -- rank --input FILE.csv [--bands ID] [--format csv|json] [--output FILE]\n\nInput: columns unit,index (optional cohort). Ranks within each cohort, index descending, ties share a rank (1, 2, 2, 4).\nOutput: rank,unit,index,band (plus cohort when given).\n--bands  par-national (A ≥ 90, B 80–<90, C < 80; the default) or a bundled methodology id: {methodologies}.",
  "cli.score.help":
    "Usage: npm run -s cli -- score --methodology ID|FILE.json --input FILE.csv [--format csv|json] [--output FILE]\n\nLong-format input: unit,criterion,value. criterion is a leaf id (or a deduction id); value is the rate in % for formula leaves, the index in % for survey leaves, the appraised points for manual leaves, the points taken off for deductions.\nOutput per unit: area scores, total, index, rank, band, inputs still missing.\nBundled methodologies: {methodologies}.",
  "cli.sipas.help":
    "Usage: npm run -s cli -- sipas --input FILE.csv [--methodology ID|FILE.json] [--format csv|json] [--output FILE]\n\nInput: respondent,unit,element,criterion,answer (answer 1–5, blank = no answer; optional needs: codes separated by ;).\nOutput per unit: respondents, valid answers, element indices, SIPAS, minimum sample (N unknown, so the limit 1/e²) and a small-sample warning.\nThe file is streamed: millions of rows need little memory.",
  "cli.import.help":
    "Usage: npm run -s cli -- import --kind reports|units|sipas|commitments FILE [--period PERIOD] [--server URL | --table TABLE --bucket BUCKET] [--user NAME]\n\nImports a CSV or Excel (.xlsx; SIPAS: CSV only) file — all of it or nothing.\nWithout --server: writes straight into the data folder DATA_DIR (default .data/) while no server runs.\nWith --server: uploads to a running server (e.g. http://127.0.0.1:3000) as the Upload page does.\nWith --table and --bucket: writes into a deployment on AWS (its DynamoDB table and uploads bucket, from the cdk deploy outputs) with your AWS credentials.\n--period: the survey period of a SIPAS file (e.g. 2025).\nExit code 0 when the whole file was accepted, 2 when it was rejected (every row error printed).",
  "cli.import.reading": "Reading {file}…",
  "cli.seed.help":
    "Usage: npm run -s cli -- seed --table TABLE --bucket BUCKET\n\nWrites the demo province (the one npm start seeds on its first run) into a deployment's DynamoDB table with your AWS credentials (AWS_PROFILE, AWS_REGION). Only into a table that holds no units yet.",
  "cli.seed.writing": "Writing the demo province…",
  "cli.rebuild.help":
    "Usage: npm run -s cli -- rebuild [--table TABLE --bucket BUCKET]\n\nBuilds again, from the source items (reports, scores, commitments, calendars), every precomputed list the leaderboards, commitments matrix and filing pages read. Source items are only read.\nWithout --table: the data folder DATA_DIR (default .data/) while the server is stopped. With --table and --bucket: a deployment on AWS.",
  "cli.rebuild.progress": "Rebuilt {done} of {total} read models…",
  "cli.rebuild.dropped": "Dropped read model {id}: it could not be built ({message}).",
  "cli.rebuild.done": "Rebuilt {refreshed} read models from the source items, dropped {dropped} ({seconds} s).",
  "cli.seed.done":
    "Wrote the demo province: {units} units, {reportVersions} report versions, {appraisals} appraisals, {surveyAnswers} survey answers, {scorecards} scorecards, {commitments} commitments ({seconds} s).",
  "cli.seed.notEmpty": "The table already holds {units} units: the demo province is not written over existing data.",
  "cli.import.applying": "Writing",
  "cli.import.applied": "Imported {rows} rows from {file} (import {importId}) in {seconds} s.",
  "cli.import.duplicate": "This file was imported before (import {importId}); nothing more was written.",
  "cli.import.failed": "Import {importId} stopped with status {status}.",
  "cli.import.locked":
    "The data folder {dataDir} is in use by a running ParWatch server. Use --server {url} to import through it.",
  "cli.import.recovered": "Finished {applied} interrupted imports; {failed} uncommitted ones marked failed.",
  "cli.import.serverMessage": "{message}",
  "cli.error.unknownCommand": "Unknown command: {command}.",
  "cli.error.option": "Invalid option: {detail}",
  "cli.error.required": "Missing option --{option}.",
  "cli.error.format": "--format must be csv or json.",
  "cli.error.file": "Cannot read {file}: {detail}",
  "cli.error.columns": "The file lacks columns: {columns}. Expected: {expected}.",
  "cli.error.row": "Row {row}, column {column} ({value}): {message}",
  "cli.error.moreRows": "… and {count} more errors.",
  "cli.error.rejected": "File rejected: {count} errors. No result was written.",
  "cli.error.bands": "No band set {value}. Use par-national or: {known}.",
  "cli.error.methodology": "No methodology {value}: not a bundled id ({known}) and not a readable JSON file.",
  "cli.error.methodologyInvalid": "The methodology in {file} is invalid:",
  "cli.error.methodologyKind": "Methodology {id} cannot be used by this command (it needs kind {kind}).",
  "cli.error.number": "must be a number",
  "cli.error.indexRange": "must be between 0 and 100",
  "cli.error.duplicateUnit": "unit already given on row {first}",
  "cli.error.unknownCriterion": "not in methodology {methodology}",
  "cli.error.pointsRange": "must be between 0 and {max}",
  "cli.error.duplicateCriterion": "this criterion of the unit was already given on row {first}",
  "cli.error.requiredCell": "required",
  "cli.progress": "{rows} rows read…",
  "cli.sipas.summary": "{units} units, {rows} rows, {seconds} s.",
  "cli.sipas.warnSample": "Warning: {count} units have fewer respondents than the minimum sample.",
};
