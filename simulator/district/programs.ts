// District programs and cohorts, and students' memberships in them. Memberships follow the student's
// traits (English learners in bilingual education, students with a disability in special education,
// economically disadvantaged students in Title I and free or reduced-price meals) and begin on the
// student's first day in the district's years.
import { unit } from "../random.js";
import { uri, type Code } from "./descriptors.js";
import type { Model } from "./model.js";
import { leaRef, studentRef } from "./references.js";
import { firstDay } from "./students.js";
import { beginLater, endAfter, Groups, revise, variants } from "./table.js";
import { disabled, economicallyDisadvantaged, englishLearner, gifted } from "./traits.js";
import type { EdfiRecord, Table } from "./types.js";

const PROGRAMS: { name: string; type: Code<"ProgramType"> }[] = [
  { name: "Bilingual Education", type: "Bilingual" },
  { name: "Gifted and Talented", type: "Gifted and Talented" },
  { name: "Title I Part A", type: "Title I Part A" },
  { name: "Special Education", type: "Special Education" },
  { name: "School Food Service", type: "Other" },
];
const [BILINGUAL, GIFTED, TITLE_I, SPECIAL_EDUCATION, FOOD_SERVICE] = [0, 1, 2, 3, 4];

const COHORTS: { id: string; description: string; type: Code<"CohortType">; program?: number }[] = [
  { id: "TUTORING", description: "After-school tutoring", type: "Tutoring", program: TITLE_I },
  { id: "ATTENDANCE", description: "Attendance intervention", type: "Attendance Intervention" },
  { id: "READING", description: "Reading intervention", type: "Academic Intervention" },
  { id: "ROBOTICS", description: "Robotics club", type: "Extracurricular Activity" },
];
const COHORT_SHARE = 0.08;

const programRef = (m: Model, p: number) => ({
  educationOrganizationId: m.edorgs.lea.id,
  programName: PROGRAMS[p].name,
  programTypeDescriptor: uri("ProgramType", PROGRAMS[p].type),
});

const cohortRef = (m: Model, c: number) => ({ cohortIdentifier: COHORTS[c].id, educationOrganizationId: m.edorgs.lea.id });

/**
 * A leaf table of student memberships: members(student) lists what a student belongs to, each giving
 * one record. Inserts are the same memberships with a later beginDate; updates end a membership.
 */
function memberships(m: Model, members: (student: number) => number[], record: (student: number, item: number) => EdfiRecord): Table {
  const groups = new Groups(m.roster.total, (student) => members(student).length);
  const base = (i: number) => {
    const student = groups.owner(i);
    return record(student, members(student)[i - groups.start(student)]);
  };
  return {
    count: groups.total,
    leaf: true,
    record: base,
    insert: variants(groups.total, base, beginLater),
    update: endAfter(120, 60),
  };
}

export function programTables(m: Model): Record<string, Table> {
  const { seed } = m;
  /** The programs (of trait–program pairs) a student is in. */
  const programsFor =
    (...pairs: [(seed: number, student: number) => boolean, number][]) =>
    (student: number) =>
      pairs.filter(([trait]) => trait(seed, student)).map(([, program]) => program);
  const association = (student: number, p: number) => ({
    beginDate: firstDay(m, student),
    educationOrganizationReference: leaRef(m),
    programReference: programRef(m, p),
    studentReference: studentRef(student),
  });

  return {
    programs: {
      count: PROGRAMS.length,
      leaf: false,
      record: (p) => {
        const { educationOrganizationId, ...identity } = programRef(m, p);
        return { ...identity, educationOrganizationReference: { educationOrganizationId }, programId: `P${p + 1}` };
      },
      update: revise("programId"),
    },
    studentProgramAssociations: memberships(
      m,
      programsFor([englishLearner, BILINGUAL], [gifted, GIFTED], [economicallyDisadvantaged, TITLE_I]),
      association,
    ),
    studentSpecialEducationProgramAssociations: memberships(
      m,
      programsFor([disabled, SPECIAL_EDUCATION]),
      (student, p) => ({ ...association(student, p), ideaEligibility: true }),
    ),
    studentSchoolFoodServiceProgramAssociations: memberships(
      m,
      programsFor([economicallyDisadvantaged, FOOD_SERVICE]),
      (student, p) => {
        const reduced = unit(seed, student, FOOD_SERVICE) < 0.3;
        const services: Code<"SchoolFoodServiceProgramService">[] = reduced ? ["Reduced Price Breakfast", "Reduced Price Lunch"] : ["Free Breakfast", "Free Lunch"];
        return {
          ...association(student, p),
          schoolFoodServiceProgramServices: services.map((s) => ({ schoolFoodServiceProgramServiceDescriptor: uri("SchoolFoodServiceProgramService", s) })),
        };
      },
    ),
    cohorts: {
      count: COHORTS.length,
      leaf: false,
      record: (c) => ({
        cohortIdentifier: COHORTS[c].id,
        educationOrganizationReference: leaRef(m),
        cohortDescription: COHORTS[c].description,
        cohortTypeDescriptor: uri("CohortType", COHORTS[c].type),
        programs: COHORTS[c].program === undefined ? [] : [{ programReference: programRef(m, COHORTS[c].program) }],
      }),
      update: revise("cohortDescription"),
    },
    studentCohortAssociations: memberships(
      m,
      // Student 0 is in every cohort so that tiny districts have members.
      (student) => COHORTS.map((_, c) => c).filter((c) => student === 0 || unit(seed, student, 0x636f68, c) < COHORT_SHARE),
      (student, c) => ({ beginDate: firstDay(m, student), cohortReference: cohortRef(m, c), studentReference: studentRef(student) }),
    ),
  };
}
