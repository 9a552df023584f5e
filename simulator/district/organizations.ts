// The education organizations: one state agency, one service center, one district and its schools
// (about one per 500 students) at three levels, with the feeder pattern elementary → middle → high.
import type { Code } from "./descriptors.js";

export interface Level {
  name: string;
  category: Code<"SchoolCategory">;
  /** Grade levels served, 0 = Kindergarten. */
  grades: number[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const LEVELS: Level[] = [
  { name: "Elementary", category: "Elementary School", grades: range(0, 5) },
  { name: "Middle", category: "Middle School", grades: range(6, 8) },
  { name: "High", category: "High School", grades: range(9, 12) },
];
export const GRADES = 13;

export const levelOf = (grade: number) => (grade <= 5 ? 0 : grade <= 8 ? 1 : 2);

export interface SchoolPlan {
  /** Position in EdOrgPlan.schools. */
  index: number;
  id: number;
  name: string;
  level: number;
  /** Position among the schools of its level. */
  rank: number;
}

export interface EdOrgPlan {
  sea: { id: number; name: string };
  esc: { id: number; name: string };
  lea: { id: number; name: string };
  schools: SchoolPlan[];
  byLevel: SchoolPlan[][];
  /** [feeder school index, receiving school index] */
  feeders: [number, number][];
}

const PLACES = [
  "Oak Ridge", "Maple Grove", "Cedar Hills", "Willow Creek", "Pine Valley", "Riverside", "Lakeview", "Sunnyside",
  "Brookfield", "Fairview", "Highland", "Meadowbrook", "Northgate", "Southpark", "Eastwood", "Westfield",
  "Stonebridge", "Clearwater", "Hillcrest", "Parkside", "Spring Hollow", "Granite Falls", "Mesa Verde", "Bluebonnet",
];

const LEA_ID = 255950;

/** Schools at a level: the district's neighbourhoods split evenly among them. */
function schoolCounts(students: number): number[] {
  // At least two elementary schools so that mid-year transfers exist even in small districts.
  const total = Math.max(4, Math.round(students / 500));
  const elementary = Math.max(2, Math.round((total * 6) / GRADES));
  const middle = Math.max(1, Math.round((total * 3) / GRADES));
  return [elementary, middle, Math.max(1, total - elementary - middle)];
}

/** Neighbourhoods are intervals of [0, 1); rank r of n covers [r/n, (r+1)/n). */
const overlaps = (r: number, n: number, q: number, m: number) => r * m < (q + 1) * n && q * n < (r + 1) * m;

export function planEdOrgs(students: number): EdOrgPlan {
  const schools: SchoolPlan[] = [];
  const byLevel = schoolCounts(students).map((count, level) =>
    range(0, count - 1).map((rank) => {
      const place = PLACES[rank % PLACES.length] + (rank < PLACES.length ? "" : ` ${Math.floor(rank / PLACES.length) + 1}`);
      const school = { index: schools.length, id: LEA_ID * 1000 + schools.length + 1, name: `${place} ${LEVELS[level].name} School`, level, rank };
      schools.push(school);
      return school;
    }),
  );
  const feeders: [number, number][] = [];
  for (let level = 1; level < LEVELS.length; level++)
    for (const from of byLevel[level - 1])
      for (const to of byLevel[level])
        if (overlaps(from.rank, byLevel[level - 1].length, to.rank, byLevel[level].length)) feeders.push([from.index, to.index]);
  return {
    sea: { id: 48, name: "Texas Education Agency" },
    esc: { id: 4800013, name: "Region 13 Education Service Center" },
    lea: { id: LEA_ID, name: "Riverbend Independent School District" },
    schools,
    byLevel,
    feeders,
  };
}

/** The school of a level serving a neighbourhood h in [0, 1). */
export const schoolFor = (plan: EdOrgPlan, level: number, h: number) => {
  const schools = plan.byLevel[level];
  return schools[Math.floor(h * schools.length)];
};
