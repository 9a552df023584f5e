// The small precomputed skeleton every table reads: years, organizations, who is enrolled where, the
// master schedule and the staff. Everything per student is derived from it on demand.
import type { DataStandard } from "../../lib/catalog.js";
import { planSchoolYear, type SchoolYearPlan } from "./schoolYear.js";
import { planEdOrgs, type EdOrgPlan } from "./organizations.js";
import { Roster } from "./roster.js";
import { Schedule } from "./schedule.js";
import { StaffPlan } from "./staffing.js";
import type { DistrictOptions } from "./types.js";

export interface Model {
  seed: number;
  ds: DataStandard;
  /** Ascending. */
  years: SchoolYearPlan[];
  edorgs: EdOrgPlan;
  roster: Roster;
  schedule: Schedule;
  staff: StaffPlan;
}

export function buildModel(options: DistrictOptions): Model {
  if (!Number.isInteger(options.students) || options.students < 1) throw new RangeError("students must be a positive integer");
  if (options.years.length === 0) throw new RangeError("years must not be empty");
  const years = [...new Set(options.years)].sort((a, b) => a - b);
  const edorgs = planEdOrgs(options.students);
  const roster = new Roster(options.seed, options.students, years, edorgs);
  const schedule = new Schedule(options.seed, roster, edorgs);
  return {
    seed: options.seed,
    ds: options.dataStandard,
    years: years.map(planSchoolYear),
    edorgs,
    roster,
    schedule,
    staff: new StaffPlan(edorgs, schedule),
  };
}

/**
 * The rosters (staff and student section associations) of the latest year's last session are left open,
 * without endDate, as districts often send them until the year is closed: so views of current rosters
 * (AMT StaffSectionDim, row-level security's section scope) have rows after the year too.
 */
export function openRoster(m: Model, t: number, session: number): boolean {
  return t === m.years.length - 1 && session === m.years[t].sessions.length - 1;
}
