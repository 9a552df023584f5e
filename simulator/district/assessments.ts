// State assessments: English and math in grades 3–8 and 10, three objectives each (scored and given a
// performance level), taken by every student of a tested grade each spring. Scale scores follow the
// student's ability (as grades do).
import { unit } from "../random.js";
import { GRADE_LEVELS, uri, type Code } from "./descriptors.js";
import { ability } from "./grades.js";
import type { Model } from "./model.js";
import { schoolYearRef, studentRef, studentUniqueId } from "./references.js";
import { Groups, pad, revise, variants } from "./table.js";
import type { EdfiRecord, Table } from "./types.js";

const NAMESPACE = "uri://ed-fi.org/Assessment";
const TESTED_GRADES = [3, 4, 5, 6, 7, 8, 10];
const SUBJECTS: { code: string; subject: Code<"AcademicSubject">; objectives: string[] }[] = [
  { code: "ELA", subject: "English Language Arts", objectives: ["Reading Literature", "Reading Informational Text", "Writing"] },
  { code: "MATH", subject: "Mathematics", objectives: ["Number and Operations", "Algebraic Reasoning", "Geometry and Measurement"] },
];
const OBJECTIVES = 3;
const [MIN_SCALE, MAX_SCALE, MAX_RAW] = [1000, 2000, 60];
const OBJECTIVE_RAW = MAX_RAW / OBJECTIVES;
/** Scale-score cuts: the lowest score of each performance level. */
const LEVELS: [Code<"PerformanceLevel">, number][] = [
  ["Below Basic", MIN_SCALE],
  ["Basic", 1400],
  ["Proficient", 1550],
  ["Advanced", 1700],
];
const SCALE = uri("AssessmentReportingMethod", "Scale score");
const RAW = uri("AssessmentReportingMethod", "Raw score");
const INTEGER = uri("ResultDatatypeType", "Integer");
const SCORE = 0x61737373;

/** Assessments ordered by subject, then tested grade. */
const ASSESSMENTS = SUBJECTS.flatMap((s) => TESTED_GRADES.map((grade) => ({ ...s, grade, id: `STATE-${s.code}-${pad(grade)}` })));

const assessmentRef = (a: number) => ({ assessmentIdentifier: ASSESSMENTS[a].id, namespace: NAMESPACE });
const objectiveCode = (a: number, o: number) => `${ASSESSMENTS[a].code}-${o + 1}`;
const performanceLevel = (scale: number) => LEVELS.filter(([, cut]) => scale >= cut).at(-1)![0];
const scoreRange = (method: string, max: number, min = 0) => ({
  assessmentReportingMethodDescriptor: method,
  resultDatatypeTypeDescriptor: INTEGER,
  minimumScore: String(min),
  maximumScore: String(max),
});
const result = (method: string, value: number) => ({ assessmentReportingMethodDescriptor: method, resultDatatypeTypeDescriptor: INTEGER, result: String(value) });

