// Grades: for every student section association, a grade per grading period of its session and a
// semester grade (their average) on the session's last grading period. Scores follow a per-student
// ability with per-course noise, so grades are consistent across a student's courses and some fail.
import { unit } from "../random.js";
import { uri } from "./descriptors.js";
import type { Model } from "./model.js";
import { gradingPeriodRef, studentSectionAssociationRef } from "./references.js";
import { SLOTS } from "./schedule.js";
import { SECTIONS_PER_YEAR } from "./students.js";
import type { EdfiRecord, Table } from "./types.js";

const ABILITY = 0x6162696c;
const SCORE = 0x73636f72;
/** Two grading-period grades and a semester grade per section association. */
const PER_SECTION = 3;

const GRADING_PERIOD = uri("GradeType", "Grading Period");
const SEMESTER = uri("GradeType", "Semester");
/** Key changes swap a grade type for one no base record uses, and back. */
const SWAPPED = new Map([
  [GRADING_PERIOD, uri("GradeType", "Progress Report")],
  [SEMESTER, uri("GradeType", "Exam")],
]);
for (const [from, to] of [...SWAPPED]) SWAPPED.set(to, from);

/** Roughly normal: sum of three uniforms, centred, unit variance. */
const normal = (...parts: number[]) => 2 * (unit(...parts, 1) + unit(...parts, 2) + unit(...parts, 3) - 1.5);

/** A student's academic standing, roughly standard normal; drives grades and test scores. */
export const ability = (seed: number, student: number) => normal(seed, ABILITY, student);

export const letterGrade = (score: number) => (score >= 90 ? "A" : score >= 80 ? "B" : score >= 70 ? "C" : score >= 60 ? "D" : "F");

export function gradeTables(m: Model): Record<string, Table> {
  const { roster, seed } = m;
  const score = (student: number, year: number, session: number, slot: number, half: number) => {
    const value = 79 + 10 * ability(seed, student) + 6 * normal(seed, SCORE, student, year, session, slot, half);
    return Math.max(30, Math.min(100, Math.round(value)));
  };

  return {
    grades: {
      count: roster.studentYears * SECTIONS_PER_YEAR * PER_SECTION,
      leaf: true,
      record: (i): EdfiRecord => {
        const placement = roster.placement(Math.floor(i / (SECTIONS_PER_YEAR * PER_SECTION)));
        const r = i % (SECTIONS_PER_YEAR * PER_SECTION);
        const session = Math.floor(r / (SLOTS * PER_SECTION));
        const slot = Math.floor(r / PER_SECTION) % SLOTS;
        const kind = r % PER_SECTION;
        const year = m.years[placement.t].year;
        const halves = [0, 1].map((half) => score(placement.student, year, session, slot, half));
        const numeric = kind < 2 ? halves[kind] : Math.round((halves[0] + halves[1]) / 2);
        return {
          gradeTypeDescriptor: kind < 2 ? GRADING_PERIOD : SEMESTER,
          gradingPeriodReference: gradingPeriodRef(m, placement.t, placement.schools[session], 2 * session + Math.min(kind, 1)),
          studentSectionAssociationReference: studentSectionAssociationRef(m, placement, session, slot),
          letterGradeEarned: letterGrade(numeric),
          numericGradeEarned: numeric,
        };
      },
      // A grade correction of a few points.
      update: (record, revision) => {
        const before = Number(record.numericGradeEarned);
        const numeric = before + (before >= 50 ? -1 : 1) * (1 + (revision % 5));
        return { ...record, numericGradeEarned: numeric, letterGradeEarned: letterGrade(numeric) };
      },
      changeKey: (record) => ({ ...record, gradeTypeDescriptor: SWAPPED.get(String(record.gradeTypeDescriptor)) }),
    },
  };
}