export function assessmentTables(m: Model): Record<string, Table> {
  const { roster, seed } = m;
  const testedIndex = (grade: number) => TESTED_GRADES.indexOf(grade);
  const taken = new Groups(roster.studentYears, (u) => {
    return testedIndex(roster.grade(roster.studentOf(u), m.years[roster.yearOf(u)].year)) >= 0 ? SUBJECTS.length : 0;
  });

  const studentAssessment = (i: number): EdfiRecord => {
    const u = taken.owner(i);
    const subject = i - taken.start(u);
    const placement = roster.placement(u);
    const plan = m.years[placement.t];
    const a = subject * TESTED_GRADES.length + testedIndex(placement.grade);
    const noise = unit(seed, SCORE, placement.student, plan.year, subject) - 0.5;
    const scale = Math.max(MIN_SCALE, Math.min(MAX_SCALE, Math.round(1550 + 130 * ability(seed, placement.student) + 150 * noise)));
    const raw = Math.round(((scale - MIN_SCALE) / (MAX_SCALE - MIN_SCALE)) * MAX_RAW);
    const level = { assessmentReportingMethodDescriptor: SCALE, performanceLevelDescriptor: uri("PerformanceLevel", performanceLevel(scale)), performanceLevelMet: true };
    return {
      studentAssessmentIdentifier: `${plan.year}-${ASSESSMENTS[a].code}-${studentUniqueId(placement.student)}`,
      assessmentReference: assessmentRef(a),
      studentReference: studentRef(placement.student),
      schoolYearTypeReference: schoolYearRef(m, placement.t),
      // Spring testing window, about six weeks before the last day.
      administrationDate: `${plan.days[plan.days.length - 30 - subject]}T09:00:00Z`,
      whenAssessedGradeLevelDescriptor: uri("GradeLevel", GRADE_LEVELS[placement.grade]),
      serialNumber: "Form A",
      scoreResults: [result(SCALE, scale), result(RAW, raw)],
      performanceLevels: [level],
      studentObjectiveAssessments: ASSESSMENTS[a].objectives.map((_, o) => {
        const objectiveRaw = Math.max(0, Math.min(OBJECTIVE_RAW, Math.round(raw / OBJECTIVES + 4 * (unit(seed, SCORE, placement.student, plan.year, subject, o) - 0.5))));
        // An objective's level is the overall level its raw score would earn on the whole test's scale.
        const objectiveLevel = performanceLevel(MIN_SCALE + (objectiveRaw / OBJECTIVE_RAW) * (MAX_SCALE - MIN_SCALE));
        return {
          objectiveAssessmentReference: { ...assessmentRef(a), identificationCode: objectiveCode(a, o) },
          scoreResults: [result(RAW, objectiveRaw)],
          performanceLevels: [{ assessmentReportingMethodDescriptor: RAW, performanceLevelDescriptor: uri("PerformanceLevel", objectiveLevel), performanceLevelMet: true }],
        };
      }),
    };
  };

  return {
    assessments: {
      count: ASSESSMENTS.length,
      leaf: false,
      record: (a) => {
        const { subject, grade } = ASSESSMENTS[a];
        return {
          ...assessmentRef(a),
          assessmentTitle: `State ${subject} Grade ${grade}`,
          assessmentVersion: m.years[0].year,
          assessmentCategoryDescriptor: uri("AssessmentCategory", grade <= 8 ? "State summative assessment 3-8 general" : "State high school subject assessment"),
          academicSubjects: [{ academicSubjectDescriptor: uri("AcademicSubject", subject) }],
          assessedGradeLevels: [{ gradeLevelDescriptor: uri("GradeLevel", GRADE_LEVELS[grade]) }],
          scores: [scoreRange(SCALE, MAX_SCALE, MIN_SCALE), scoreRange(RAW, MAX_RAW)],
          performanceLevels: LEVELS.map(([level, cut], l) => ({
            ...scoreRange(SCALE, (LEVELS[l + 1]?.[1] ?? MAX_SCALE + 1) - 1, cut),
            performanceLevelDescriptor: uri("PerformanceLevel", level),
          })),
          maxRawScore: MAX_RAW,
        };
      },
      update: revise("assessmentTitle"),
    },
    objectiveAssessments: {
      count: ASSESSMENTS.length * OBJECTIVES,
      leaf: false,
      record: (i) => {
        const a = Math.floor(i / OBJECTIVES);
        const o = i % OBJECTIVES;
        return {
          identificationCode: objectiveCode(a, o),
          assessmentReference: assessmentRef(a),
          description: ASSESSMENTS[a].objectives[o],
          percentOfAssessment: Math.round(1000 / OBJECTIVES) / 10,
          maxRawScore: OBJECTIVE_RAW,
          scores: [scoreRange(RAW, OBJECTIVE_RAW)],
        };
      },
      update: revise("description"),
    },
    studentAssessments: {
      count: taken.total,
      leaf: true,
      record: studentAssessment,
      // A retest: the same student and assessment under a new identifier.
      insert: variants(taken.total, studentAssessment, (record, n) => ({ ...record, studentAssessmentIdentifier: `${record.studentAssessmentIdentifier}-R${n}` })),
      update: revise("serialNumber"),
    },
  };
}
